"""Event gold sets written blind by helpers who never ran the engine, to measure how the
coder generalises beyond the sentences it was developed on (100 sentences each):

- tests/fixtures/events_heldout_gold.jsonl, first measured blind at triple P 0.289 R 0.292,
  root P 0.500 R 0.506; its errors were looked at since, so it is no longer blind;
- tests/fixtures/events_blind_gold.jsonl, measured once, blind, when it was added (triple
  P 0.354 R 0.370, root P 0.463 R 0.478; the engine of the session before scored 0.215 /
  0.217 and 0.376 / 0.380); its errors were studied in the session that added the next
  set, so it is no longer blind either;
- tests/fixtures/events_blind2_gold.jsonl (135 events), measured once, blind, when it was
  added (triple P 0.418 R 0.345, root P 0.494 R 0.417; the engine as that session found
  it: 0.398 / 0.336 and 0.484 / 0.417). Nobody has looked at its errors: keep it that
  way, and read only its overall figures;
- tests/fixtures/events_sealed_gold.jsonl (245 sentences, 335 events, every root; see
  events_sealed_README.md), the sealed set of #14, written by a helper who never saw the
  engine's code or output, scored once before any change to the coder (engine e21ac43:
  triple P 0.247 R 0.218, root P 0.318 R 0.286, factuality P 0.301 R 0.277), and once after
  (engine 219f6fe, the verb-dictionary layers, the coder split, the accusation table, the
  authors of a text, hyphenated prefixes: triple P 0.250 R 0.222, root P 0.316 R 0.286,
  factuality P 0.300 R 0.277). Nobody reads its per-item errors: only its overall figures,
  before and after a change.

Floors are the levels reached, only ever raised."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from thucydides import Pipeline
from thucydides.evaluate.events import evaluate_events
from thucydides.evaluate.run import event_coder
from thucydides.evaluate.timex import read_gold

HELDOUT_FLOORS = {
    "triple": (0.56, 0.57),
    "root": (0.69, 0.70),
    "factuality": (0.62, 0.62),
}
BLIND_FLOORS = {
    "triple": (0.58, 0.58),
    "root": (0.64, 0.64),
    "factuality": (0.61, 0.58),
}
BLIND2_FLOORS = {
    "triple": (0.43, 0.35),
    "root": (0.51, 0.42),
    "factuality": (0.44, 0.39),
}
SEALED_FLOORS = {
    "triple": (0.25, 0.22),
    "root": (0.31, 0.28),
    "factuality": (0.30, 0.27),
}


@pytest.mark.parametrize(
    ("name", "size", "floors"),
    [
        ("events_heldout_gold.jsonl", 100, HELDOUT_FLOORS),
        ("events_blind_gold.jsonl", 100, BLIND_FLOORS),
        ("events_blind2_gold.jsonl", 100, BLIND2_FLOORS),
        ("events_sealed_gold.jsonl", 245, SEALED_FLOORS),
    ],
)
def test_gold_floors(
    pipeline: Pipeline, name: str, size: int, floors: dict[str, tuple[float, float]]
) -> None:
    items = read_gold(FIXTURES / name)
    assert len(items) == size
    figures = evaluate_events(items, event_coder(pipeline, sector_level=True)).as_dict()
    for measure, (precision, recall) in floors.items():
        assert figures[measure]["precision"] >= precision, (measure, figures[measure])
        assert figures[measure]["recall"] >= recall, (measure, figures[measure])
