"""Issue #20: no request may cost the server or a batch.

Malformed and hostile requests get a 4xx with a catalogue code, internal errors a plain
500, and the keep-alive connection survives both; bodies are bounded while they stream;
one bad document of a batch costs only itself; coding has a size budget and a capacity.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import thucydides.nlp
import thucydides.pipeline
import thucydides.store.ingest
from tests.web.conftest import TOKEN, live, served
from thucydides import Pipeline
from thucydides.web import queries
from thucydides.web.app import create_app
from thucydides.web.state import WebSettings

AUTH = {"authorization": f"Bearer {TOKEN}"}
HUGE = 2**63  # one past SQLite's largest integer


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["code"] == code, body
    assert body["message"].startswith(code + " ")
    return body


class Connection:
    """One raw HTTP/1.1 keep-alive connection: requests go out as bytes, responses are
    read by their Content-Length, so a reset connection shows as a ConnectionError."""

    def __init__(self, address: tuple[str, int]) -> None:
        self.socket = socket.create_connection(address, timeout=10)
        self.buffer = b""

    def close(self) -> None:
        self.socket.close()

    def request(
        self, method: str, target: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        self.send_head(method, target, {"content-length": str(len(body)), **(headers or {})})
        self.socket.sendall(body)
        return self.response()

    def send_head(self, method: str, target: str, headers: dict[str, str]) -> None:
        lines = [f"{method} {target} HTTP/1.1", "host: 127.0.0.1"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.socket.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def response(self) -> tuple[int, dict[str, str], bytes]:
        while b"\r\n\r\n" not in self.buffer:
            self._read()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(self.buffer) < length:
            self._read()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return int(status_line.split()[1]), headers, body

    def _read(self) -> None:
        chunk = self.socket.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buffer += chunk


@pytest.fixture
def connection_to(web_store: Path, pipeline: Pipeline) -> Iterator[Any]:
    """Open raw connections to a real uvicorn serving the test store with TOKEN."""
    app = create_app(WebSettings(web_store, token=TOKEN), pipeline)
    opened: list[Connection] = []
    with live(app) as address:

        def connect() -> Connection:
            opened.append(Connection(address))
            return opened[-1]

        yield connect
        for connection in opened:
            connection.close()


# F17 ---------------------------------------------------------------------------------------

SEARCHES = [
    "/api/events?text={}",
    "/api/documents?text={}",
    "/api/sentences?text={}",
    "/api/timeline?topic={}",
    "/documents?text={}",
    "/search?text={}",
    "/timeline?topic={}",
]


@pytest.mark.parametrize("route", SEARCHES)
@pytest.mark.parametrize("text", ["%20", "%00", "%20%00%09", "%0A"])
def test_search_text_without_words_is_422(client: TestClient, route: str, text: str) -> None:
    _error(client.get(route.format(text)), 422, "E059")


def test_nul_in_search_text_separates_words(client: TestClient) -> None:
    hits = client.get("/api/sentences?text=cease%00fire%00ceasefire").json()
    assert hits["total"] == 0  # three words, 'cease' and 'fire' in no sentence
    found = client.get("/api/sentences?text=%00ceasefire%00").json()
    assert [h["doc_id"] for h in found["items"]] == ["ipk-ceasefire"]


# F18 ---------------------------------------------------------------------------------------

PAGED = [
    "/api/events",
    "/api/quotes",
    "/api/stances",
    "/api/agreements",
    "/api/documents",
    "/api/sentences?text=ceasefire",
    "/api/timeline",
    "/documents",
    "/search?text=ceasefire",
    "/timeline",
    "/agreements",
    "/dyad",
]


@pytest.mark.parametrize("route", PAGED)
@pytest.mark.parametrize("parameter", [f"offset={HUGE}", f"offset={10**40}", f"limit={HUGE}"])
def test_integer_parameters_are_bounded(client: TestClient, route: str, parameter: str) -> None:
    glue = "&" if "?" in route else "?"
    body = _error(client.get(f"{route}{glue}{parameter}"), 422, "E052")
    assert parameter.split("=")[0] in body["message"]


def test_the_largest_offset_is_served(client: TestClient) -> None:
    from thucydides.web.params import MAX_OFFSET

    page = client.get(f"/api/events?offset={MAX_OFFSET}").json()
    assert page["items"] == [] and page["offset"] == MAX_OFFSET


# F19 ---------------------------------------------------------------------------------------


def test_an_internal_error_keeps_the_connection(
    connection_to: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*_args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries, "event_page", crash)
    connection = connection_to()
    status, _, body = connection.request("GET", "/api/events")
    assert status == 500 and json.loads(body)["code"] == "E058"
    assert "a bug" not in body.decode()  # the details stay in the server log
    status, _, body = connection.request("GET", "/api/stats")
    assert status == 200 and json.loads(body)["documents"] == 4


def test_malformed_requests_keep_the_connection(connection_to: Any) -> None:
    connection = connection_to()
    for method, target, body, code in [
        ("POST", "/api/code", b"{not json", "E006"),
        ("POST", "/api/code", b"[" * 100_000, "E065"),
        ("GET", f"/api/events?offset={HUGE}", b"", "E052"),
        ("GET", "/api/events?text=%00", b"", "E059"),
        ("GET", "/api/nothing", b"", "E050"),
    ]:
        status, _, answer = connection.request(
            method, target, body, {"content-type": "application/json"}
        )
        assert 400 <= status < 500 and json.loads(answer)["code"] == code, (target, answer)
    status, _, _ = connection.request("GET", "/api/stats")
    assert status == 200


# F20 ---------------------------------------------------------------------------------------


def _nested(depth: int) -> bytes:
    return b'{"text": "India met Pakistan.", "meta": ' + b"[" * depth + b"]" * depth + b"}"


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deeply_nested_json_is_422(client: TestClient, depth: int) -> None:
    headers = {"content-type": "application/json"}
    _error(client.post("/api/code", content=_nested(depth), headers=headers), 422, "E065")
    ingest = client.post("/api/ingest", content=b"[" + _nested(depth) + b"]",
                         headers={**headers, **AUTH})  # fmt: skip
    _error(ingest, 422, "E065")


def test_huge_json_numbers_are_422(client: TestClient) -> None:
    body = b'{"text": "India met Pakistan.", "id": 1' + b"0" * 5000 + b"}"
    headers = {"content-type": "application/json"}
    _error(client.post("/api/code", content=body, headers=headers), 422, "E006")


# F21 ---------------------------------------------------------------------------------------


def test_a_declared_huge_body_is_refused_before_it_is_sent(connection_to: Any) -> None:
    for target in ("/login", "/api/code", "/api/events"):
        connection = connection_to()
        connection.send_head(
            "POST",
            target,
            {
                "content-length": str(600_000_000),
                "content-type": "application/x-www-form-urlencoded",
            },
        )
        connection.socket.sendall(b"token=x&")
        status, headers, body = connection.response()
        assert status == 413 and json.loads(body)["code"] == "E051", target
        assert headers.get("connection") == "close"


def test_a_chunked_body_is_counted_as_it_arrives(connection_to: Any) -> None:
    connection = connection_to()
    connection.send_head(
        "POST",
        "/login",
        {"transfer-encoding": "chunked", "content-type": "application/x-www-form-urlencoded"},
    )
    chunk, sent = b"x" * 4096, 0
    while sent < 2_000_000 and not select.select([connection.socket], [], [], 0.02)[0]:
        connection.socket.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        sent += len(chunk)
    assert sent < 1_000_000, "no answer while the body kept coming"
    status, _, body = connection.response()
    assert status == 413 and json.loads(body)["code"] == "E051"


def test_login_still_works_within_the_limit(web_store: Path, pipeline: Pipeline) -> None:
    with served(web_store, pipeline, token=TOKEN, private=True) as client:
        login = client.post("/login", data={"token": TOKEN, "next": "/"}, follow_redirects=False)
        assert login.status_code == 303


# F22, F23 ----------------------------------------------------------------------------------


def test_one_document_that_cannot_be_stored_costs_only_itself(
    store_copy: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_of = thucydides.store.ingest.site_of

    def fragile(url: str | None) -> str | None:
        # As httpx.URL did on "http://[::1" (F22) before site_of learnt to refuse it.
        if url == "http://breaks.example/":
            raise ValueError("Invalid port: ':1'")
        return site_of(url)

    monkeypatch.setattr(thucydides.store.ingest, "site_of", fragile)
    documents = [
        {"id": "good-1", "text": "Russia attacked Ukraine on Tuesday.", "published": "2025-06-03"},
        {"id": "breaks", "text": "China met Japan on Monday.", "url": "http://breaks.example/"},
        {"id": "bad-url", "text": "Iran met Iraq on Monday.", "url": "http://[::1"},
        {"id": "good-2", "text": "Iran condemned Israel on Friday.", "published": "2025-06-13"},
    ]
    with served(store_copy, pipeline, token=TOKEN) as client:
        report = client.post("/api/ingest", json=documents, headers=AUTH)
        assert report.status_code == 200, report.text
        outcomes = report.json()["outcomes"]
        assert [o["status"] for o in outcomes[:2]] == ["stored", "failed"]
        assert outcomes[2]["status"] in ("stored", "failed") and outcomes[3]["status"] == "stored"
        assert outcomes[1]["error"].startswith("E066") and "ValueError" in outcomes[1]["error"]
        assert client.get("/api/documents/good-2").status_code == 200
        assert client.get("/api/documents/breaks").status_code == 404
        assert report.json()["store"]["merged_events"] >= 1


def test_one_document_that_crashes_the_parser_costs_only_itself(
    store_copy: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    parse = thucydides.nlp.parse

    def fragile(nlp: Any, texts: Any, *args: Any, **kwargs: Any) -> Any:
        # spaCy's own refusal of a text over nlp.max_length breaks the whole batch so.
        for text in texts:
            if "EXPLODE" in text:
                raise ValueError("[E088] Text of length 1040000 exceeds maximum of 1000000.")
            yield from parse(nlp, [text], *args, **kwargs)

    monkeypatch.setattr(thucydides.pipeline, "parse", fragile)
    documents = [
        {"id": f"doc-{n}", "text": f"Russia attacked Ukraine on day {n}."} for n in range(20)
    ]
    documents[3]["text"] += " EXPLODE"
    with served(store_copy, pipeline, token=TOKEN) as client:
        report = client.post("/api/ingest", json=documents, headers=AUTH)
        assert report.status_code == 200, report.text
        statuses = [o["status"] for o in report.json()["outcomes"]]
        assert statuses == ["stored"] * 3 + ["failed"] + ["stored"] * 16
        assert report.json()["outcomes"][3]["error"].startswith("E011")
        one = client.post("/api/code", json={"text": "India met Pakistan. EXPLODE"})
        _error(one, 422, "E011")


def test_an_empty_batch_is_empty(store_copy: Path, pipeline: Pipeline) -> None:
    with served(store_copy, pipeline, token=TOKEN) as client:
        bodies: list[object] = [[], {"documents": []}]
        for body in bodies:
            report = client.post("/api/ingest", json=body, headers=AUTH)
            assert report.status_code == 200, report.text
            assert report.json()["outcomes"] == [] and report.json()["failed"] == 0


# F24 ---------------------------------------------------------------------------------------


def test_text_over_the_coding_budget_is_413(web_store: Path, pipeline: Pipeline) -> None:
    with served(web_store, pipeline, code_text_limit=1000) as client:
        text = "India shelled Pakistani posts " * 40  # 1,200 characters, 1,200 bytes
        body = _error(
            client.post("/api/code", content=text, headers={"content-type": "text/plain"}),
            413,
            "E067",
        )
        assert "1000" in body["message"]
        html = f"<html><body><article><p>{text[:900]}</p></article></body></html>" + " " * 500
        ok = client.post("/api/code", content=html, headers={"content-type": "text/html"})
        assert ok.status_code == 200  # the budget counts the article's text, not the markup


def test_coding_capacity_is_bounded_and_the_loop_stays_free(
    web_store: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()
    pipe = Pipeline.pipe

    def slow(self: Pipeline, documents: Any, batch_size: int = 16) -> Any:
        started.set()
        assert release.wait(20)
        yield from pipe(self, documents, batch_size)

    monkeypatch.setattr(Pipeline, "pipe", slow)
    app = create_app(WebSettings(web_store, token=TOKEN, coding_capacity=1), pipeline)
    with live(app) as address:
        first: list[int] = []
        busy = Connection(address)
        body = json.dumps({"text": "India met Pakistan."}).encode()

        def code() -> None:
            first.append(busy.request("POST", "/api/code", body)[0])

        worker = threading.Thread(target=code)
        worker.start()
        assert started.wait(20)
        other = Connection(address)
        began = time.monotonic()
        status, _, _ = other.request("GET", "/api/stats")
        assert status == 200 and time.monotonic() - began < 2  # the event loop is free
        status, headers, answer = other.request("POST", "/api/code", body)
        assert status == 429 and json.loads(answer)["code"] == "E068"
        assert int(headers["retry-after"]) >= 1
        release.set()
        worker.join(20)
        assert first == [200]
        assert other.request("POST", "/api/code", body)[0] == 200
        busy.close()
        other.close()


# --private ----------------------------------------------------------------------------------


def test_a_private_server_closes_its_api_description(web_store: Path, pipeline: Pipeline) -> None:
    with served(web_store, pipeline, token=TOKEN, private=True) as client:
        _error(client.get("/openapi.json"), 401, "E053")
        assert client.get("/openapi.json", headers=AUTH).status_code == 200
        assert client.get("/docs", follow_redirects=False).status_code == 303
        assert client.get("/redoc").status_code == 404
