"""Fuzzing the API (#20): random JSON bodies and query parameters never give a 500, and
every 4xx is a JSON error with a catalogue code.

Derandomized, so that CI runs the same examples every time; ``hypothesis
--hypothesis-show-statistics`` shows how many each test ran.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import TOKEN, served
from thucydides import Pipeline

AUTH = {"authorization": f"Bearer {TOKEN}"}
CODE = re.compile(r"^[EW]\d{3}$")
FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Strings that have broken servers: blanks, NUL and other control characters, FTS5 and
# LIKE syntax, huge and negative numbers, non-ASCII.
NASTY = st.sampled_from(
    ["", " ", "\x00", " \x00\t", "\n", '"', "*", "NEAR(", "a OR", "%", "_", "\\", "-1",
     "0", str(2**63), str(10**40), "1e309", "NaN", "ü", "\u2028", "{}", "[]", "null"]
)  # fmt: skip
TEXT = st.text(max_size=40) | NASTY
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from([10**1000, -(2**63), 2**64])
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
FIELDS = ["id", "text", "html", "published", "date", "title", "url", "documents"]
ARTICLE = st.sampled_from(
    ["India shelled Pakistani posts on Monday.", "Russia and Ukraine agreed to talks.", ""]
)
# Documents that get as far as coding (a text, and fields of any type beside it) and any
# objects at all.
CODABLE = st.fixed_dictionaries(
    {"text": ARTICLE | TEXT}, optional={name: JSON | ARTICLE for name in FIELDS if name != "text"}
)
DOCUMENT = CODABLE | st.dictionaries(st.sampled_from(FIELDS) | TEXT, JSON | ARTICLE, max_size=5)
DEEP = st.integers(min_value=20, max_value=3000).map(lambda depth: "[" * depth + "1" + "]" * depth)


def _body(value: Any) -> bytes:
    return json.dumps(value, allow_nan=False).encode()


BODIES = (
    st.one_of(JSON, DOCUMENT, st.lists(DOCUMENT, max_size=3)).map(_body)
    | st.fixed_dictionaries({"documents": st.lists(DOCUMENT, max_size=3)}).map(_body)
    | DEEP.map(str.encode)
    | st.integers(min_value=4000, max_value=5000).map(lambda n: b'{"id": 1' + b"0" * n + b"}")
    | st.binary(max_size=60)
)
CONTENT_TYPES = st.sampled_from(
    ["application/json", "application/x-ndjson", "text/plain", "text/html", "image/png", ""]
)

FILTERS = ["actor", "recipient", "country", "type", "cameo", "quad", "factuality", "since",
           "until", "text", "limit", "offset"]  # fmt: skip
# The GET routes and their parameters (the API's are in its OpenAPI document; the pages'
# are written out here, as they are not in it).
PAGES = {
    "/documents": FILTERS,
    "/search": FILTERS,
    "/timeline": ["a", "b", "topic", "limit", "offset"],
    "/agreements": ["text", "actor", "status", "limit", "offset"],
    "/positions": ["topic", "actor"],
    "/dyad": ["a", "b", "by", "limit", "offset"],
}
QUERY_VALUES = NASTY | st.integers(min_value=-(2**80), max_value=2**80).map(str) | TEXT


def _get_routes(client: TestClient) -> dict[str, list[str]]:
    spec = client.app.openapi()  # type: ignore[attr-defined]
    routes = {
        path: [p["name"] for p in methods["get"].get("parameters", []) if p["in"] == "query"]
        for path, methods in spec["paths"].items()
        if "get" in methods and "{" not in path
    }
    return {**routes, **PAGES}


def _check(response: Any) -> None:
    """Never a 500; a 4xx is a JSON error naming its catalogue code."""
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        body = response.json()
        assert CODE.match(body["code"]) and body["status"] == response.status_code, body
        assert body["message"].startswith(body["code"] + " "), body


@pytest.fixture(scope="module")
def fuzzed(
    web_store: Path, pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """A client of a copy of the test store (ingestion writes to it), with TOKEN."""
    copy = tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite"
    shutil.copy(web_store, copy)
    with served(copy, pipeline, token=TOKEN) as client:
        yield client


@settings(FUZZ, max_examples=1000)
@given(data=st.data())
def test_query_parameters(fuzzed: TestClient, data: st.DataObject) -> None:
    routes = _get_routes(fuzzed)
    route = data.draw(st.sampled_from(sorted(routes)), label="route")
    names = st.sampled_from(routes[route] or ["q"]) | TEXT
    query = data.draw(st.lists(st.tuples(names, QUERY_VALUES), max_size=3), label="query")
    _check(fuzzed.get(f"{route}?{urlencode(query)}"))


@settings(FUZZ, max_examples=300)
@given(data=st.data(), raw=st.binary(max_size=40))
def test_raw_query_strings(fuzzed: TestClient, data: st.DataObject, raw: bytes) -> None:
    route = data.draw(st.sampled_from(sorted(_get_routes(fuzzed))), label="route")
    query = "".join(chr(b) if 0x21 <= b < 0x7F and chr(b) not in "#" else f"%{b:02X}" for b in raw)
    _check(fuzzed.get(f"{route}?{query}"))


@settings(FUZZ, max_examples=300)
@given(body=BODIES, kind=CONTENT_TYPES, published=st.none() | TEXT)
def test_code_bodies(fuzzed: TestClient, body: bytes, kind: str, published: str | None) -> None:
    query = f"?{urlencode({'published': published})}" if published is not None else ""
    _check(fuzzed.post(f"/api/code{query}", content=body, headers={"content-type": kind}))


@settings(FUZZ, max_examples=200)
@given(body=BODIES, kind=CONTENT_TYPES)
def test_ingest_bodies(fuzzed: TestClient, body: bytes, kind: str) -> None:
    response = fuzzed.post("/api/ingest", content=body, headers={"content-type": kind, **AUTH})
    _check(response)
    if response.status_code == 200:
        report = response.json()
        assert len(report["outcomes"]) == report["stored"] + report["skipped"] + report["failed"]
