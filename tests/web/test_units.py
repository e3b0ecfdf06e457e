"""Pieces of the web face that need no server: highlighting and the chart's series."""

from __future__ import annotations

from pathlib import Path

from thucydides.model import Document, Record
from thucydides.store import Store
from thucydides.store.reader import DyadRow
from thucydides.web.highlight import Mark, matched_pieces, pieces
from thucydides.web.queries import open_read_only
from thucydides.web.series import series


def test_overlapping_marks_cut_the_text_into_flat_pieces() -> None:
    text = "India shelled posts. Pakistan replied."
    marks = [
        Mark(0, 20, "event", "event 1", "ev-0"),
        Mark(0, 5, "actor", "actor IND"),
        Mark(6, 13, "trigger", "trigger"),
        Mark(30, 99, "time", "outside the text: dropped"),
    ]
    cut = pieces(text, marks, [0, 21])
    assert "".join(p.text for p in cut) == text
    assert [(p.text, p.layers) for p in cut[:3]] == [
        ("India", ("actor", "event")),
        (" ", ("event",)),
        ("shelled", ("event", "trigger")),
    ]
    assert cut[0].anchors == ("s-0", "ev-0")
    assert next(p for p in cut if p.text.startswith("Pakistan")).anchors == ("s-1",)
    assert all("time" not in p.layers for p in cut)


def test_fts_marks_become_pieces() -> None:
    assert matched_pieces("a \x02truce\x03 and a \x02ceasefire\x03") == [
        ("a ", False),
        ("truce", True),
        (" and a ", False),
        ("ceasefire", True),
    ]


def _row(period: str, events: int, quad: int) -> DyadRow:
    counts = [events if quad == q else 0 for q in (1, 2, 3, 4)]
    return DyadRow(period, events, *counts, -2.0 * events, -2.0)


def test_series_fills_the_gaps_and_sets_coarser_periods_aside() -> None:
    rows = [_row("2025", 1, 3), _row("2025-01", 2, 4), _row("2025-04", 1, 1)]
    made = series(rows, "month")
    assert made.periods == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert made.material_conflict == [2, 0, 0, 0] and made.verbal_coop == [0, 0, 0, 1]
    assert made.goldstein_mean == [-2.0, None, None, -2.0]
    assert [r.period for r in made.coarser] == ["2025"]
    weeks = series([_row("2024-W52", 1, 2), _row("2025-W02", 1, 2)], "week")
    assert weeks.periods == ["2024-W52", "2025-W01", "2025-W02"]
    days = series(
        [_row("2025-02-27", 1, 2), _row("2025-03-01", 1, 2), _row("2025-03", 4, 1)], "day"
    )
    assert days.periods == ["2025-02-27", "2025-02-28", "2025-03-01"]
    assert series([], "day").periods == []


def test_page_totals_are_recounted_once_the_store_changes(tmp_path: Path) -> None:
    path = tmp_path / "counts.sqlite"
    with Store(path) as store:
        reader = open_read_only(path)
        query = "SELECT id FROM documents"
        assert reader.count(query, ()) == 0
        for n in range(2):
            document = Document(f"d{n}", f"Text number {n}.", "<test>")
            store.writer.add(Record(document=document), "test")
            assert reader.count(query, ()) == n + 1  # another connection committed
        assert reader.count(query, ()) == 2 and len(reader.counts) == 1
        reader.close()
