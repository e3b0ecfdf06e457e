"""The limits a hostile server meets: one deadline per request, and a size limit on the
decoded bytes however many compression layers they come in (#20 F14, F15)."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import tracemalloc
import zlib

import pytest

from tests.ingest.fetch_servers import Respond, answer, local_server
from tests.pages import wrap_in_page
from thucydides.errors import InputError
from thucydides.ingest.fetch import Fetcher, FetchSettings
from thucydides.model import Document

ARTICLE = wrap_in_page(
    "Thailand expels Cambodian envoy\n\nThailand expelled the Cambodian ambassador on "
    "Wednesday after a landmine wounded five Thai soldiers on patrol near the border."
)
DRIP_SECONDS = 6.0  # how long the dripping server goes on before giving up by itself


def _drip(head_first: bool) -> Respond:
    """A server sending one byte every 0.2 s: each read is quick, the request never ends."""
    body = b"x" * 1000
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n"

    def respond(connection: socket.socket, _line: str) -> None:
        data = head.encode() + body
        if head_first:
            connection.sendall(head.encode())
            data = body
        ends = time.monotonic() + DRIP_SECONDS
        for byte in data:
            if time.monotonic() > ends:
                return
            connection.sendall(bytes([byte]))
            time.sleep(0.2)

    return respond


@pytest.mark.parametrize("head_first", [True, False], ids=["slow-body", "slow-headers"])
def test_a_dripping_server_meets_one_deadline_for_the_whole_request(head_first: bool) -> None:
    settings = FetchSettings(allow_private=True, timeout=1.0, retries=0)
    with local_server(_drip(head_first)) as server:
        started = time.monotonic()
        (error,) = Fetcher(settings).read(f"{server.url}/slow.html")
        elapsed = time.monotonic() - started
    assert elapsed < 2.0
    assert isinstance(error, InputError) and "E036" in str(error), error


def _gzip_stream(size: int, layers: int) -> bytes:
    """``size`` zero bytes gzipped ``layers`` times, without holding them in memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [compressor.compress(block) for _ in range(size >> 20)]
    data = b"".join(parts) + compressor.flush()
    for _ in range(layers - 1):
        data = gzip.compress(data, 9)
    return data


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _gzip_stream(200_000_000, layers=2)  # 200 MB of zeros, a few hundred bytes sent


def test_a_stacked_gzip_bomb_is_refused_with_little_memory(bomb: bytes) -> None:
    assert len(bomb) < 10_000
    settings = FetchSettings(allow_private=True, timeout=10, retries=0, max_bytes=1_000_000)
    respond = answer(bomb, headers={"Content-Encoding": "gzip, gzip"})
    with local_server(respond) as server:
        fetcher = Fetcher(settings)
        tracemalloc.start()
        try:
            (error,) = fetcher.read(f"{server.url}/bomb.html")
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert isinstance(error, InputError) and "E032" in str(error), error
    assert peak < 30_000_000, f"peak {peak / 1e6:.0f} MB"


def test_more_than_two_stacked_encodings_are_refused() -> None:
    body = gzip.compress(gzip.compress(gzip.compress(ARTICLE.encode())))
    respond = answer(body, headers={"Content-Encoding": "gzip, gzip, gzip"})
    with local_server(respond) as server:
        (error,) = Fetcher(FetchSettings(allow_private=True, retries=0)).read(server.url)
    assert isinstance(error, InputError) and "E038" in str(error), error


@pytest.mark.parametrize("coding", ["gzip", "x-gzip", "deflate", "deflate-raw", "gzip, deflate"])
def test_compressed_pages_are_decoded(coding: str) -> None:
    body = ARTICLE.encode()
    for layer in [c.strip() for c in coding.split(",")]:
        if layer == "deflate-raw":  # servers that send raw deflate under the name deflate
            compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
            body = compressor.compress(body) + compressor.flush()
        else:
            body = gzip.compress(body) if "gzip" in layer else zlib.compress(body)
    header = coding.replace("deflate-raw", "deflate")
    with local_server(answer(body, headers={"Content-Encoding": header})) as server:
        (page,) = Fetcher(FetchSettings(allow_private=True, retries=0)).read(server.url)
    assert isinstance(page, Document), page
    assert "expelled the Cambodian ambassador" in page.text


def test_a_corrupt_compressed_body_is_one_error() -> None:
    respond = answer(b"not gzip at all", headers={"Content-Encoding": "gzip"})
    with local_server(respond) as server:
        (error,) = Fetcher(FetchSettings(allow_private=True, retries=0)).read(server.url)
    assert isinstance(error, InputError) and "E038" in str(error), error


def test_an_unknown_encoding_is_refused() -> None:
    respond = answer(b"??", headers={"Content-Encoding": "br"})
    with local_server(respond) as server:
        (error,) = Fetcher(FetchSettings(allow_private=True, retries=0)).read(server.url)
    assert isinstance(error, InputError) and "E038" in str(error), error


def test_a_slow_name_lookup_counts_against_the_deadline() -> None:
    answered = threading.Event()

    def slow_resolver(host: str, port: int) -> list[str]:
        answered.wait(5)  # a DNS server that takes its time (released when the test ends)
        return ["93.184.216.34"]

    fetcher = Fetcher(FetchSettings(timeout=1.0, retries=0), resolver=slow_resolver)
    started = time.monotonic()
    try:
        (error,) = fetcher.read("http://slow-dns.example/")
        elapsed = time.monotonic() - started
    finally:
        answered.set()
    assert elapsed < 2.0
    assert isinstance(error, InputError) and "E036" in str(error), error


def test_each_retry_gets_one_deadline_so_a_url_takes_at_most_attempts_times_timeout() -> None:
    waits: list[float] = []
    settings = FetchSettings(allow_private=True, timeout=0.5, retries=2, backoff=1.0)
    with local_server(_drip(head_first=True)) as server:
        started = time.monotonic()
        (error,) = Fetcher(settings, sleep=waits.append).read(f"{server.url}/slow.html")
        elapsed = time.monotonic() - started
    assert isinstance(error, InputError) and "E036" in str(error), error
    assert len(server.requests) == 3 and waits == [1.0, 2.0]
    assert elapsed < 3 * 0.5 + 0.5
