"""Quotations: who said what, in their own words or reported.

1. Direct: a span between paired quotation marks in one paragraph ("…" or “…”). Its cue is
   a reporting verb outside the marks in a sentence the quotation touches ("he said",
   "stating that"); its speaker is the cue's subject, resolved through the actor layer and
   its coreference ("he" → the spokesperson named earlier). The second part of a split
   quotation ("…," he said. "…") has no cue of its own and takes the first part's.
2. Indirect: the content clause of a reporting verb outside quotation marks ("said that
   the talks had failed", "told reporters the border would stay shut"), without its
   "that"; and the clause an "according to X" phrase attributes to X.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from thucydides.actors.resolve import DocumentActors
from thucydides.grammar.tree import subject_heads
from thucydides.model import ActorRef, Quote
from thucydides.model import Span as TextSpan
from thucydides.nlp import QUOTE_MARKS, doc_text, inside_quotes, sentences

_OPENING = re.compile(r"[“\"]")
# Quotations shorter than this are scare quotes ("the so-called “peace plan”"), not speech.
MIN_QUOTE_WORDS = 4
# The second part of a split quotation starts this close to the end of the first.
SPLIT_GAP = 80
CONTENT_DEPS = frozenset({"ccomp"})
# A news sentence has far fewer tokens (the longest paragraph of the gold sets has 628
# characters, about 130 tokens).
MAX_CLAUSE_TOKENS = 250


def find_quotes(doc: Doc, actors: DocumentActors, reporting_verbs: frozenset[str]) -> list[Quote]:
    direct = find_direct_quotes(doc, actors, reporting_verbs)
    indirect = find_indirect_quotes(doc, actors, reporting_verbs, direct)
    return sorted([*direct, *indirect], key=lambda q: q.span.start)


def find_direct_quotes(
    doc: Doc, actors: DocumentActors, reporting_verbs: frozenset[str]
) -> list[Quote]:
    quotes: list[Quote] = []
    text = doc_text(doc)
    touching = _SentenceIndex(doc)
    for start, end in _quoted_spans(text):
        if len(text[start:end].split()) < MIN_QUOTE_WORDS:
            continue
        cue = _cue(touching(start - 1, end + 1), start, end, reporting_verbs)
        if cue is None and quotes and _continues(text, quotes[-1], start):
            earlier = quotes[-1]
            quotes.append(replace(earlier, text=text[start:end], span=TextSpan(start, end)))
            continue
        speaker = None if cue is None else _speaker(actors, cue, subject_heads(cue))
        quotes.append(
            Quote(
                speaker=speaker,
                text=text[start:end],
                span=TextSpan(start, end),
                cue=cue.text if cue else None,
                kind="direct",
            )
        )
    return quotes


def find_indirect_quotes(
    doc: Doc,
    actors: DocumentActors,
    reporting_verbs: frozenset[str],
    direct: Sequence[Quote] = (),
) -> list[Quote]:
    quoted = _Quoted(direct)
    text = doc_text(doc)
    found = []
    for sentence in sentences(doc):
        for token in sentence:
            content, speaker_heads = _reported(token, reporting_verbs)
            if content is None or inside_quotes(sentence, token):
                continue
            start, end = content
            if quoted.overlaps(start, end):
                continue  # the clause is a direct quotation, already found
            if len(text[start:end].split()) < MIN_QUOTE_WORDS:
                continue
            speaker = _speaker(actors, token, speaker_heads)
            if speaker is None:
                continue  # reported speech is worth recording only with its speaker
            found.append(
                Quote(
                    speaker=speaker,
                    text=text[start:end],
                    span=TextSpan(start, end),
                    cue=token.text if token.lower_ != "according" else "according to",
                    kind="indirect",
                )
            )
    return found


def _speaker(actors: DocumentActors, cue: Token, heads: Sequence[Token]) -> ActorRef | None:
    speaker = actors.first(heads)
    return None if speaker is None else actors.with_country(speaker, cue)


def _reported(
    token: Token, reporting_verbs: frozenset[str]
) -> tuple[tuple[int, int] | None, list[Token]]:
    """The reported clause at ``token`` (character offsets) and the heads of its speaker."""
    if token.lower_ == "according":
        sources = [g for c in token.children if c.lower_ == "to" for g in c.children]
        clause = token.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head  # "... avoided X and killed Y, according to Z": all of it
        if not sources or clause.pos_ not in ("VERB", "AUX") or _too_long(clause):
            return None, []
        skip = {t.i for t in token.subtree}
        return _clause_offsets([t for t in clause.subtree if t.i not in skip]), sources
    if token.pos_ != "VERB" or token.lemma_.lower() not in reporting_verbs:
        return None, []
    clauses = [c for c in token.children if c.dep_ in CONTENT_DEPS and c.i > token.i]
    if not clauses or _too_long(clauses[0]):
        return None, []
    tokens = [t for t in clauses[0].subtree if not (t.dep_ == "mark" and t.head.i == clauses[0].i
                                                    and t.lower_ == "that")]  # fmt: skip
    return _clause_offsets(tokens), subject_heads(token)


def _too_long(head: Token) -> bool:
    """Whether the clause under ``head`` spans more than MAX_CLAUSE_TOKENS tokens: then it
    is no reported speech but a run-on text ("he said “he said “he said ..."), and walking
    it for every reporting verb in it would be quadratic."""
    return head.right_edge.i - head.left_edge.i >= MAX_CLAUSE_TOKENS


def _clause_offsets(tokens: list[Token]) -> tuple[int, int] | None:
    words = [
        t
        for t in sorted(tokens, key=lambda t: t.i)
        if not t.is_space and (not t.is_punct or t.text == "%")
    ]
    if not words or any(t.text in QUOTE_MARKS for t in tokens):
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _continues(text: str, earlier: Quote, start: int) -> bool:
    """Whether a quotation starting at ``start`` continues ``earlier`` ("…," he said. "…")."""
    between = text[earlier.span.end : start]
    return earlier.cue is not None and len(between) <= SPLIT_GAP and "\n" not in between


def _quoted_spans(text: str) -> Iterator[tuple[int, int]]:
    """Quotations: from an opening mark (“ or ") to the next closing mark of its kind (” or ")
    in the same line, at least two characters apart. Found in one pass: a regular expression
    rescans the rest of the line from every unclosed mark, quadratic in a line of marks."""
    following = _NextIndex(text)
    at = 0
    while (opening := _OPENING.search(text, at)) is not None:
        start = opening.end()
        close = following.find("”" if opening.group() == "“" else '"', start)
        if close < following.find("\n", start) and close - start >= 2:
            yield start, close
            at = close + 1
        else:
            at = start


class _NextIndex:
    """The next index of a character at or after a position, for positions that only grow:
    each stretch of text is searched once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, int] = {}

    def find(self, char: str, start: int) -> int:
        known = self.found.get(char, -1)
        if known < start:
            index = self.text.find(char, start)
            known = self.found[char] = len(self.text) if index < 0 else index
        return known


class _SentenceIndex:
    """The sentences that touch a stretch of characters, found by bisection."""

    def __init__(self, doc: Doc) -> None:
        self.sentences = sentences(doc)
        self.ends = [s.end_char for s in self.sentences]
        self.starts = [s.start_char for s in self.sentences]

    def __call__(self, start: int, end: int) -> Sequence[SpacySpan]:
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end)
        return self.sentences[first:last]


class _Quoted:
    """The direct quotations (each widened by its marks), sorted and disjoint, so that the
    one a position could be inside is found by bisection."""

    def __init__(self, direct: Sequence[Quote]) -> None:
        self.spans = sorted((q.span.start - 1, q.span.end + 1) for q in direct)
        self.starts = [a for a, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a clause begins or ends inside a direct quotation."""
        before = bisect.bisect_right(self.starts, start) - 1
        if before >= 0 and start < self.spans[before][1]:
            return True
        last = bisect.bisect_left(self.starts, end) - 1
        return last >= 0 and end <= self.spans[last][1]


def _cue(
    touched: Sequence[SpacySpan], start: int, end: int, reporting_verbs: frozenset[str]
) -> Token | None:
    """The reporting verb outside the quotation, in the sentences it touches, nearest first."""
    candidates = [
        t
        for sentence in touched
        for t in sentence
        if t.lemma_.lower() in reporting_verbs
        and t.pos_ in ("VERB", "AUX")
        and not start - 1 <= t.idx <= end + 1
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
