"""Queries over the overlapping-reports corpus: filters, full-text search, dyads, timelines."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from thucydides.cli import app
from thucydides.errors import Msg, QueryError
from thucydides.store import EventFilter, Store
from thucydides.store.reader import fts_query, period_of


def _ids(store: Store, **where: object) -> set[str]:
    return {row.doc_id for row in store.reader.events(EventFilter(**where))}  # type: ignore[arg-type]


def test_actor_matches_a_code_prefix_or_a_country(corpus_store: Store) -> None:
    assert _ids(corpus_store, actor="THA") == {"envoy-1", "envoy-2"}
    assert _ids(corpus_store, actor="THAGOV") == {"envoy-2"}
    assert _ids(corpus_store, recipient="khm") == {"envoy-1", "envoy-2"}


def test_filters_combine(corpus_store: Store) -> None:
    assert _ids(corpus_store, plover="ASSAULT", since="2025-06-10") == {"kharkiv-later"}
    assert _ids(corpus_store, cameo="112", country="PAK") == {"accusation"}
    assert _ids(corpus_store, quad=2, until="2025-05-31") == {
        "ceasefire-1",
        "ceasefire-2",
        "ceasefire-3",
        "ceasefire-4",
    }
    assert _ids(corpus_store, factuality="possible") <= {"accusation"}
    assert len(corpus_store.reader.events(EventFilter(limit=2))) == 2


def test_text_search_finds_events_by_their_sentence(corpus_store: Store) -> None:
    assert _ids(corpus_store, text="drones") == {"kharkiv-1"}
    assert _ids(corpus_store, text='truce "Line') == {"ceasefire-2"}  # quotes are not syntax


def test_dyad_counts_merged_events_by_period(corpus_store: Store) -> None:
    rows = corpus_store.reader.dyad("IND", "PAK", "month")
    assert [(r.period, r.events, r.material_coop, r.verbal_conflict) for r in rows] == [
        ("2025-05", 3, 2, 1)
    ]
    row = rows[0]
    assert row.goldstein_sum == pytest.approx(9.0 + 9.0 - 2.0)
    assert row.goldstein_mean == pytest.approx(16.0 / 3, abs=0.01)
    directed = corpus_store.reader.dyad("PAK", "IND", "day", directed=True)
    assert [(r.period, r.events) for r in directed] == [("2025-05-10", 1)]


def test_timeline_of_a_dyad_and_of_a_topic(corpus_store: Store) -> None:
    dyad = corpus_store.reader.timeline(dyad=("RUS", "UKR"))
    assert [(r.date, r.sources) for r in dyad] == [("2025-06-03", 3), ("2025-06-18", 1)]
    topic = corpus_store.reader.timeline(topic="envoy")
    assert [(r.actor, r.cameo, r.articles) for r in topic] == [("THA", "161", 2)]


@pytest.mark.parametrize(
    ("value", "precision", "by", "period"),
    [
        ("2025-07-24", "day", "week", "2025-W30"),
        ("2025-07-24", "day", "month", "2025-07"),
        ("2025-07", "month", "day", "2025-07"),
        ("2025", "year", "month", "2025"),
        (None, None, "day", "unknown"),
    ],
)
def test_periods(value: str | None, precision: str | None, by: str, period: str) -> None:
    assert period_of(value, precision, by) == period  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [" ", "\x00", " \t\n", "\x00 \x01"])
def test_search_text_without_words_is_a_query_error(corpus_store: Store, text: str) -> None:
    with pytest.raises(QueryError) as raised:
        corpus_store.reader.events(EventFilter(text=text))
    assert raised.value.msg is Msg.E059
    with pytest.raises(QueryError):
        corpus_store.reader.timeline(topic=text)


def test_control_characters_separate_search_words(corpus_store: Store) -> None:
    assert fts_query("drones\x00") == '"drones"'
    assert fts_query('a\x00"b') == '"a" """b"'
    assert _ids(corpus_store, text="\x00drones\x00") == {"kharkiv-1"}


def test_the_command_line_says_what_is_wrong_with_the_search(corpus_store: Store) -> None:
    result = CliRunner().invoke(
        app, ["query", "events", "--db", str(corpus_store.path), "--text", " "]
    )
    assert result.exit_code == 2, result.output
    assert "E059" in result.output and "Traceback" not in result.output
