"""Direct quotations with their cue and speaker."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.conftest import SEED, CodeText, need_shared
from thucydides import Pipeline, read_text_document, record_json


def _quotes(code_text: CodeText, text: str) -> list[dict[str, Any]]:
    return list(record_json(code_text(text))["quotes"])


def test_quote_with_pronoun_speaker(code_text: CodeText) -> None:
    text = (
        "Foreign Minister Ishaq Dar spoke in Islamabad on Monday. "
        "“We will not accept any threat to our sovereignty,” he said."
    )
    (quote,) = _quotes(code_text, text)
    assert quote["text"] == "We will not accept any threat to our sovereignty,"
    assert quote["cue"] == "said" and quote["kind"] == "direct"
    assert quote["speaker"]["name"] == "Ishaq Dar" and quote["speaker"]["country"] == "PAK"
    start, end = quote["span"]
    assert text[start:end] == quote["text"]


def test_scare_quotes_are_not_speech(code_text: CodeText) -> None:
    assert _quotes(code_text, "The so-called “peace plan” was rejected by India.") == []


def test_seed_quotations_of_the_spokesperson(pipeline: Pipeline) -> None:
    text = need_shared(SEED).read_text(encoding="utf-8")
    quotes = record_json(pipeline(read_text_document(text, published=date(2025, 8, 9))))["quotes"]
    assert len(quotes) == 2
    for quote in quotes:
        assert quote["speaker"]["code"] == "PAKGOV"
        assert quote["speaker"]["name"] == "Shafqat Ali Khan"
    assert quotes[0]["text"].startswith("About the US’ interest")
    assert quotes[1]["text"] == "it is the Indian side which has to make up its mind"
