"""Documents from the web: article URLs and RSS/Atom feeds.

A :class:`Fetcher` downloads with httpx under a clear User-Agent and within limits that a
hostile server cannot stretch:

- every URL (given, redirected to, or a feed entry's link) is parsed and checked first: one
  that cannot be parsed is ``E037``, one that is not http(s) ``E033``, for its document alone;
- a host is refused (``E030``) if any address it resolves to is not public (private,
  loopback, link-local, reserved, multicast, or an IPv6 address embedding such an IPv4),
  unless ``allow_private``; the check happens when the connection is made and the socket is
  connected to the address checked, so a second DNS answer cannot differ from the first;
- one deadline (``timeout``) covers a whole request: connecting, TLS, the headers, the body
  and every redirect (``E036``);
- the size limit applies to the bytes received and to each decoded Content-Encoding layer
  as it streams (``E032``); at most two encodings may be stacked (``E038``);
- 5xx answers, time-outs and lost connections are retried with exponential backoff, each
  retry starting again from the URL asked for, with a fresh deadline.

A feed's entries are fetched as pages, each becoming one document; a failing entry is one
:class:`~thucydides.errors.InputError` and the others go on.

The transport and the name resolver are parameters, so tests run without a network (a
transport given replaces the guarded one, so it is for tests only).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from thucydides.errors import InputError, Msg
from thucydides.ingest._decode import TooLarge, Undecodable, decode_body
from thucydides.ingest._guard import is_public, resolve_host
from thucydides.ingest._transport import (
    DeadlineExceeded,
    GuardedTransport,
    Refused,
    Resolver,
    Unresolvable,
    check_deadline,
    deadline,
)
from thucydides.ingest.html import extract_page
from thucydides.ingest.sources import _guard as guard
from thucydides.ingest.text import make_document
from thucydides.model import Document

__all__ = [
    "FetchSettings",
    "Fetcher",
    "Page",
    "check_url",
    "is_public",
    "looks_like_url",
    "resolve_host",
    "user_agent",
]

Outcome = Document | InputError
_RETRY_STATUS = 500
_FEED_TYPES = ("rss", "atom", "xml")
_FEED_STARTS = (b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")  # two letters or more: C: is a drive


def user_agent() -> str:
    from thucydides import __version__

    return f"thucydides/{__version__} (+https://github.com/thucydides)"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    timeout: float = 20.0  # seconds for a whole request: connect, headers, body, redirects
    max_bytes: int = 10_000_000  # of the body received, and of each decoded layer
    retries: int = 3  # further attempts after a 5xx answer, a time-out or a lost connection
    backoff: float = 0.5  # seconds before the first retry, doubled for each next one
    max_redirects: int = 5
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # the URL asked for, which the stored document keeps (so re-ingests skip it)
    final_url: str
    content: bytes
    content_type: str
    encoding: str


def looks_like_url(name: str) -> bool:
    """Whether an input names a URL (``https:``, ``ftp:``, ``file:`` ...), not a file.

    Any scheme counts, so that ``ftp://...`` is refused as not http(s) (``E033``) instead of
    reported as a missing file; an existing file whose name looks like a URL stays a file.
    """
    return _SCHEME.match(name) is not None and not Path(name).exists()


def check_url(url: str, source: str, base: httpx.URL | None = None) -> httpx.URL:
    """``url`` (relative to ``base`` if given) parsed, if it is a usable http(s) URL.

    Raise :class:`InputError` for ``source``: ``E037`` if it cannot be parsed, ``E033`` if
    it is not http(s) with a host.
    """
    try:
        parsed = base.join(url) if base is not None else httpx.URL(url)
        host = parsed.host  # decoded lazily: an undecodable IDNA label fails only here
    except (httpx.InvalidURL, ValueError, TypeError) as exc:  # ValueError: IDNA, ports
        raise InputError(source, Msg.E037, detail=exc) from None
    if parsed.scheme not in ("http", "https") or not host:
        raise InputError(source, Msg.E033)
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise InputError(source, Msg.E037, detail=f"port {parsed.port} out of range")
    return parsed


class Fetcher:
    def __init__(
        self,
        settings: FetchSettings = FetchSettings(),
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = resolve_host,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.sleep = sleep
        self.client = httpx.Client(
            transport=transport or GuardedTransport(resolver, settings.allow_private),
            timeout=settings.timeout,
            follow_redirects=False,  # followed by hand: every hop's URL is checked
            # Only what _decode can undo within the size limit.
            headers={"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate"},
            trust_env=False,  # no proxy or .netrc from the environment: the guard decides
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def read(
        self,
        url: str,
        published: date | None = None,
        skip: Callable[[str], bool] = lambda _url: False,
    ) -> Iterator[Outcome]:
        """The document at ``url``, or one per entry when it is a feed.

        ``skip`` says which article URLs need no fetching (already stored); ``published``
        overrides the dates found in feeds and pages.
        """
        if skip(url):
            return
        try:
            page = self.fetch(url)
        except InputError as error:
            yield error
            return
        feed = _parse_feed(page)
        if feed is None:
            yield guard(partial(_page_document, page, published, None, None), url)
            return
        yield from self._entries(page, feed, published, skip)

    def _entries(
        self, page: Page, feed: Any, published: date | None, skip: Callable[[str], bool]
    ) -> Iterator[Outcome]:
        if not feed.entries:
            yield InputError(page.url, Msg.E035, detail="no entries")
        base = httpx.URL(page.final_url)
        for number, entry in enumerate(feed.entries, start=1):
            link = entry.get("link")
            if not link:
                yield InputError(f"{page.url}#{number}", Msg.E035, detail="entry has no link")
                continue
            # A link is the feed's text: one with control characters is not echoed.
            source = link if link.isprintable() else f"{page.url}#{number}"
            try:
                link = str(check_url(link, source, base))
            except InputError as error:
                yield error
                continue
            if skip(link):
                continue
            yield self._entry_document(link, entry, published)

    def _entry_document(self, link: str, entry: Any, published: date | None) -> Outcome:
        try:
            article = self.fetch(link)
        except InputError as error:
            return error
        # The feed's date is the publisher's own; a page's date is often trafilatura's
        # guess (a copyright year in the footer reads as 1 January).
        day = published or _entry_date(entry)
        title = entry.get("title") or None
        return guard(partial(_page_document, article, day, None, title), link)

    def fetch(self, url: str) -> Page:
        """GET ``url``, following redirects by hand; raise :class:`InputError` on failure."""
        target = check_url(url, url)
        attempt = 0
        while True:
            try:
                return self._attempt(url, target)
            except _Retryable as exc:
                if attempt >= self.settings.retries:
                    raise InputError(url, exc.msg, **exc.fields) from None
                self.sleep(self.settings.backoff * 2**attempt)
                attempt += 1

    def _attempt(self, origin: str, target: httpx.URL) -> Page:
        """One try at ``origin``, redirects included, under one deadline."""
        current = target
        with deadline(self.settings.timeout):
            for _hop in range(self.settings.max_redirects + 1):
                answer = self._get(origin, current)
                if isinstance(answer, _Redirect):
                    current = answer.location
                    continue
                content, content_type, encoding = answer
                return Page(origin, str(current), content, content_type, encoding)
        raise InputError(origin, Msg.E034, limit=self.settings.max_redirects)

    def _get(self, origin: str, url: httpx.URL) -> _Answer:
        try:
            with self.client.stream("GET", url) as response:
                return self._answer(origin, url, response)
        except Refused as exc:
            raise InputError(origin, Msg.E030, host=exc.host, address=exc.address) from None
        except Unresolvable as exc:
            raise InputError(origin, Msg.E031, detail=exc) from None
        except DeadlineExceeded:
            raise _Retryable(Msg.E036, seconds=self.settings.timeout) from None
        except httpx.TransportError as exc:
            detail = f"{type(exc).__name__}: {exc or url}"
            raise _Retryable(Msg.E031, detail=detail) from exc

    def _answer(self, origin: str, url: httpx.URL, response: httpx.Response) -> _Answer:
        if response.is_redirect and "location" in response.headers:
            return _Redirect(check_url(response.headers["location"], origin, url))
        if response.status_code >= _RETRY_STATUS:
            raise _Retryable(Msg.E031, detail=f"HTTP {response.status_code} from {url}")
        if response.status_code >= 400:
            raise InputError(origin, Msg.E031, detail=f"HTTP {response.status_code}")
        content = self._body(origin, response)
        content_type = str(response.headers.get("content-type", ""))
        return content, content_type, response.encoding or "utf-8"

    def _body(self, origin: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise InputError(origin, Msg.E032, limit=limit)
        encoding = response.headers.get("content-encoding", "")
        try:
            return decode_body(response.iter_raw(), encoding, limit, tick=check_deadline)
        except TooLarge:
            raise InputError(origin, Msg.E032, limit=limit) from None
        except Undecodable as exc:
            raise InputError(origin, Msg.E038, detail=exc) from None


@dataclass(frozen=True, slots=True)
class _Redirect:
    location: httpx.URL


_Answer = tuple[bytes, str, str] | _Redirect


class _Retryable(Exception):
    """A failure worth another try; ``msg`` and ``fields`` make the error if none is left."""

    def __init__(self, msg: Msg, **fields: object) -> None:
        super().__init__(msg.format(**fields))
        self.msg = msg
        self.fields = fields


def _parse_feed(page: Page) -> Any | None:
    """The parsed feed if the page is an RSS/Atom feed, else None."""
    head = page.content.lstrip()[:64].lower()
    kind = page.content_type.lower()
    if not (any(t in kind for t in _FEED_TYPES) or head.startswith(_FEED_STARTS)):
        return None
    import feedparser  # imported lazily: only feeds need it

    # Given bytes, feedparser parses them; it is never handed a URL to fetch on its own.
    parsed = feedparser.parse(page.content)
    return parsed if parsed.get("version") else None


def _entry_date(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _page_document(
    page: Page, published: date | None, fallback: date | None, title: str | None
) -> Document:
    html = page.content.decode(page.encoding or "utf-8", errors="replace")
    extracted = extract_page(page.url, html, url=page.final_url)
    return make_document(
        page.url,
        extracted.text,
        published=published or extracted.published or fallback,
        title=title or extracted.title,
        url=page.url,
    )
