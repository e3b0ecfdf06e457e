"""The event evaluator: triple and root scores, skipped items, and the PETRARCH floor."""

from __future__ import annotations

from tests.conftest import FIXTURES, SHARED, need_shared
from thucydides import Config, Pipeline
from thucydides.evaluate.events import evaluate_events
from thucydides.evaluate.run import event_coder
from thucydides.evaluate.timex import read_gold

PETRARCH = SHARED / "data" / "dev" / "petrarch_validation"
# Issue 4 asks for triple precision 0.75, recall 0.70 and root F1 0.80; these floors are the
# level reached so far (dyadic scoring, as PETRARCH's require_dyad), to be raised, never
# lowered.
TRIPLE_PRECISION_FLOOR = 0.30
TRIPLE_RECALL_FLOOR = 0.17
ROOT_F1_FLOOR = 0.41


def test_scores_on_own_fixture(pipeline: Pipeline) -> None:
    scores = evaluate_events(read_gold(FIXTURES / "gold_events.jsonl"), event_coder(pipeline))
    assert scores.items == 3  # evaluate: false is skipped
    figures = scores.as_dict()
    assert figures["triple"] == {
        "tp": 2,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert set(figures["by_root"]) == {"11", "16"}


def test_factuality_counts_and_dyadic_scoring() -> None:
    items = [
        {
            "id": "f1",
            "text": "x",
            "doc_date": "2025-01-01",
            "gold": {
                "events": [
                    {"source": "IND", "target": "PAK", "code": "190", "factuality": "negated"},
                    {"source": "IND", "target": "", "code": "010"},
                ]
            },
        }
    ]

    def coder(text: str, anchor: object) -> set[tuple[str, str, str, str]]:
        return {("IND", "PAK", "190", "asserted"), ("IND", "---", "010", "asserted")}

    figures = evaluate_events(items, coder).as_dict()
    # The asserted attack is wrong: gold says it did not happen.
    assert (figures["triple"]["tp"], figures["triple"]["fp"]) == (1, 1)
    assert (figures["factuality"]["tp"], figures["factuality"]["fn"]) == (1, 1)
    dyadic = evaluate_events(items, coder, dyadic=True).as_dict()
    assert (dyadic["triple"]["tp"], dyadic["triple"]["fp"], dyadic["triple"]["fn"]) == (0, 1, 1)


def test_petrarch_validation_floors() -> None:
    gold = read_gold(need_shared(PETRARCH / "gold.jsonl"))
    actors = (
        str(PETRARCH / "PETR_Validate_actors_2_02.txt"),
        str(PETRARCH / "PETR_Validate_agents_2_02.txt"),
    )
    pipeline = Pipeline(Config(actor_files=actors))
    figures = evaluate_events(gold, event_coder(pipeline), dyadic=True).as_dict()
    assert figures["items"] >= 340
    assert figures["triple"]["precision"] >= TRIPLE_PRECISION_FLOOR, figures["triple"]
    assert figures["triple"]["recall"] >= TRIPLE_RECALL_FLOOR, figures["triple"]
    assert figures["root"]["f1"] >= ROOT_F1_FLOOR, figures["root"]
