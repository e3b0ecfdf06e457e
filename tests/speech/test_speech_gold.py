"""The speech gold set (62 documents written for the project): CI floors for quotes,
stances and agreements. Floors are the levels reached, only ever raised."""

from __future__ import annotations

from tests.conftest import FIXTURES
from thucydides import Pipeline
from thucydides.evaluate.run import agreement_canonical, speech_coder
from thucydides.evaluate.speech import evaluate_speech
from thucydides.evaluate.timex import read_gold

FLOORS = {
    # (precision, recall)
    "quote_spans": (0.95, 0.90),
    "quotes": (0.84, 0.80),
    "stances": (0.54, 0.25),
    "agreement_names": (0.76, 0.38),
    "agreements": (0.35, 0.17),
}


def test_speech_gold_floors(pipeline: Pipeline) -> None:
    gold = read_gold(FIXTURES / "speech_gold.jsonl")
    scores = evaluate_speech(gold, speech_coder(pipeline), agreement_canonical(pipeline))
    figures = scores.as_dict()
    assert figures["documents"] >= 40
    for name, (precision, recall) in FLOORS.items():
        assert figures[name]["precision"] >= precision, (name, figures[name])
        assert figures[name]["recall"] >= recall, (name, figures[name])
