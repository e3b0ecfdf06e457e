"""Find knowledge-base aliases and sector nouns in a parsed document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from thucydides.actors.kb import KnowledgeBase, normalise_alias


@dataclass(frozen=True, slots=True)
class AliasMatch:
    """A token range ``[start, end)`` whose text is a knowledge-base alias."""

    start: int
    end: int
    key: str  # normalised alias


@dataclass(frozen=True, slots=True)
class SectorMatch:
    start: int
    end: int
    sector: str


class MentionMatcher:
    """Phrase matchers over the knowledge base, built once per pipeline."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._acronym_keys = frozenset(normalise_alias(a) for a in kb.case_sensitive)
        self._aliases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._aliases.add("ALIAS", [nlp.make_doc(text) for text in kb.surfaces])
        self._sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._sectors.add("SECTOR", [nlp.make_doc(text) for text in sorted(kb.sector_nouns)])

    def aliases(self, doc: Doc) -> list[AliasMatch]:
        """Longest non-overlapping alias matches that pass the case rules."""
        found = []
        for _, start, end in self._aliases(doc):
            span = doc[start:end]
            if self._case_ok(span.text):
                found.append(AliasMatch(start, end, normalise_alias(span.text)))
        return _longest_first(found)

    def sectors(self, doc: Doc) -> list[SectorMatch]:
        found = []
        for _, start, end in self._sectors(doc):
            sector = self._kb.sector_of(doc[start:end].text)
            if sector:
                found.append(SectorMatch(start, end, sector))
        return _longest_first(found)

    def _case_ok(self, text: str) -> bool:
        # Acronyms match only in their exact case ("US" the country, not "us" the pronoun);
        # names match only when capitalised ("Turkey", not "turkey").
        if text in self._kb.case_sensitive:
            return True
        letters = [ch for ch in text if ch.isalpha()]
        if not letters or letters[0].islower():
            return False
        return not (text.isupper() and normalise_alias(text) in self._acronym_keys)


M = TypeVar("M", AliasMatch, SectorMatch)


def _longest_first(matches: list[M]) -> list[M]:
    chosen: list[M] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        tokens = set(range(match.start, match.end))
        if not tokens & taken:
            chosen.append(match)
            taken |= tokens
    return sorted(chosen, key=lambda m: m.start)
