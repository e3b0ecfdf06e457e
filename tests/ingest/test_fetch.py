"""URL and feed ingestion against a local HTTP server on 127.0.0.1, and the refusals.

Nothing here leaves the machine: pages and an RSS feed are served from a thread on the
loopback address (allowed with ``allow_private``), and the retry cases use an in-memory
httpx transport. The guard's redirect and resolver cases are in ``test_fetch_guard.py``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from typer.testing import CliRunner

from tests.pages import wrap_in_page
from thucydides.cli import app
from thucydides.errors import InputError
from thucydides.ingest.fetch import Fetcher, FetchSettings, is_public, user_agent
from thucydides.model import Document
from thucydides.pipeline import Pipeline

ARTICLES = {
    "/news/ceasefire.html": (
        "India and Pakistan agree to ceasefire\n\nIndia and Pakistan agreed to a ceasefire on "
        "Saturday after four days of cross-border strikes, officials in both capitals said.\n\n"
        "The truce took effect at five in the evening."
    ),
    "/news/envoy.html": (
        "Thailand expels Cambodian envoy\n\nThailand expelled the Cambodian ambassador on "
        "Wednesday after a landmine wounded five Thai soldiers on patrol near the border.\n\n"
        "The border remains tense."
    ),
}


def _feed(base: str) -> str:
    items = [
        ("India and Pakistan agree to ceasefire", "/news/ceasefire.html", "Sat, 10 May 2025"),
        ("Thailand expels Cambodian envoy", "/news/envoy.html", "Thu, 24 Jul 2025"),
        ("A story that was taken down", "/news/gone.html", "Fri, 25 Jul 2025"),
    ]
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link>"
        f"<pubDate>{day} 08:00:00 +0000</pubDate></item>"
        for title, path, day in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Test wire</title><link>{base}/</link><description>t</description>"
        f"{entries}</channel></rss>"
    )


class _Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str]]] = []  # (path, User-Agent)

    def do_GET(self) -> None:
        _Handler.requests.append((self.path, self.headers.get("User-Agent", "")))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed.xml":
            self._send(200, _feed(base).encode(), "application/rss+xml")
        elif self.path in ARTICLES:
            self._send(200, wrap_in_page(ARTICLES[self.path]).encode(), "text/html")
        elif self.path == "/big.html":
            self._send(200, b"<html>" + b"x" * 50_000 + b"</html>", "text/html")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


ALLOW = FetchSettings(allow_private=True, timeout=5, retries=0)


def test_a_feed_gives_one_document_per_entry_and_reports_the_broken_one(server: str) -> None:
    outcomes = list(Fetcher(ALLOW).read(f"{server}/feed.xml"))
    assert len(outcomes) == 3
    first, second, gone = outcomes
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.url == f"{server}/news/ceasefire.html"
    assert first.published == date(2025, 5, 10)  # from the feed entry
    assert first.title == "India and Pakistan agree to ceasefire"
    assert "Leave a Reply" not in first.text and "agreed to a ceasefire" in first.text
    assert second.published == date(2025, 7, 24)
    assert isinstance(gone, InputError)
    assert gone.source.endswith("/news/gone.html") and "E031" in str(gone)
    assert "HTTP 404" in str(gone)


def test_the_user_agent_names_the_project(server: str) -> None:
    list(Fetcher(ALLOW).read(f"{server}/news/envoy.html"))
    agent = next(ua for path, ua in _Handler.requests if path == "/news/envoy.html")
    assert agent == user_agent()
    assert agent.startswith("thucydides/") and "(+https://github.com/thucydides)" in agent


def test_a_page_url_and_skipping_stored_urls(server: str) -> None:
    url = f"{server}/news/envoy.html"
    (page,) = Fetcher(ALLOW).read(url, published=date(2025, 7, 24))
    assert isinstance(page, Document) and page.url == url
    assert list(Fetcher(ALLOW).read(url, skip=lambda u: u == url)) == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_refused_by_default(server: str, host: str) -> None:
    port = server.rsplit(":", 1)[1]
    before = len(_Handler.requests)
    (error,) = Fetcher(FetchSettings(retries=0)).read(f"http://{host}:{port}/feed.xml")
    assert isinstance(error, InputError) and "E030" in str(error)
    assert len(_Handler.requests) == before  # refused before any request was sent


def test_size_limit(server: str) -> None:
    settings = FetchSettings(allow_private=True, max_bytes=10_000, retries=0)
    (error,) = Fetcher(settings).read(f"{server}/big.html")
    assert isinstance(error, InputError) and "E032" in str(error)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # link-local: cloud metadata endpoints
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(address) is public


def _streamed(status: int, body: bytes) -> httpx.Response:
    """A response whose body is read from a stream, as from the network."""
    return httpx.Response(status, stream=httpx.ByteStream(body))


def test_server_errors_and_timeouts_are_retried_with_backoff() -> None:
    answers = [
        _streamed(503, b""),
        httpx.ReadTimeout("slow"),
        _streamed(200, wrap_in_page(ARTICLES["/news/envoy.html"]).encode()),
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    waits: list[float] = []
    settings = FetchSettings(allow_private=True, retries=3, backoff=0.5)
    fetcher = Fetcher(settings, transport=httpx.MockTransport(handler), sleep=waits.append)
    (page,) = fetcher.read("http://wire.example/story")
    assert isinstance(page, Document)
    assert waits == [0.5, 1.0]


def test_retries_give_up_with_one_error() -> None:
    waits: list[float] = []
    settings = FetchSettings(allow_private=True, retries=2, backoff=1.0)
    transport = httpx.MockTransport(lambda request: _streamed(502, b""))
    (error,) = Fetcher(settings, transport=transport, sleep=waits.append).read("http://x.example/")
    assert isinstance(error, InputError) and "E031" in str(error) and "502" in str(error)
    assert waits == [1.0, 2.0]


def test_not_http_is_refused() -> None:
    (error,) = Fetcher(ALLOW).read("https:///nohost")
    assert isinstance(error, InputError) and "E033" in str(error)


def test_ingest_command_reads_a_feed_once(
    server: str, tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("thucydides.cli.Pipeline", lambda _config: pipeline)  # loaded once
    db = tmp_path / "s.sqlite"
    args = ["ingest", f"{server}/feed.xml", "--db", str(db), "--allow-private", "--retries", "0"]
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 1  # the taken-down story
    assert "gone.html: E031" in first.stderr
    assert "2 documents stored" in first.stderr
    fetched = len(_Handler.requests)
    second = runner.invoke(app, args)
    assert "0 documents stored" in second.stderr and "2 documents" in second.stderr
    article_requests = [p for p, _ in _Handler.requests[fetched:] if p.startswith("/news/")]
    assert article_requests == ["/news/gone.html"]  # stored articles are not fetched again
    refused = runner.invoke(app, ["ingest", f"{server}/feed.xml", "--db", str(db)])
    assert refused.exit_code == 1 and "E030" in refused.stderr
