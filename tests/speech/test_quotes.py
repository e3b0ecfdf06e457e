"""Quotations, direct and indirect, with their cue and speaker."""

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
    record = record_json(pipeline(read_text_document(text, published=date(2025, 8, 9))))
    quotes = [q for q in record["quotes"] if q["kind"] == "direct"]
    assert len(quotes) == 2
    for quote in quotes:
        assert quote["speaker"]["code"] == "PAKGOV"
        assert quote["speaker"]["name"] == "Shafqat Ali Khan"
    assert quotes[0]["text"].startswith("About the US’ interest")
    assert quotes[1]["text"] == "it is the Indian side which has to make up its mind"

    indirect = {q["text"]: q for q in record["quotes"] if q["kind"] == "indirect"}
    stating = indirect["Pakistan is open to receiving help from the United States or any other "
                       "nation in settling the protracted war"]  # fmt: skip
    assert stating["speaker"]["name"] == "Shafqat Ali Khan" and stating["cue"] == "stating"


def test_split_quotation_keeps_its_speaker(code_text: CodeText) -> None:
    text = (
        "“We have no intention of escalating the conflict,” Defence Minister Khawaja Asif said. "
        "“But any aggression will be answered in kind.”"
    )
    first, second = _quotes(code_text, text)
    assert second["text"] == "But any aggression will be answered in kind."
    assert first["speaker"]["name"] == second["speaker"]["name"] == "Khawaja Asif"


def test_indirect_speech_and_according_to(code_text: CodeText) -> None:
    text = (
        "Indian Foreign Secretary Vikram Misri told reporters that the talks had made no "
        "progress. The border will remain closed, according to the Pakistani army."
    )
    told, according = _quotes(code_text, text)
    assert told["text"] == "the talks had made no progress" and told["kind"] == "indirect"
    assert told["speaker"]["country"] == "IND" and told["cue"] == "told"
    assert according["text"] == "The border will remain closed"
    assert (according["speaker"]["country"], according["speaker"]["sector"]) == ("PAK", "MIL")
    assert according["cue"] == "according to"


def test_reported_speech_without_a_speaker_is_not_a_quote(code_text: CodeText) -> None:
    assert _quotes(code_text, "It was said that the talks had made no progress at all.") == []
