"""Direct quotations: the quoted text, the reporting cue and the speaker.

A quotation is a span between paired quotation marks in one paragraph ("…" or “…”). Its cue
is a reporting verb outside the marks in a sentence the quotation touches ("he said",
"stating that"); its speaker is the cue's subject, resolved through the actor layer and its
coreference ("he" → the spokesperson named earlier).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from thucydides.actors.resolve import DocumentActors
from thucydides.events.roles import subject_heads
from thucydides.model import Quote
from thucydides.model import Span as TextSpan

_QUOTED = re.compile(r"“(?P<curly>[^”\n]{2,})”|\"(?P<straight>[^\"\n]{2,})\"")
# Quotations shorter than this are scare quotes ("the so-called “peace plan”"), not speech.
MIN_QUOTE_WORDS = 4


def find_quotes(doc: Doc, actors: DocumentActors, reporting_verbs: frozenset[str]) -> list[Quote]:
    quotes = []
    for start, end in _quoted_spans(doc.text):
        if len(doc.text[start:end].split()) < MIN_QUOTE_WORDS:
            continue
        cue = _cue(doc, start, end, reporting_verbs)
        speaker = None if cue is None else actors.first(subject_heads(cue))
        quotes.append(
            Quote(
                speaker=speaker,
                text=doc.text[start:end],
                span=TextSpan(start, end),
                cue=cue.text if cue else None,
                kind="direct",
            )
        )
    return quotes


def _quoted_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _QUOTED.finditer(text):
        group = "curly" if match.group("curly") is not None else "straight"
        yield match.start(group), match.end(group)


def _cue(doc: Doc, start: int, end: int, reporting_verbs: frozenset[str]) -> Token | None:
    """The reporting verb outside the quotation, in the sentences it touches, nearest first."""
    sentences = [s for s in doc.sents if s.start_char < end + 1 and s.end_char > start - 1]
    candidates = [
        t
        for sentence in sentences
        for t in sentence
        if t.lemma_.lower() in reporting_verbs
        and t.pos_ in ("VERB", "AUX")
        and not start - 1 <= t.idx <= end + 1
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
