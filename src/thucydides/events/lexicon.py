"""The event lexicon: trigger patterns and the closed word classes, loaded from data files."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any, Literal

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
    # where it was written: ``patterns.yaml#0871.agree-ceasefire`` (file and row id),
    # ``CAMEO.2.0.txt:5437`` (a dictionary's file and line)
    rule: str = ""
    # a dictionary's ``[042:043]``: what the recipient does to the actor in turn
    reverse: str | None = None
    # a dictionary's ``[:020]``: only the reverse event
    forward: bool = True
    # codes only with both an actor and a recipient (the built-in dictionary's patterns)
    dyadic: bool = False

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
    civilian_victims: frozenset[str]  # force against them is an abuse, not aggression
    civilian_abuse: str  # the accusation of it (1122)
    authoring_verbs: frozenset[str]  # "drafted by", "US-sponsored": who put a text forward
    appeal_verbs: frozenset[str]
    sports_words: frozenset[str]
    vote_words: frozenset[str]  # "voted 13-0": a tally, not a score
    protest_aims: Mapping[str, frozenset[str]]  # last digit of 14xN → cue lemmas
    participation_verbs: frozenset[str]
    commemoration_nouns: frozenset[str]
    patient_nouns: frozenset[str]  # "his detention": the possessor is who suffers it
    proposal_nouns: frozenset[str]  # "a proposal to deploy troops": the act is possible
    document_nouns: frozenset[str]  # "a resolution demanding ...": its adopter speaks
    aid_kinds: Mapping[str, frozenset[str]]  # last digit → words naming that kind of aid
    frames: Frames  # how each code takes its roles (frames.tsv)


# The keys a pattern row may have (see the header of patterns.yaml). Anything else is a
# mistake — a misspelt ``object:`` would otherwise be silently ignored.
_ROW_KEYS = frozenset(
    {"id", "code", "lemmas", "kind", "objects", "context", "state_code", "converse", "example"}
)
# ``0871.agree-ceasefire``: the code, a dot and a slug of what the row is about
_ROW_ID = re.compile(r"\d{2,4}\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# ``financial_aid``: the name of a word set in sets.yaml, referenced as ``$financial_aid``
_SET_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")

WordSets = Mapping[str, tuple[str, ...]]


def read_word_sets(path: Path) -> dict[str, tuple[str, ...]]:
    """The named word sets of ``sets.yaml``: name → its words, in the order written.

    Each set is a non-empty list of lower-case words, none twice; names are lower_snake_case."""
    loaded = read_yaml(path)
    if not isinstance(loaded, dict):
        raise ConfigError(Msg.E021, path=path, detail="expected a mapping of set names to words")
    sets: dict[str, tuple[str, ...]] = {}
    for name, words in loaded.items():
        if not isinstance(name, str) or not _SET_NAME.fullmatch(name):
            detail = f"set name {name!r} is not lower_snake_case"
            raise ConfigError(Msg.E021, path=path, detail=detail)
        if not _strings(words) or not words:
            detail = f"set {name}: must be a non-empty list of words, not {words!r}"
            raise ConfigError(Msg.E021, path=path, detail=detail)
        for word in words:
            if word != word.lower() or word.startswith("$"):
                detail = f"set {name}: {word!r} is not a lower-case word"
                raise ConfigError(Msg.E021, path=path, detail=detail)
        twice = sorted({word for word in words if words.count(word) > 1})
        if twice:
            detail = f"set {name}: {twice[0]!r} is listed twice"
            raise ConfigError(Msg.E021, path=path, detail=detail)
        sets[name] = tuple(words)
    return sets


def _expand(items: Iterable[object], sets: WordSets, path: Path, where: str) -> list[str]:
    """The words of a list in which ``$name`` stands for the words of the set ``name``."""
    words: list[str] = []
    for item in (str(i) for i in items):
        if not item.startswith("$"):
            words.append(item)
            continue
        name = item[1:]
        if name not in sets:
            close = get_close_matches(name, sets, n=1)
            hint = f" (did you mean ${close[0]}?)" if close else ""
            detail = f"{where}: unknown word set ${name}{hint}; the sets are in sets.yaml"
            raise ConfigError(Msg.E021, path=path, detail=detail)
        words.extend(sets[name])
    return words


def _patterns(
    codes: frozenset[str], sets: WordSets, directory: Path | None = None
) -> tuple[dict[str, list[Pattern]], dict[str, list[Pattern]]]:
    """Every ``patterns*.yaml`` file: the seed lexicon and the general CAMEO one."""
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    seen: dict[str, str] = {}  # row id → the file that has it
    for path in sorted((directory or data_path("events")).glob("patterns*.yaml")):
        for row_id in _read_patterns(path, codes, sets, verbs, nouns):
            if row_id in seen:
                detail = f"row {row_id}: id already used in {seen[row_id]}"
                raise ConfigError(Msg.E021, path=path, detail=detail)
            seen[row_id] = path.name
    return verbs, nouns


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _row_error(row: dict[str, Any]) -> str | None:
    """What is wrong with a pattern row, or None: unknown keys, missing or mistyped values."""
    unknown = sorted(str(key) for key in row if key not in _ROW_KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_ROW_KEYS))})"
    for key in ("id", "code", "lemmas"):
        if key not in row:
            return f"missing key {key!r}"
    checks: dict[str, tuple[bool, str]] = {
        "id": (
            isinstance(row["id"], str) and bool(_ROW_ID.fullmatch(row["id"])),
            "an id like '0871.agree-ceasefire'",
        ),
        "code": (isinstance(row["code"], str), "a quoted CAMEO code"),
        "lemmas": (_strings(row["lemmas"]) and bool(row["lemmas"]), "a list of words"),
        "kind": (row.get("kind", "verb") in ("verb", "noun"), "verb or noun"),
        "objects": (_strings(row.get("objects", [])), "a list of words"),
        "context": (_strings(row.get("context", [])), "a list of words"),
        "state_code": (isinstance(row.get("state_code", ""), str), "a quoted CAMEO code"),
        "converse": (isinstance(row.get("converse", False), bool), "true or false"),
        "example": (isinstance(row.get("example", ""), str), "a sentence"),
    }
    for key, (valid, expected) in checks.items():
        if key in row and not valid:
            return f"key {key!r} must be {expected}, not {row[key]!r}"
    return None


def _read_patterns(
    path: Path,
    codes: frozenset[str],
    sets: WordSets,
    verbs: dict[str, list[Pattern]],
    nouns: dict[str, list[Pattern]],
) -> list[str]:
    """Add the file's patterns to ``verbs`` and ``nouns``; return the ids of its rows.

    A ``$name`` in ``lemmas``, ``objects`` or ``context`` stands for the words of a set of
    ``sets``, as if written out there."""
    ids = []
    for number, row in enumerate(read_yaml_list(path), start=1):
        name = f"row {row['id']}" if isinstance(row.get("id"), str) else f"row {number}"
        error = _row_error(row)
        if error is not None:
            raise ConfigError(Msg.E021, path=path, detail=f"{name}: {error}")
        row_id = str(row["id"])
        code = str(row["code"])
        state_code = str(row["state_code"]) if row.get("state_code") else None
        for checked in (code, state_code):
            if checked is not None and checked not in codes:
                detail = f"{name}: unknown CAMEO code {checked}"
                raise ConfigError(Msg.E021, path=path, detail=detail)
        lists = {
            key: _expand(row.get(key, []), sets, path, f"{name}, {key}")
            for key in ("lemmas", "objects", "context")
        }
        for key, words in lists.items():
            twice = sorted({word for word in words if words.count(word) > 1})
            if twice:
                detail = f"{name}: {twice[0]!r} is in {key} twice (written out and in a set?)"
                raise ConfigError(Msg.E021, path=path, detail=detail)
        objects, context = frozenset(lists["objects"]), frozenset(lists["context"])
        kind: TriggerKind = "noun" if row.get("kind") == "noun" else "verb"
        for phrase in lists["lemmas"]:
            words = str(phrase).split()
            head, particles = (words[-1], ()) if kind == "noun" else (words[0], tuple(words[1:]))
            pattern = Pattern(
                code=code,
                kind=kind,
                lemma=" ".join(words) if kind == "noun" else head,
                particles=particles,
                objects=objects,
                context=context,
                state_code=state_code,
                converse=bool(row.get("converse", False)),
                rule=f"{path.name}#{row_id}",
            )
            (nouns if kind == "noun" else verbs)[head].append(pattern)
        ids.append(row_id)
    return ids


@cache
def load_lexicon(codes: frozenset[str], patterns: Path | None = None) -> Lexicon:
    """Load the lexicon, checking every code against ``codes`` (the codebook's).

    ``patterns`` is the folder of ``patterns*.yaml`` files (the package's by default); the
    word sets they and grammar.yaml reference are the package's ``sets.yaml``."""
    sets = read_word_sets(data_path("events", "sets.yaml"))
    verbs, nouns = _patterns(codes, sets, patterns)
    grammar_path = data_path("events", "grammar.yaml")
    grammar = read_yaml(grammar_path)

    def expand(values: Iterable[object], where: str) -> list[str]:
        return _expand(values, sets, grammar_path, where)

    def words(key: str) -> frozenset[str]:
        return frozenset(expand(grammar[key], key))

    def table(key: str) -> dict[str, str]:
        return {str(k): str(v) for k, v in grammar[key].items()}

    def word_sets(key: str) -> dict[str, frozenset[str]]:
        return {
            str(k): frozenset(w.lower() for w in expand(v, f"{key} {k}"))
            for k, v in grammar[key].items()
        }

    instruments = {
        word: str(code)
        for code, lemmas in grammar["instruments"].items()
        for word in expand(lemmas, f"instruments {code}")
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
        civilian_victims=words("civilian_victims"),
        civilian_abuse=str(grammar["civilian_abuse"]),
        authoring_verbs=words("authoring_verbs"),
        appeal_verbs=words("appeal_verbs"),
        sports_words=words("sports_words"),
        vote_words=words("vote_words"),
        participation_verbs=words("participation_verbs"),
        commemoration_nouns=words("commemoration_nouns"),
        patient_nouns=words("patient_nouns"),
        proposal_nouns=words("proposal_nouns"),
        document_nouns=words("document_nouns"),
        aid_kinds=word_sets("aid_kinds"),
        protest_aims=word_sets("protest_aims"),
        frames=load_frames(codes),
    )
