"""End to end on the seed article (../shared/seed): the events a careful analyst lists.

Issue 2, acceptance 2 and 3. Skips, saying why, where ../shared is absent.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import jsonschema
import pytest

from tests.conftest import SEED, need_shared
from tests.pages import wrap_in_page
from thucydides import Pipeline, read_text_document, record_json, schema
from thucydides.ingest import read_inputs

PUBLISHED = date(2025, 8, 9)

Event = dict[str, Any]


@pytest.fixture(scope="module")
def seed_record(pipeline: Pipeline) -> dict[str, Any]:
    text = need_shared(SEED).read_text(encoding="utf-8")
    record = record_json(pipeline(read_text_document(text, published=PUBLISHED)))
    jsonschema.validate(record, schema())
    return record


def _find(
    events: list[Event],
    *,
    root: str | None = None,
    cameo: str | None = None,
    actor: str | None = None,
    recipient: str | None = None,
    factuality: str = "asserted",
) -> list[Event]:
    found = []
    for event in events:
        if root and event["cameo"][:2] != root:
            continue
        if cameo and event["cameo"] != cameo:
            continue
        if actor and (event["actor"] or {}).get("country") != actor:
            continue
        if recipient and (event["recipient"] or {}).get("country") != recipient:
            continue
        if event["factuality"] != factuality:
            continue
        found.append(event)
    return found


def _date(event: Event) -> str:
    return str(event["date"]["value"])


def test_pakistan_welcomes_mediation_help_from_the_us(seed_record: dict[str, Any]) -> None:
    found = _find(seed_record["events"], cameo="038", actor="PAK", recipient="USA")
    assert any(e["actor"]["sector"] == "GOV" and _date(e) == "2025-08-08" for e in found), found
    assert all(e["plover"] == "AGREE" and e["quad"] == 1 for e in found)


def test_india_rejects_outside_mediation(seed_record: dict[str, Any]) -> None:
    found = _find(seed_record["events"], cameo="126", actor="IND")
    assert found
    assert all(e["plover"] == "REJECT" for e in found)


def test_pahalgam_massacre_by_the_resistance_front(seed_record: dict[str, Any]) -> None:
    found = _find(seed_record["events"], root="20", actor="PAK", recipient="IND")
    assert len(found) == 1
    event = found[0]
    assert event["actor"]["name"] == "The Resistance Front"
    assert event["actor"]["sector"] in ("INS", "REB")
    assert event["recipient"]["sector"] == "CVL" and "26 tourists" in event["recipient"]["text"]
    assert _date(event) == "2025-04-22" and event["date"]["source"] == "explicit"
    assert event["location"]["name"] == "Pahalgam" and event["location"]["country"] == "IND"
    assert event["location"]["lat"] == pytest.approx(34.0, abs=0.2)


def test_india_accuses_pakistan_in_april(seed_record: dict[str, Any]) -> None:
    found = _find(seed_record["events"], root="11", actor="IND", recipient="PAK")
    assert [(_date(e), e["date"]["precision"]) for e in found] == [("2025-04", "month")]


def test_india_suspends_the_indus_waters_treaty_in_april(seed_record: dict[str, Any]) -> None:
    found = _find(seed_record["events"], root="16", actor="IND", recipient="PAK")
    assert [_date(e) for e in found] == ["2025-04"]
    assert found[0]["plover"] == "SANCTION"


def test_operation_sindoor_strikes_on_may_7(seed_record: dict[str, Any]) -> None:
    found = _find(seed_record["events"], root="19", actor="IND", recipient="PAK")
    assert any(_date(e) == "2025-05-07" and e["cameo"] == "195" for e in found), found


def test_pakistan_retaliates_in_may(seed_record: dict[str, Any]) -> None:
    found = _find(seed_record["events"], root="19", actor="PAK", recipient="IND")
    assert found and all(_date(e).startswith("2025-05") for e in found)


def test_ceasefire_of_may_10(seed_record: dict[str, Any]) -> None:
    found = [
        e
        for e in _find(seed_record["events"], cameo="0871")
        if {e["actor"]["country"], e["recipient"]["country"]} == {"IND", "PAK"}
    ]
    assert [_date(e) for e in found] == ["2025-05-10"]


def test_us_mediation_by_rubio_and_vance(seed_record: dict[str, Any]) -> None:
    found = _find(seed_record["events"], cameo="045", actor="USA")
    names = {e["actor"]["name"] for e in found}
    assert names == {"Marco Rubio", "JD Vance"}
    assert {e["recipient"]["country"] for e in found} == {"IND", "PAK"}
    assert all(e["actor"]["sector"] == "GOV" and _date(e) == "2025-05-10" for e in found)


def test_no_asserted_india_pakistan_consultation_after_may(seed_record: dict[str, Any]) -> None:
    for event in seed_record["events"]:
        pair = {(event["actor"] or {}).get("country"), (event["recipient"] or {}).get("country")}
        if event["cameo"][:2] == "04" and pair == {"IND", "PAK"}:
            assert event["factuality"] == "negated", event


def test_no_event_outside_the_text(seed_record: dict[str, Any]) -> None:
    """Every event's trigger and actors point at the text they were read from."""
    text = need_shared(SEED).read_text(encoding="utf-8")
    for event in seed_record["events"]:
        start, end = event["trigger"]["span"]
        assert text[start:end] == event["trigger"]["text"]
        for role in ("actor", "recipient"):
            if event[role]:
                a, b = event[role]["span"]
                assert text[a:b] == event[role]["text"]


def test_comment_form_never_reaches_the_coder(seed_record: dict[str, Any]) -> None:
    assert all(
        "Leave a Reply" not in (e["actor"] or {}).get("text", "") for e in seed_record["events"]
    )
    last = max(e["span"][1] for e in seed_record["events"])
    text = need_shared(SEED).read_text(encoding="utf-8")
    assert last <= text.index("Leave a Reply")


def _signature(record: dict[str, Any]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            e["cameo"],
            str((e["actor"] or {}).get("code")),
            str((e["recipient"] or {}).get("code")),
            e["date"]["value"] if e["date"] else None,
            e["factuality"],
        )
        for e in record["events"]
    )


def test_the_same_article_as_an_html_page_yields_the_same_events(
    pipeline: Pipeline, seed_record: dict[str, Any], tmp_path: Any
) -> None:
    text = need_shared(SEED).read_text(encoding="utf-8")
    article = text[: text.index("Leave a Reply")]
    page = tmp_path / "seed.html"
    page.write_text(wrap_in_page(article, published="2025-08-09"), encoding="utf-8")
    (document,) = list(read_inputs([str(page)]))
    assert not isinstance(document, Exception), document
    assert document.published == PUBLISHED
    assert "Leave a Reply" not in document.text and "Most read" not in document.text
    record = record_json(pipeline(document))
    assert _signature(record) == _signature(seed_record)
