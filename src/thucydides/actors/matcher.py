"""Find knowledge-base aliases and sector nouns in a parsed document."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from thucydides.actors.kb import PREFIX_MARK, KnowledgeBase, normalise_alias

# Prefix aliases shorter than this would match half the vocabulary.
MIN_PREFIX = 3


@dataclass(frozen=True, slots=True)
class AliasMatch:
    """A token range ``[start, end)`` whose text is a knowledge-base alias."""

    start: int
    end: int
    key: str  # normalised alias: the knowledge-base key


@dataclass(frozen=True, slots=True)
class SectorMatch:
    start: int
    end: int
    sector: str


class _PrefixIndex:
    """Aliases whose last word is a prefix ("ARGENTIN*"), matched token by token."""

    def __init__(self, prefixes: Sequence[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for prefix in prefixes:
            words = tuple(prefix.split())
            if words and len(words[-1]) >= MIN_PREFIX:
                self.by_first[words[0] if len(words) > 1 else ""].append(words)

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def matches(self, doc: Doc) -> Iterator[tuple[int, int, str]]:
        words = [normalise_alias(t.text) for t in doc]
        for i, word in enumerate(words):
            for phrase in self.by_first.get("", ()):
                if word.startswith(phrase[0]):
                    yield i, i + 1, phrase[0] + PREFIX_MARK
            for phrase in self.by_first.get(word, ()):
                end = i + len(phrase)
                if (
                    end <= len(words)
                    and list(phrase[1:-1]) == words[i + 1 : end - 1]
                    and (words[end - 1].startswith(phrase[-1]))
                ):
                    yield i, end, " ".join(phrase) + PREFIX_MARK


class MentionMatcher:
    """Phrase matchers over the knowledge base, built once per pipeline."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._acronym_keys = frozenset(normalise_alias(a) for a in kb.case_sensitive)
        self._name_keys = frozenset(
            normalise_alias(s) for s in kb.surfaces if s not in kb.case_sensitive
        )
        self._aliases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._aliases.add("ALIAS", [nlp.make_doc(text) for text in kb.surfaces])
        exact_nouns = sorted(n for n in kb.sector_nouns if not n.endswith(PREFIX_MARK))
        self._sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._sectors.add("SECTOR", [nlp.make_doc(text) for text in exact_nouns])
        self._alias_prefixes = _PrefixIndex(kb.prefixes)
        self._sector_prefixes = _PrefixIndex(kb.sector_prefixes)

    def aliases(self, doc: Doc) -> list[AliasMatch]:
        """Longest non-overlapping alias matches that pass the case rules."""
        found = []
        for _, start, end in self._aliases(doc):
            span = doc[start:end]
            if self._case_ok(span.text):
                found.append(AliasMatch(start, end, normalise_alias(span.text)))
        if self._alias_prefixes:
            for start, end, key in self._alias_prefixes.matches(doc):
                if self._case_ok(doc[start:end].text):
                    found.append(AliasMatch(start, end, key))
        return _longest_first(found)

    def sectors(self, doc: Doc) -> list[SectorMatch]:
        found = []
        for _, start, end in self._sectors(doc):
            sector = self._kb.sector_of(doc[start:end].text)
            if sector:
                found.append(SectorMatch(start, end, sector))
        if self._sector_prefixes:
            for start, end, key in self._sector_prefixes.matches(doc):
                found.append(SectorMatch(start, end, self._kb.sector_nouns[key]))
        return _longest_first(found)

    def _case_ok(self, text: str) -> bool:
        # Acronyms match only in their exact case ("US" the country, not "us" the pronoun);
        # names match only when capitalised ("Turkey", not "turkey").
        if text in self._kb.case_sensitive:
            return True
        letters = [ch for ch in text if ch.isalpha()]
        if not letters or letters[0].islower():
            return False
        # An acronym in another case is a word ("Pan-African" is not Mexico's PAN) unless
        # some name is spelt that way too.
        key = normalise_alias(text)
        return key not in self._acronym_keys or key in self._name_keys


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
