"""Documents from the web: article URLs and RSS/Atom feeds.

A :class:`Fetcher` downloads with httpx under a clear User-Agent, a timeout, a size limit
and retries with exponential backoff on server errors and time-outs. It refuses any host
that resolves to a non-public address (private, loopback, link-local, reserved,
multicast) unless ``allow_private``: every address the host resolves to is checked before
each request, redirects are followed one by one so that each hop is checked, and the
address actually connected to is checked again when the transport reports it. A feed's
entries are fetched as pages, each becoming one document; a failing entry is one
:class:`~thucydides.errors.InputError` and the others go on.

The transport and the name resolver are parameters, so tests run without a network.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import httpx

from thucydides.errors import InputError, Msg
from thucydides.ingest.html import extract_page
from thucydides.ingest.sources import _guard as guard
from thucydides.ingest.text import make_document
from thucydides.model import Document

Resolver = Callable[[str, int], list[str]]
Outcome = Document | InputError
_RETRY_STATUS = 500
_FEED_TYPES = ("rss", "atom", "xml")
_FEED_STARTS = (b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")


def user_agent() -> str:
    from thucydides import __version__

    return f"thucydides/{__version__} (+https://github.com/thucydides)"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    timeout: float = 20.0  # seconds, for connecting and for each read
    max_bytes: int = 10_000_000
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


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback
    return ip.is_global and not ip.is_multicast


class Fetcher:
    def __init__(
        self,
        settings: FetchSettings = FetchSettings(),
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = resolve_host,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.resolver = resolver
        self.sleep = sleep
        self.client = httpx.Client(
            transport=transport,
            timeout=settings.timeout,
            follow_redirects=False,  # followed by hand: every hop's address is checked
            headers={"User-Agent": user_agent()},
        )

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
        for number, entry in enumerate(feed.entries, start=1):
            link = entry.get("link")
            if not link:
                yield InputError(f"{page.url}#{number}", Msg.E035, detail="entry has no link")
                continue
            link = str(httpx.URL(page.final_url).join(link))
            if skip(link):
                continue
            title = entry.get("title") or None
            try:
                article = self.fetch(link)
            except InputError as error:
                yield error
                continue
            # The feed's date is the publisher's own; a page's date is often trafilatura's
            # guess (a copyright year in the footer reads as 1 January).
            day = published or _entry_date(entry)
            yield guard(partial(_page_document, article, day, None, title), link)

    def fetch(self, url: str) -> Page:
        """GET ``url``, following redirects by hand; raise :class:`InputError` on failure."""
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            answer = self._get_with_retries(url, current)
            if isinstance(answer, _Redirect):
                current = answer.location
                continue
            content, content_type, encoding = answer
            return Page(url, current, content, content_type, encoding)
        raise InputError(url, Msg.E034, limit=self.settings.max_redirects)

    def _get_with_retries(self, origin: str, url: str) -> _Answer:
        attempt = 0
        while True:
            try:
                return self._get(origin, url)
            except _Retryable as exc:
                if attempt >= self.settings.retries:
                    raise InputError(origin, Msg.E031, detail=exc.detail) from None
                self.sleep(self.settings.backoff * 2**attempt)
                attempt += 1

    def _get(self, origin: str, url: str) -> _Answer:
        target = httpx.URL(url)
        if target.scheme not in ("http", "https") or not target.host:
            raise InputError(origin, Msg.E033)
        self._check_host(origin, target)
        try:
            with self.client.stream("GET", target) as response:
                self._check_peer(origin, target, response)
                if response.is_redirect and "location" in response.headers:
                    return _Redirect(str(target.join(response.headers["location"])))
                if response.status_code >= _RETRY_STATUS:
                    raise _Retryable(f"HTTP {response.status_code} from {url}")
                if response.status_code >= 400:
                    raise InputError(origin, Msg.E031, detail=f"HTTP {response.status_code}")
                content = self._body(origin, response)
                content_type = str(response.headers.get("content-type", ""))
                return content, content_type, response.encoding or "utf-8"
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc or url}") from exc

    def _check_host(self, origin: str, url: httpx.URL) -> None:
        if self.settings.allow_private:
            return
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = self.resolver(url.host, port)
        except OSError as exc:
            raise InputError(origin, Msg.E031, detail=f"cannot resolve {url.host}: {exc}") from exc
        for address in addresses:
            if not is_public(address):
                raise InputError(origin, Msg.E030, host=url.host, address=address)

    def _check_peer(self, origin: str, url: httpx.URL, response: httpx.Response) -> None:
        """The address really connected to (a second DNS answer may differ from the first)."""
        stream = response.extensions.get("network_stream")
        if self.settings.allow_private or stream is None:
            return
        peer = stream.get_extra_info("server_addr")
        if peer and not is_public(str(peer[0])):
            raise InputError(origin, Msg.E030, host=url.host, address=peer[0])

    def _body(self, origin: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise InputError(origin, Msg.E032, limit=limit)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise InputError(origin, Msg.E032, limit=limit)
            chunks.append(chunk)
        return b"".join(chunks)


@dataclass(frozen=True, slots=True)
class _Redirect:
    location: str


_Answer = tuple[bytes, str, str] | _Redirect


class _Retryable(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


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
