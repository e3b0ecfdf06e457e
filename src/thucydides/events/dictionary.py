"""Verb dictionaries matched on the dependency parse: the dictionary layers of the lexicon.

A :class:`VerbLayer` holds one PETRARCH/TABARI verb dictionary (:mod:`.verbdict`) ready to
match parsed sentences, after UD-PETRARCH's idea that a pattern's words are the verb's
dependents and their phrases, not whatever words happen to stand nearby:

1. **The verb.** A token whose lemma (or, for a verb listed with its forms, whose form) a
   block lists is the pattern's ``*``; a multi-word verb (``+CORDON_OFF``) also needs its
   other words beside it or among its particles.
2. **The verb's phrase.** Its dependents and their subtrees, without a coordinated verb, an
   adverbial, relative or parenthetical clause, which have verbs of their own. Words a
   pattern writes after ``*`` are looked for, in order, in the part right of the verb; words
   before ``*``, in the part left of it.
3. **The elements.** A word matches a token's form or lemma; ``AIR_STRIKE`` consecutive
   tokens; ``&SET`` any member of the synonym set; ``{A B}`` a token ``B`` with ``A`` in
   its own phrase; ``(P X)`` the preposition ``P`` with ``X`` in its phrase; ``$`` ``+``
   ``%`` a noun (the source, the target, both), recorded for the coder; ``^`` nothing.
4. **The code.** Of the matching patterns of the verb's blocks the one with the most words
   wins, ties going to the one written first; with none, the verb's own code, else its
   block's. ``[---]`` is a match that codes nothing.

Precedence between layers is the coder's (:class:`~thucydides.events.coder.EventCoder`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Token as SpacyToken

from thucydides.events.verbdict import (
    Element,
    EventCode,
    NounPhrase,
    PrepPhrase,
    Synset,
    Token,
    VerbBlock,
    VerbDictionary,
    VerbEntry,
    VerbPattern,
)

# Dependents that head a clause of their own: their words are not the verb's phrase.
CLAUSE_DEPS = frozenset({"advcl", "parataxis", "relcl", "acl", "csubj", "punct", "cc", "mark"})
NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
VERBISH = frozenset({"VERB", "AUX"})
# How far a multi-word verb's other words may stand from it: "cordoned the area off".
NEAR = 4


@dataclass(frozen=True, slots=True)
class DictionaryMatch:
    """What a layer made of one verb: a code, the line that decided it and the tokens the
    pattern put in the source and target slots, if it had them."""

    code: EventCode
    rule: str  # ``CAMEO.2.0.txt:5437``: the pattern's line, else the verb's or the block's
    words: int  # how many words the pattern matched: 0 for a verb's default code
    source: SpacyToken | None = None
    target: SpacyToken | None = None


@dataclass(frozen=True, slots=True)
class _Candidate:
    entry: VerbEntry
    block: VerbBlock


@dataclass(slots=True)
class _Found:
    """A partial match: where the next element may start, the words so far, the roles."""

    at: int
    words: int = 0
    source: SpacyToken | None = None
    target: SpacyToken | None = None


class VerbLayer:
    """One verb dictionary, indexed by verb word, matched against parsed verbs."""

    def __init__(self, dictionary: VerbDictionary) -> None:
        self.dictionary = dictionary
        self._synsets: Mapping[str, Synset] = {s.name: s for s in dictionary.synsets}
        index: dict[str, list[_Candidate]] = {}
        for block in dictionary.blocks:
            for entry in block.verbs:
                for word in {entry.lemma.verb, *(f.verb for f in entry.forms)}:
                    index.setdefault(word, []).append(_Candidate(entry, block))
        self._index = index

    @property
    def name(self) -> str:
        return self.dictionary.name

    def lists(self, verb: SpacyToken) -> bool:
        """Whether the dictionary has a verb line for this token (a code or ``[---]``)."""
        return bool(self._candidates(verb))

    def match(self, verb: SpacyToken) -> DictionaryMatch | None:
        candidates = self._candidates(verb)
        if not candidates:
            return None
        left, right = _phrase(verb)
        best: tuple[int, VerbPattern, _Found] | None = None
        seen: set[str] = set()
        for candidate in candidates:
            if candidate.block.id in seen:
                continue
            seen.add(candidate.block.id)
            for pattern in candidate.block.patterns:
                found = self._pattern(pattern, left, right)
                if found is not None and (best is None or found.words > best[0]):
                    best = (found.words, pattern, found)
        if best is not None:
            _, pattern, found = best
            return DictionaryMatch(
                pattern.code, pattern.source, found.words, found.source, found.target
            )
        entry, block = candidates[0].entry, candidates[0].block
        if entry.code is not None:
            return DictionaryMatch(entry.code, entry.source, 0)
        return DictionaryMatch(block.code, block.source, 0)

    # ---- the verb ---------------------------------------------------------------------------

    def _candidates(self, verb: SpacyToken) -> list[_Candidate]:
        found = {
            id(c): c
            for word in (verb.lemma_.upper(), verb.text.upper())
            for c in self._index.get(word, ())
        }
        matching = [c for c in found.values() if _verb_words_match(c.entry, verb)]
        # a multi-word verb ("+CORDON_OFF") is more specific than its verb alone, and a verb
        # listed as the very word written ("LEFT") than one reached through the lemma
        # ("LEAVE")
        written = verb.text.upper()
        return sorted(
            matching,
            key=lambda c: (
                -len(c.entry.lemma.words),
                written not in {c.entry.lemma.verb, *(f.verb for f in c.entry.forms)},
            ),
        )

    # ---- the pattern ------------------------------------------------------------------------

    def _pattern(
        self, pattern: VerbPattern, left: Sequence[SpacyToken], right: Sequence[SpacyToken]
    ) -> _Found | None:
        after = self._sequence(pattern.after, right, _Found(0))
        if after is None:
            return None
        before = self._sequence(
            pattern.before, left, _Found(0, after.words, after.source, after.target)
        )
        return before

    def _sequence(
        self, elements: Sequence[Element], tokens: Sequence[SpacyToken], found: _Found
    ) -> _Found | None:
        for element in elements:
            next_found = self._element(element, tokens, found)
            if next_found is None:
                return None
            found = next_found
        return found

    def _element(
        self, element: Element, tokens: Sequence[SpacyToken], found: _Found
    ) -> _Found | None:
        if isinstance(element, PrepPhrase):
            return self._prep(element, tokens, found)
        if isinstance(element, NounPhrase):
            return self._noun_phrase(element, tokens, found)
        if element.kind == "skip":
            return found
        if element.kind in ("source", "target", "compound"):
            return _role(element.kind, tokens, found)
        for i in range(found.at, len(tokens)):
            width = self._token_width(element, tokens, i)
            if width:
                return _Found(i + width, found.words + width, found.source, found.target)
        return None

    def _token_width(self, element: Token, tokens: Sequence[SpacyToken], i: int) -> int:
        """How many tokens from ``tokens[i]`` the word or synonym set covers (0: none)."""
        if element.kind == "synset":
            synset = self._synsets.get(element.text)
            if synset is None:
                return 0
            for member in synset.members:
                width = self._member_width(member.element, tokens, i, member.plural)
                if width:
                    return width
            return 0
        if element.kind != "word":
            return 0
        return _words_width(_split_words(element.words), tokens, i)

    def _member_width(
        self, element: Element, tokens: Sequence[SpacyToken], i: int, plural: str | None
    ) -> int:
        if isinstance(element, Token):
            if plural is not None and tokens[i].text.upper() == plural:
                return 1
            return self._token_width(element, tokens, i)
        found = self._element(element, tokens[i:], _Found(0))
        return found.at if found is not None and found.at else 0

    def _noun_phrase(
        self, phrase: NounPhrase, tokens: Sequence[SpacyToken], found: _Found
    ) -> _Found | None:
        """``{NEW DIPLOMATIC RELATIONS}``: a head, with its modifiers in its own phrase."""
        head, modifiers = phrase.tokens[-1], phrase.tokens[:-1]
        for i in range(found.at, len(tokens)):
            width = self._head_width(head, tokens, i)
            if not width:
                continue
            last = tokens[i + width - 1]
            inside = {t.i for t in last.subtree}
            own = [t for t in tokens[found.at : i] if t.i in inside]
            inner = self._sequence(modifiers, own, _Found(0))
            if inner is not None:
                return _Found(
                    i + width,
                    found.words + inner.words + width,
                    found.source or inner.source,
                    found.target or inner.target,
                )
        return None

    def _head_width(self, head: Token, tokens: Sequence[SpacyToken], i: int) -> int:
        if head.kind in ("source", "target", "compound"):
            return 1 if tokens[i].pos_ in NOUNISH else 0
        return self._token_width(head, tokens, i)

    def _prep(
        self, phrase: PrepPhrase, tokens: Sequence[SpacyToken], found: _Found
    ) -> _Found | None:
        """``(TO BORDER)``: the preposition, then its objects within its own phrase."""
        choices = set(phrase.preposition.text.split("/"))
        for i in range(found.at, len(tokens)):
            prep = tokens[i]
            if prep.text.upper() not in choices:
                continue
            within = list(range(i + 1, len(tokens)))
            if any(True for _ in prep.children):
                inside = {t.i for t in prep.subtree}
                within = [j for j in within if tokens[j].i in inside]
            # else a preposition the parser left bare ("clash over the efforts", "over"
            # a particle and "efforts" the object): its phrase is what follows it
            inner = self._sequence(phrase.objects, [tokens[j] for j in within], _Found(0))
            if inner is None:
                continue
            end = within[inner.at - 1] + 1 if inner.at else i + 1
            return _Found(
                end,
                found.words + 1 + inner.words,
                found.source or inner.source,
                found.target or inner.target,
            )
        return None


def _role(kind: str, tokens: Sequence[SpacyToken], found: _Found) -> _Found | None:
    """``$``, ``+``, ``%``: the next noun fills the slot."""
    for i in range(found.at, len(tokens)):
        token = tokens[i]
        if token.pos_ in NOUNISH:
            source = (
                token if kind in ("source", "compound") and found.source is None else found.source
            )
            target = (
                token if kind in ("target", "compound") and found.target is None else found.target
            )
            # a slot takes the head of its phrase: skip the rest of the noun phrase
            end = i + 1
            while end < len(tokens) and tokens[end].pos_ in NOUNISH:
                end += 1
            return _Found(end, found.words, source, target)
    return None


def _split_words(words: Iterable[str]) -> tuple[str, ...]:
    """``CEASE-FIRE`` is three tokens to the parser: CEASE, -, FIRE."""
    parts: list[str] = []
    for word in words:
        pieces = word.split("-")
        for j, piece in enumerate(pieces):
            if j:
                parts.append("-")
            if piece:
                parts.append(piece)
    return tuple(parts)


def _words_width(words: Sequence[str], tokens: Sequence[SpacyToken], i: int) -> int:
    if not words or i + len(words) > len(tokens):
        return 0
    for k, word in enumerate(words):
        token = tokens[i + k]
        if k and token.i != tokens[i].i + k:
            return 0  # consecutive in the sentence, not only in the phrase
        if word not in (token.text.upper(), token.lemma_.upper()):
            return 0
    return len(words)


def _verb_words_match(entry: VerbEntry, verb: SpacyToken) -> bool:
    """A multi-word verb's other words stand beside the verb, in order, or are its
    particles ("called the strike off")."""
    words, at = entry.lemma.words, entry.lemma.verb_index
    if len(words) == 1:
        return True
    doc = verb.doc
    before = [w for w in words[:at]]
    for k, word in enumerate(reversed(before), start=1):
        j = verb.i - k
        if j < 0 or word not in (doc[j].text.upper(), doc[j].lemma_.upper()):
            return False
    wanted = list(words[at + 1 :])
    position = verb.i + 1
    sentence_end = verb.sent.end
    for word in wanted:
        for j in range(position, min(sentence_end, verb.i + 1 + NEAR + len(wanted))):
            if word in (doc[j].text.upper(), doc[j].lemma_.upper()):
                position = j + 1
                break
        else:
            return False
    return True


def _phrase(verb: SpacyToken) -> tuple[list[SpacyToken], list[SpacyToken]]:
    """The verb's own phrase, left and right of it, in sentence order."""
    tokens: list[SpacyToken] = []
    stack = [c for c in verb.children if _in_phrase(c)]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if _in_phrase(c))
    tokens.sort(key=lambda t: t.i)
    return [t for t in tokens if t.i < verb.i], [t for t in tokens if t.i > verb.i]


def _in_phrase(token: SpacyToken) -> bool:
    if token.dep_ in CLAUSE_DEPS:
        return False
    return not (token.dep_ == "conj" and token.pos_ in VERBISH)
