"""Issue 3, acceptance 1: actor resolution on NGEC's expectations, with CI floors.

The floors may be raised, never lowered. Skips, saying why, where ../shared is absent.
"""

from __future__ import annotations

from tests.conftest import SHARED, need_shared
from thucydides import Pipeline
from thucydides.evaluate.actors import evaluate_actors, read_gold

GOLD = SHARED / "data" / "dev" / "ngec_actor_resolution" / "gold.jsonl"
COUNTRY_FLOOR = 0.88
# Issue 3 asks for 0.75; this is the level reached (0.784), to be raised, never lowered.
SECTOR_FLOOR = 0.78


def test_ngec_actor_resolution_floors(pipeline: Pipeline) -> None:
    items = read_gold(need_shared(GOLD))
    scores = evaluate_actors(items, pipeline.resolve_actor)
    assert scores.items >= 290
    assert scores.country.accuracy >= COUNTRY_FLOOR, scores.as_dict()
    assert scores.sector.accuracy >= SECTOR_FLOOR, scores.as_dict()
