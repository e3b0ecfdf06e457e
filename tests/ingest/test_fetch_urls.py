"""Every URL is checked before anything is sent: a URL that cannot be parsed, or is not
http(s), is one coded error for its document, never a traceback (#20 F13), and a feed's bad
entry costs that entry alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from tests.ingest.fetch_servers import answer, local_server, routes
from tests.pages import wrap_in_page
from thucydides.cli import app
from thucydides.errors import InputError
from thucydides.ingest.fetch import Fetcher, FetchSettings
from thucydides.model import Document
from thucydides.pipeline import Pipeline
from thucydides.store.ingest import is_url, read_sources, site_of

ARTICLE = wrap_in_page(
    "Thailand expels Cambodian envoy\n\nThailand expelled the Cambodian ambassador on "
    "Wednesday after a landmine wounded five Thai soldiers on patrol near the border."
)
BAD_URLS = [
    "http://0177.0.0.1/",  # an octal address: httpx refuses to parse it
    "http://[::1/x",  # an unclosed IPv6 literal
    "http://[v1.x]/",
    "http://xn--/",  # an empty punycode label
    "http://example.com:99999/",  # no such port
    "http://example.com:0/",
    "http://example.com/\x00",
]
CODE = re.compile(r"\bE0[0-9]{2}\b")
Invoke = Callable[[list[str]], Result]


@pytest.fixture
def invoke(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run the command line with the session's pipeline (loading spaCy costs seconds)."""
    monkeypatch.setattr("thucydides.cli.Pipeline", lambda _config: pipeline)

    def run(args: list[str]) -> Result:
        return CliRunner().invoke(app, args)

    return run


def _nowhere(host: str, port: int) -> list[str]:
    """A resolver that answers a documentation address, which the guard refuses."""
    return ["192.0.2.1"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_an_unparsable_url_is_one_coded_error(url: str) -> None:
    (error,) = Fetcher(FetchSettings(retries=0), resolver=_nowhere).read(url)
    assert isinstance(error, InputError) and "E037" in str(error), error
    assert error.source == url


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "gopher://x/"])
def test_other_schemes_are_not_http(url: str) -> None:
    (error,) = Fetcher(FetchSettings(retries=0), resolver=_nowhere).read(url)
    assert isinstance(error, InputError) and "E033" in str(error), error


def _feed(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{link}</link>"
        f"<pubDate>Thu, 24 Jul 2025 08:00:00 +0000</pubDate></item>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Wire</title><link>{base}/</link><description>d</description>{items}"
        "</channel></rss>"
    ).encode()


def test_a_bad_feed_entry_is_reported_and_the_others_are_fetched() -> None:
    table = {"/a.html": answer(ARTICLE.encode()), "/b.html": answer(ARTICLE.encode() + b" ")}
    with local_server(routes(table)) as server:
        links = [f"{server.url}/a.html", "http://0177.0.0.1/", "http://[::1/x", "/b.html"]
        links.append("http://x.example/&#27;[2J")  # an escape sequence is not echoed
        table["/feed.xml"] = answer(_feed(server.url, links), "application/rss+xml")
        outcomes = list(
            Fetcher(FetchSettings(allow_private=True, retries=0)).read(f"{server.url}/feed.xml")
        )
    first, octal, unclosed, last, escaped = outcomes
    assert isinstance(escaped, InputError) and "E037" in str(escaped)
    assert escaped.source == f"{server.url}/feed.xml#5"
    assert isinstance(first, Document) and isinstance(last, Document)
    assert last.url == f"{server.url}/b.html"
    for error, link in [(octal, "http://0177.0.0.1/"), (unclosed, "http://[::1/x")]:
        assert isinstance(error, InputError) and "E037" in str(error)
        assert error.source.endswith(link) or link in error.source


def test_ingest_goes_on_past_a_bad_feed_entry_on_every_run(invoke: Invoke, tmp_path: Path) -> None:
    table = {"/a.html": answer(ARTICLE.encode())}
    with local_server(routes(table)) as server:
        links = ["http://[::1/x", f"{server.url}/a.html"]
        table["/feed.xml"] = answer(_feed(server.url, links), "application/rss+xml")
        args = ["ingest", f"{server.url}/feed.xml", "--db", str(tmp_path / "s.sqlite")]
        runs = [invoke([*args, "--allow-private", "--retries", "0"]) for _ in range(2)]
    for run, stored in zip(runs, ["1 documents stored", "0 documents stored"], strict=True):
        assert run.exception is None or isinstance(run.exception, SystemExit), run.exception
        assert run.exit_code == 1 and "E037" in run.stderr and stored in run.stderr


OTHER_SCHEMES = ["ftp://example.com/a.txt", "file:///etc/passwd", "gopher://x/", "dict://x/d:a"]


@pytest.mark.parametrize("command", ["ingest", "code"])
def test_the_commands_say_a_url_is_not_http(invoke: Invoke, command: str, tmp_path: Path) -> None:
    store = ["--db", str(tmp_path / "s.sqlite")] if command == "ingest" else []
    run = invoke([command, *OTHER_SCHEMES, *store])
    assert run.exit_code == 1
    for url in OTHER_SCHEMES:  # not E001 "no such file" for a mangled ftp:/example.com
        assert f"{url}: E033 not an http(s) URL" in run.stderr, run.stderr


def test_code_fetches_a_url_with_the_same_guard(invoke: Invoke) -> None:
    with local_server(answer(ARTICLE.encode())) as server:
        url = f"{server.url}/envoy.html"
        refused = invoke(["code", url])
        fetched = invoke(["code", url, "--allow-private", "--retries", "0"])
    assert refused.exit_code == 1 and f"{url}: E030" in refused.stderr, refused.stderr
    assert fetched.exit_code == 0, fetched.stderr
    assert '"url": "' + url + '"' in fetched.stdout and "expelled" in fetched.stdout


def test_one_size_limit_for_fetched_and_local_documents(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Thailand expelled the Cambodian ambassador on Wednesday. " * 10)
    with local_server(answer(ARTICLE.encode())) as server:
        settings = FetchSettings(allow_private=True, retries=0, max_bytes=200)
        sources = [str(path), server.url]
        local, fetched = read_sources(sources, Fetcher(settings))
    assert isinstance(local, InputError) and "E013" in str(local), local
    assert isinstance(fetched, InputError) and "E032" in str(fetched), fetched


@pytest.mark.parametrize("url", ["http://[::1/x", "http://0177.0.0.1/", "not a url", ""])
def test_the_site_of_a_bad_url_is_unknown(url: str) -> None:
    assert site_of(url) is None


def test_names_that_look_like_urls_are_urls(tmp_path: Path) -> None:
    existing = tmp_path / "notes:draft.txt"
    existing.write_text("x")
    assert is_url("https://example.com/") and is_url("ftp://x/") and is_url("file:///etc")
    assert is_url("HTTP://EXAMPLE.COM") and is_url("gopher://x/")
    assert not is_url("notes.txt") and not is_url("-") and not is_url(str(existing))
    assert not is_url("C:\\corpus\\a.txt")  # a Windows drive letter is not a scheme


_SCHEMES = st.sampled_from(["http", "https", "HTTPS", "ftp", "file", "javascript", "", "h t"])
_SEPARATORS = st.sampled_from(["://", ":/", ":", ":///", "://user:pw@"])
_HOSTS = st.one_of(
    st.ip_addresses(v=4).map(str),
    st.ip_addresses(v=6).map(lambda a: f"[{a}]"),
    st.ip_addresses(v=6).map(str),
    st.from_regex(r"\[[0-9a-fA-F:.%v]{0,20}\]?", fullmatch=True),
    st.from_regex(r"(0[0-7]{1,4}|0x[0-9a-f]{1,3}|[0-9]{1,10})(\.[0-9x]{1,4}){0,3}", fullmatch=True),
    st.from_regex(
        r"([a-z0-9-]{0,70}|xn--[a-z0-9-]{0,8}|%[0-9A-Fa-f]{2})(\.[a-z0-9%-]{0,8}){0,3}",
        fullmatch=True,
    ),
    st.text(max_size=20),
)
_PORTS = st.one_of(
    st.just(""),
    st.integers(-5, 70_000).map(lambda p: f":{p}"),
    st.text(max_size=4).map(":".__add__),
)
_PATHS = st.one_of(st.just("/"), st.text(max_size=20), st.from_regex(r"(/%[0-9A-Fa-f]{0,2}){0,4}"))
_URLS = st.one_of(
    st.builds("".join, st.tuples(_SCHEMES, _SEPARATORS, _HOSTS, _PORTS, _PATHS)), st.text()
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(url=_URLS)
def test_any_url_gives_coded_errors_and_never_an_exception(url: str) -> None:
    outcomes = list(_FETCHER.read(url))
    assert len(outcomes) == 1
    (error,) = outcomes
    assert isinstance(error, InputError) and CODE.search(str(error)), error


_FETCHER = Fetcher(FetchSettings(retries=0), resolver=_nowhere)
