"""The words of positions: topic labels and the cues that express support or opposition.

Read from ``data/speech/topics.yaml`` (normalised topic labels with the phrases that signal
them) and ``data/speech/stance_cues.yaml`` (support and opposition verbs and phrases, reason
cues, negators); see each file's header comment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from thucydides.resources import data_path, read_yaml, read_yaml_list

Position = Literal["support", "oppose"]
POSITIONS: tuple[Position, ...] = ("support", "oppose")


@dataclass(frozen=True, slots=True)
class Cue:
    """A stance cue: a verb lemma, with the particle or preposition that completes it
    ("rule out", "call for", "open to") and the position it expresses."""

    lemma: str
    tail: tuple[str, ...]
    position: Position


@dataclass(frozen=True)
class SpeechLexicon:
    topic_terms: Mapping[str, str]  # lower-case term (one or more words) → topic label
    topic_lemmas: Mapping[str, str]  # one-word term as a lemma ("mediate") → label
    topic_starts: frozenset[str]  # the first word of every term, to skip other words fast
    cues: Mapping[str, tuple[Cue, ...]]  # head lemma → cues, longest tail first
    reasons: frozenset[str]  # "citing", "because", "on the grounds that"
    negators: frozenset[str]
    anaphors: frozenset[str] = frozenset()  # "the decision": the issue named last
    appraisal_verbs: frozenset[str] = frozenset()  # "called it illegal"
    evaluations: Mapping[str, Position] = field(default_factory=dict)  # "illegal" → oppose

    @property
    def labels(self) -> frozenset[str]:
        return frozenset(self.topic_terms.values())


def load_speech_lexicon() -> SpeechLexicon:
    terms: dict[str, str] = {}
    for row in read_yaml_list(data_path("speech", "topics.yaml")):
        for term in [row["label"], *row.get("terms", [])]:
            terms.setdefault(str(term).lower(), str(row["label"]))
    single = {term: label for term, label in terms.items() if " " not in term}
    starts = frozenset(re.split(r"[\s\-–/']", term)[0] for term in terms)
    table = read_yaml(data_path("speech", "stance_cues.yaml"))
    cues: dict[str, list[Cue]] = {}
    for position in POSITIONS:
        section = table.get(position, {})
        for entry in [*section.get("verbs", []), *section.get("phrases", [])]:
            cue = _cue(str(entry), position)
            cues.setdefault(cue.lemma, []).append(cue)
    ordered = {k: tuple(sorted(v, key=lambda c: -len(c.tail))) for k, v in cues.items()}
    return SpeechLexicon(
        topic_terms=terms,
        topic_lemmas=single,
        topic_starts=starts,
        cues=ordered,
        reasons=_words(table, "reasons"),
        negators=_words(table, "negators"),
        anaphors=_words(table, "anaphors"),
        appraisal_verbs=_words(table, "appraisal_verbs"),
        evaluations={
            str(word).lower(): position
            for position in POSITIONS
            for word in table.get("evaluations", {}).get(position, [])
        },
    )


def _words(table: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in table.get(key, []))


def _cue(entry: str, position: Position) -> Cue:
    """ "be open to" → head "open", tail ("to",); "rule out" → "rule", ("out",)."""
    words = entry.lower().split()
    if words and words[0] == "be" and len(words) > 1:
        words = words[1:]  # the copula is not in the parse's head: "is open to"
    return Cue(words[0], tuple(words[1:]), position)
