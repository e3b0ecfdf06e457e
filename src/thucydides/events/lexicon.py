"""The event lexicon: trigger patterns and the closed word classes, loaded from data files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from thucydides.errors import ConfigError, Msg
from thucydides.events.frames import Frames, load_frames
from thucydides.resources import data_path, read_yaml, read_yaml_list

TriggerKind = Literal["verb", "noun"]


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    kind: TriggerKind
    lemma: str  # the head lemma; phrasal verbs keep their particles in ``particles``
    particles: tuple[str, ...]
    objects: frozenset[str]
    context: frozenset[str]
    state_code: str | None
    # "received weapons from Russia": the subject is the recipient, the "from" the actor
    converse: bool = False
    # where it was written: ``patterns_cameo.yaml:120``, ``CAMEO.2.0.txt:5437``
    rule: str = ""
    # a dictionary's ``[042:043]``: what the recipient does to the actor in turn
    reverse: str | None = None
    # a dictionary's ``[:020]``: only the reverse event
    forward: bool = True

    @property
    def specificity(self) -> int:
        # a noun phrase ("general strike") is more specific than its head ("strike")
        words = self.lemma.count(" ")
        return 2 * bool(self.objects) + bool(self.context) + len(self.particles) + words


@dataclass(frozen=True)
class Lexicon:
    verbs: Mapping[str, tuple[Pattern, ...]]  # head lemma → patterns
    nouns: Mapping[str, tuple[Pattern, ...]]  # last word of the noun lemma → patterns
    light_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    possibility_verbs: frozenset[str]
    possibility_modifiers: frozenset[str]
    conditional_markers: frozenset[str]
    negation_words: frozenset[str]
    negation_nouns: frozenset[str]
    refusal_verbs: frozenset[str]
    instruments: Mapping[str, str]  # instrument lemma → code
    refusal_codes: Mapping[str, str]  # refused code or root → rejection code
    stance_nouns: Mapping[str, str]  # "openness" → "open"
    allegation_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    acceptance_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    intention_verbs: frozenset[str]
    phase_verbs: frozenset[str]
    intent_codes: Mapping[str, str]  # intended cooperative act → "express intent" (03x)
    threat_codes: Mapping[str, str]  # intended hostile act → "threaten" (13x)
    appeal_codes: Mapping[str, str]  # asked-for act → appeal (02x)
    demand_codes: Mapping[str, str]  # demanded act → demand (10x)
    accusation_codes: Mapping[str, str]  # accused act → accusation (112x)
    authoring_verbs: frozenset[str]  # "drafted by", "US-sponsored": who put a text forward
    appeal_verbs: frozenset[str]
    sports_words: frozenset[str]
    protest_aims: Mapping[str, frozenset[str]]  # last digit of 14xN → cue lemmas
    participation_verbs: frozenset[str]
    commemoration_nouns: frozenset[str]
    patient_nouns: frozenset[str]  # "his detention": the possessor is who suffers it
    proposal_nouns: frozenset[str]  # "a proposal to deploy troops": the act is possible
    document_nouns: frozenset[str]  # "a resolution demanding ...": its adopter speaks
    aid_kinds: Mapping[str, frozenset[str]]  # last digit → words naming that kind of aid
    frames: Frames  # how each code takes its roles (frames.tsv)


def _patterns(codes: frozenset[str]) -> tuple[dict[str, list[Pattern]], dict[str, list[Pattern]]]:
    """Every ``patterns*.yaml`` file: the seed lexicon and the general CAMEO one."""
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    for path in sorted(data_path("events").glob("patterns*.yaml")):
        _read_patterns(path, codes, verbs, nouns)
    return verbs, nouns


def _read_patterns(
    path: Path,
    codes: frozenset[str],
    verbs: dict[str, list[Pattern]],
    nouns: dict[str, list[Pattern]],
) -> None:
    for number, row in enumerate(read_yaml_list(path), start=1):
        code = str(row["code"])
        state_code = str(row["state_code"]) if row.get("state_code") else None
        for checked in (code, state_code):
            if checked is not None and checked not in codes:
                raise ConfigError(Msg.E021, path=path, detail=f"unknown CAMEO code {checked}")
        kind: TriggerKind = "noun" if row.get("kind") == "noun" else "verb"
        for phrase in row["lemmas"]:
            words = str(phrase).split()
            head, particles = (words[-1], ()) if kind == "noun" else (words[0], tuple(words[1:]))
            pattern = Pattern(
                code=code,
                kind=kind,
                lemma=" ".join(words) if kind == "noun" else head,
                particles=particles,
                objects=frozenset(str(o) for o in row.get("objects", [])),
                context=frozenset(str(c) for c in row.get("context", [])),
                state_code=state_code,
                converse=bool(row.get("converse", False)),
                rule=f"{path.name}#{number}",
            )
            (nouns if kind == "noun" else verbs)[head].append(pattern)


@cache
def load_lexicon(codes: frozenset[str]) -> Lexicon:
    """Load the lexicon, checking every code against ``codes`` (the codebook's)."""
    verbs, nouns = _patterns(codes)
    grammar = read_yaml(data_path("events", "grammar.yaml"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w) for w in grammar[key])

    def table(key: str) -> dict[str, str]:
        return {str(k): str(v) for k, v in grammar[key].items()}

    def word_sets(key: str) -> dict[str, frozenset[str]]:
        return {str(k): frozenset(str(w).lower() for w in v) for k, v in grammar[key].items()}

    instruments = {
        str(word): str(code) for code, lemmas in grammar["instruments"].items() for word in lemmas
    }
    return Lexicon(
        verbs={k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in verbs.items()},
        nouns={k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in nouns.items()},
        light_verbs=frozenset(w.split()[0] for w in words("light_verbs")),
        reporting_verbs=words("reporting_verbs"),
        possibility_verbs=words("possibility_verbs"),
        possibility_modifiers=words("possibility_modifiers"),
        conditional_markers=words("conditional_markers"),
        negation_words=words("negation_words"),
        negation_nouns=words("negation_nouns"),
        refusal_verbs=words("refusal_verbs"),
        instruments=instruments,
        refusal_codes=table("refusal_codes"),
        stance_nouns=table("stance_nouns"),
        allegation_verbs=words("allegation_verbs"),
        denial_verbs=words("denial_verbs"),
        acceptance_verbs=words("acceptance_verbs"),
        object_control_verbs=words("object_control_verbs"),
        intention_verbs=words("intention_verbs"),
        phase_verbs=words("phase_verbs"),
        intent_codes=table("intent_codes"),
        threat_codes=table("threat_codes"),
        appeal_codes=table("appeal_codes"),
        demand_codes=table("demand_codes"),
        accusation_codes=table("accusation_codes"),
        authoring_verbs=words("authoring_verbs"),
        appeal_verbs=words("appeal_verbs"),
        sports_words=words("sports_words"),
        participation_verbs=words("participation_verbs"),
        commemoration_nouns=words("commemoration_nouns"),
        patient_nouns=words("patient_nouns"),
        proposal_nouns=words("proposal_nouns"),
        document_nouns=words("document_nouns"),
        aid_kinds=word_sets("aid_kinds"),
        protest_aims=word_sets("protest_aims"),
        frames=load_frames(codes),
    )
