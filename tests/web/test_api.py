"""The JSON API: queries with filters and pages, coding, ingestion, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import TOKEN, served
from tests.web.texts import XSS_PAYLOAD
from thucydides import Pipeline, schema
from thucydides.store import EventFilter, Store


def _ok(client: TestClient, url: str) -> dict:  # type: ignore[type-arg]
    response = client.get(url)
    assert response.status_code == 200, response.text
    body: dict = response.json()  # type: ignore[type-arg]
    return body


def _cameos(record: dict) -> list[tuple[str, list[int]]]:  # type: ignore[type-arg]
    return [(e["cameo"], e["span"]) for e in record["events"]]


def _error(response: object, status: int, code: str) -> str:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["status"] == status and body["code"] == code
    assert body["message"].startswith(code + " ")
    return str(body["message"])


def test_events_filter_as_the_store_does(client: TestClient, web_store: Path) -> None:
    with Store(web_store) as store:
        for query, where in [
            ("actor=IND", EventFilter(actor="IND")),
            ("actor=ind&recipient=PAK&quad=4", EventFilter(actor="IND", recipient="PAK", quad=4)),
            ("type=ASSAULT", EventFilter(plover="ASSAULT")),
            ("cameo=08", EventFilter(cameo="08")),
            ("text=ceasefire", EventFilter(text="ceasefire")),
            (
                "since=2025-05-08&until=2025-07-01",
                EventFilter(since="2025-05-08", until="2025-07-01"),
            ),
            ("factuality=possible&country=PAK", EventFilter(factuality="possible", country="PAK")),
        ]:
            expected = [(r.doc_id, r.position) for r in store.reader.events(where)]
            body = _ok(client, f"/api/events?{query}")
            assert [(e["doc_id"], e["position"]) for e in body["items"]] == expected, query
            assert body["total"] == len(expected) > 0, query


def test_events_are_paged_with_totals(client: TestClient) -> None:
    everything = _ok(client, "/api/events?limit=1000")
    total = everything["total"]
    assert total == len(everything["items"]) >= 5 and everything["next"] is None
    first = _ok(client, "/api/events?limit=2&actor=IND")
    assert first["limit"] == 2 and first["offset"] == 0 and len(first["items"]) == 2
    assert first["next"] == "/api/events?limit=2&actor=IND&offset=2"
    second = _ok(client, first["next"])
    assert second["offset"] == 2 and second["total"] == first["total"]
    assert second["items"][0] != first["items"][0]


def test_events_say_which_rule_coded_them(client: TestClient, web_store: Path) -> None:
    with Store(web_store) as store:
        expected = [r.rule for r in store.reader.events()]
    items = _ok(client, "/api/events?limit=1000")["items"]
    assert [e["rule"] for e in items] == expected and any(expected)


def test_empty_form_fields_are_ignored(client: TestClient) -> None:
    assert (
        _ok(client, "/api/events?quad=&since=&actor=")["total"]
        == _ok(client, "/api/events")["total"]
    )


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("quad=9", "'quad'"),
        ("since=yesterday", "'since'"),
        ("limit=0", "'limit'"),
        ("factuality=maybe", "'factuality'"),
        ("offset=-1", "'offset'"),
    ],
)
def test_bad_parameters_are_422_naming_them(client: TestClient, query: str, named: str) -> None:
    message = _error(client.get(f"/api/events?{query}"), 422, "E052")
    assert named in message


def test_not_found_is_json(client: TestClient) -> None:
    assert "nope" in _error(client.get("/api/documents/nope"), 404, "E050")
    assert "/api/nothing" in _error(client.get("/api/nothing"), 404, "E050")
    _error(client.delete("/api/events"), 405, "E057")


def test_document_has_text_sentences_and_record(client: TestClient) -> None:
    body = _ok(client, "/api/documents/ipk-mediation")
    assert body["title"] == "Pakistan welcomes mediation, India refuses"
    assert body["text"].startswith("Pakistan welcomed third-party mediation")
    starts = [start for start, _end in body["sentences"]]
    assert starts[0] == 0 and body["text"].index("Citing") in starts
    jsonschema.validate(body["record"], schema())


def test_documents_list_filters(client: TestClient) -> None:
    ids = {d["id"] for d in _ok(client, "/api/documents")["items"]}
    assert ids == {"ipk-strike", "ipk-ceasefire", "ipk-mediation", "xss"}
    assert [d["id"] for d in _ok(client, "/api/documents?text=Simla")["items"]] == ["ipk-mediation"]
    assert {d["id"] for d in _ok(client, "/api/documents?type=ASSAULT")["items"]} >= {"ipk-strike"}
    assert [d["id"] for d in _ok(client, "/api/documents?since=2025-08")["items"]] == [
        "ipk-mediation"
    ]


def test_quotes_stances_agreements(client: TestClient) -> None:
    quotes = _ok(client, "/api/quotes?actor=PAK")["items"]
    assert [q["doc_id"] for q in quotes] == ["ipk-ceasefire"]
    assert quotes[0]["speaker_code"].startswith("PAK") and quotes[0]["text"].startswith("This is")
    assert _ok(client, "/api/quotes?text=victory peace")["total"] == 1
    stances = _ok(client, "/api/stances?topic=mediation")["items"]
    assert {(s["holder"][:3], s["position"]) for s in stances} == {
        ("PAK", "support"),
        ("IND", "oppose"),
    }
    assert _ok(client, "/api/stances?actor=IND&topic=mediation")["total"] == 1
    agreements = {a["name"]: a for a in _ok(client, "/api/agreements")["items"]}
    assert agreements["Simla Agreement"]["status"] == "in_force"
    assert agreements["Simla Agreement"]["signed"] == "1972"
    indus = agreements["Indus Waters Treaty"]
    assert indus["status"] == "suspended" and indus["history"][0]["by"].startswith("IND")
    assert {p["country"] for p in indus["parties"]} == {"IND", "PAK"}
    assert [a["name"] for a in _ok(client, "/api/agreements?status=suspended")["items"]] == [
        "Indus Waters Treaty"
    ]


def test_dyad_and_timeline(client: TestClient) -> None:
    body = _ok(client, "/api/dyad?a=IND&b=PAK&by=month")
    periods = {p["period"]: p for p in body["periods"]}
    assert periods["2025-05"]["material_conflict"] >= 1 and periods["2025-05"]["material_coop"] >= 1
    assert periods["2025-06"]["verbal_conflict"] == 1
    weekly = _ok(client, "/api/dyad?a=IND&b=PAK&by=week")["periods"]
    assert {p["period"] for p in weekly} >= {"2025-W19", "2025-W23"}
    _error(client.get("/api/dyad?a=IND&b=PAK&by=year"), 422, "E052")
    _error(client.get("/api/dyad?a=IND"), 422, "E052")
    timeline = _ok(client, "/api/timeline?a=IND&b=PAK")["items"]
    dates = [row["date"] for row in timeline]
    assert dates == sorted(dates) and len(dates) >= 4
    assert "'a' and 'b'" in _error(client.get("/api/timeline?a=IND"), 422, "E052")


def test_sentence_search_marks_matches(client: TestClient) -> None:
    hits = _ok(client, "/api/sentences?text=ceasefire")["items"]
    assert [h["doc_id"] for h in hits] == ["ipk-ceasefire"]
    assert "\x02ceasefire\x03" in hits[0]["marked"]
    assert _ok(client, "/api/sentences?text=ceasefire&quad=4")["total"] == 0
    _error(client.get("/api/sentences"), 422, "E052")


def test_openapi_is_served_locally(client: TestClient) -> None:
    spec = _ok(client, "/openapi.json")
    assert {"/api/events", "/api/code", "/api/ingest", "/api/dyad"} <= set(spec["paths"])
    docs = client.get("/docs", headers={"accept": "text/html"})
    assert docs.status_code == 200 and "/api/events" in docs.text
    assert "http://" not in docs.text and "https://" not in docs.text


def test_code_text_json_and_html(client: TestClient) -> None:
    text = "India and Pakistan agreed to a ceasefire on Saturday."
    plain = client.post(
        "/api/code?published=2025-05-11", content=text, headers={"content-type": "text/plain"}
    )
    assert plain.status_code == 200, plain.text
    record = plain.json()
    jsonschema.validate(record, schema())
    assert record["doc"]["published"] == "2025-05-11"
    assert {e["cameo"] for e in record["events"]} == {"0871"}
    assert record["events"][0]["date"]["value"] == "2025-05-10"
    as_json = client.post("/api/code", json={"id": "j1", "text": text, "published": "2025-05-11"})
    assert as_json.json()["doc"]["id"] == "j1" and _cameos(as_json.json()) == _cameos(record)
    html = f"<html><body><article><p>{text}</p></article></body></html>"
    page = client.post(
        "/api/code?published=2025-05-11", content=html, headers={"content-type": "text/html"}
    )
    assert page.status_code == 200 and _cameos(page.json()) == _cameos(record)


def test_code_refuses_what_cannot_be_coded(client: TestClient) -> None:
    _error(client.post("/api/code", json={"text": "   "}), 422, "E002")
    _error(client.post("/api/code", json={"title": "no text"}), 422, "E007")
    _error(
        client.post(
            "/api/code", content=b"{not json", headers={"content-type": "application/json"}
        ),
        422,
        "E006",
    )
    _error(client.post("/api/code", json=[{"text": "a"}]), 422, "E052")
    _error(
        client.post("/api/code", content=b"x", headers={"content-type": "image/png"}), 415, "E056"
    )


def test_code_body_size_limit(web_store: Path, pipeline: Pipeline) -> None:
    with served(web_store, pipeline, code_limit=1000) as client:
        big = "India shelled Pakistani posts. " * 100  # 3,100 bytes
        message = _error(
            client.post("/api/code", content=big, headers={"content-type": "text/plain"}),
            413,
            "E051",
        )
        assert "1000 bytes" in message

        def chunks(piece: bytes = big[:300].encode()) -> Iterator[bytes]:
            yield from [piece] * 10  # no content-length: counted as it arrives

        streamed = client.post(
            "/api/code", content=chunks(), headers={"content-type": "text/plain"}
        )
        _error(streamed, 413, "E051")
        small = client.post("/api/code", content=big[:900], headers={"content-type": "text/plain"})
        assert small.status_code == 200


def test_ingest_needs_the_token(store_copy: Path, pipeline: Pipeline) -> None:
    documents = [
        {"id": "new-1", "text": "Russia attacked Ukraine on Tuesday.", "published": "2025-06-03"}
    ]
    with served(store_copy, pipeline) as client:  # no token: writes are off
        _error(client.post("/api/ingest", json=documents), 403, "E055")
        _error(
            client.post("/api/ingest", json=documents, headers={"authorization": "Bearer x"}),
            403,
            "E055",
        )
    with served(store_copy, pipeline, token=TOKEN) as client:
        missing = client.post("/api/ingest", json=documents)
        _error(missing, 401, "E053")
        assert missing.headers["www-authenticate"] == "Bearer"
        _error(
            client.post("/api/ingest", json=documents, headers={"authorization": "Bearer wrong"}),
            403,
            "E054",
        )
        assert client.get("/api/events?actor=RUS").json()["total"] == 0
        auth = {"authorization": f"Bearer {TOKEN}"}
        stored = client.post("/api/ingest", json=documents, headers=auth).json()
        assert (stored["stored"], stored["skipped"], stored["failed"]) == (1, 0, 0)
        assert stored["outcomes"][0]["id"] == "new-1" and stored["store"]["documents"] == 5
        assert client.get("/api/events?actor=RUS").json()["total"] >= 1
        lines = b'{"id": "new-1", "text": "again"}\n{"id": "bad"}\n'
        again = client.post(
            "/api/ingest", content=lines, headers={**auth, "content-type": "application/x-ndjson"}
        ).json()
        assert [o["status"] for o in again["outcomes"]] == ["skipped", "failed"]
        assert again["outcomes"][1]["error"].startswith("E007")


def test_private_server_closes_reads(web_store: Path, pipeline: Pipeline) -> None:
    with served(web_store, pipeline, token=TOKEN, private=True) as client:
        _error(client.get("/api/events"), 401, "E053")
        _error(client.post("/api/code", json={"text": "x"}), 401, "E053")
        assert (
            client.get("/api/events", headers={"authorization": f"Bearer {TOKEN}"}).status_code
            == 200
        )
        page = client.get("/timeline", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Ftimeline"
        wrong = client.post("/login", data={"token": "nope", "next": "/timeline"})
        assert wrong.status_code == 403 and "E054" in wrong.text
        login = client.post(
            "/login", data={"token": TOKEN, "next": "//evil.example/"}, follow_redirects=False
        )
        assert login.status_code == 303 and login.headers["location"] == "/"
        assert client.get("/timeline").status_code == 200  # the session cookie
        assert client.get("/api/events").status_code == 200
        # The cookie never authorises a write: that takes the header.
        _error(client.post("/api/ingest", json=[]), 401, "E053")


def test_api_returns_article_text_as_json_data(client: TestClient) -> None:
    response = client.get("/api/documents/xss")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert XSS_PAYLOAD in response.json()["text"]
