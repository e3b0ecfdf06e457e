"""The project's own event gold set (253 news-style sentences written for the project,
every CAMEO root and the factuality cases): CI floors per root and overall. Floors are the
levels reached, only ever raised."""

from __future__ import annotations

from tests.conftest import FIXTURES
from thucydides import Pipeline
from thucydides.evaluate.events import evaluate_events
from thucydides.evaluate.run import event_coder
from thucydides.evaluate.timex import read_gold

# CAMEO root → (precision, recall) of (source, target, root) among asserted events.
ROOT_FLOORS = {
    "01": (0.79, 0.79),
    "02": (0.85, 0.81),
    "03": (0.99, 0.90),
    "04": (0.80, 0.80),
    "05": (0.82, 0.82),
    "06": (0.83, 0.55),
    "07": (0.83, 0.90),
    "08": (0.72, 0.57),
    "09": (0.66, 0.74),
    "10": (0.77, 0.77),
    "11": (0.94, 0.99),
    "12": (0.49, 0.46),
    "13": (0.79, 0.79),
    "14": (0.74, 0.59),
    "15": (0.59, 0.74),
    "16": (0.78, 0.78),
    "17": (0.72, 0.61),
    "18": (0.37, 0.42),
    "19": (0.62, 0.55),
    "20": (0.79, 0.66),
}
OVERALL_FLOORS = {
    "triple": (0.69, 0.67),
    "root": (0.76, 0.73),
    "factuality": (0.73, 0.70),
}


def test_own_gold_set_covers_every_root_and_factuality() -> None:
    items = read_gold(FIXTURES / "events_own_gold.jsonl")
    assert len(items) >= 150
    roots = {e["code"][:2] for item in items for e in item["gold"]["events"]}
    assert roots >= set(ROOT_FLOORS)
    facts = {e.get("factuality", "asserted") for item in items for e in item["gold"]["events"]}
    assert facts == {"asserted", "negated", "possible"}


def test_own_gold_floors(pipeline: Pipeline) -> None:
    items = read_gold(FIXTURES / "events_own_gold.jsonl")
    figures = evaluate_events(items, event_coder(pipeline, sector_level=True)).as_dict()
    for name, (precision, recall) in OVERALL_FLOORS.items():
        assert figures[name]["precision"] >= precision, (name, figures[name])
        assert figures[name]["recall"] >= recall, (name, figures[name])
    for root, (precision, recall) in ROOT_FLOORS.items():
        scored = figures["by_root"][root]
        assert scored["precision"] >= precision, (root, scored)
        assert scored["recall"] >= recall, (root, scored)
