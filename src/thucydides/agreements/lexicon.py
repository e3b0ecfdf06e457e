"""Agreements knowledge: the treaties news names, and the words that change their status.

Read from ``data/agreements/treaties.yaml`` (canonical name, aliases, kind, parties,
signing and end dates) and ``data/agreements/status_cues.yaml`` (agreement nouns and the
verbs, nouns and adjectives of each status); see each file's header comment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from thucydides.model import AgreementStatus
from thucydides.resources import data_path, read_yaml, read_yaml_list

STATUSES: tuple[AgreementStatus, ...] = (
    "signed",
    "in_force",
    "suspended",
    "violated",
    "ended",
    "proposed",
)


@dataclass(frozen=True, slots=True)
class Treaty:
    name: str
    key: str
    kind: str
    parties: tuple[str, ...]
    signed: str | None  # ISO date at its precision: "1972-07-02", "1972"
    ended: str | None
    multilateral: bool = False  # open to many states: its parties are whoever the text names


@dataclass(frozen=True, slots=True)
class StatusCue:
    lemma: str
    tail: tuple[str, ...]  # "withdraw from" → ("from",)
    status: AgreementStatus


@dataclass(frozen=True)
class AgreementLexicon:
    treaties: Mapping[str, Treaty]  # alias as written → treaty
    nouns: frozenset[str]  # "treaty", "ceasefire": nouns that name an agreement
    verbs: Mapping[str, tuple[StatusCue, ...]]  # lemma → cues, longest tail first
    status_nouns: Mapping[str, AgreementStatus]  # "suspension" → suspended
    adjectives: Mapping[str, AgreementStatus]  # "suspended" → suspended
    failure_verbs: frozenset[str] = frozenset()  # "failed to honour": a violation
    renewal_verbs: frozenset[str] = frozenset()  # "refused to extend": the end


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def load_agreement_lexicon() -> AgreementLexicon:
    treaties: dict[str, Treaty] = {}
    for row in read_yaml_list(data_path("agreements", "treaties.yaml")):
        treaty = Treaty(
            name=str(row["name"]),
            key=slug(str(row["name"])),
            kind=str(row.get("kind", "agreement")),
            parties=tuple(str(p) for p in row.get("parties", []) or []),
            signed=_iso(row.get("signed")),
            ended=_iso(row.get("ended")),
            multilateral=bool(row.get("multilateral", False)),
        )
        for alias in [row["name"], *row.get("aliases", [])]:
            treaties.setdefault(str(alias), treaty)
    table = read_yaml(data_path("agreements", "status_cues.yaml"))
    verbs: dict[str, list[StatusCue]] = {}
    nouns: dict[str, AgreementStatus] = {}
    adjectives: dict[str, AgreementStatus] = {}
    for status in STATUSES:
        section = table["statuses"].get(status, {})
        for entry in section.get("verbs", []):
            words = str(entry).lower().split()
            verbs.setdefault(words[0], []).append(StatusCue(words[0], tuple(words[1:]), status))
        for noun in section.get("nouns", []):
            nouns.setdefault(str(noun).lower().split()[0], status)
        for adjective in section.get("adjectives", []):
            adjectives.setdefault(str(adjective).lower(), status)
    return AgreementLexicon(
        treaties=treaties,
        nouns=frozenset(str(n).lower() for n in table.get("nouns", []) if " " not in str(n)),
        verbs={k: tuple(sorted(v, key=lambda c: -len(c.tail))) for k, v in verbs.items()},
        status_nouns=nouns,
        adjectives=adjectives,
        failure_verbs=frozenset(str(w) for w in table.get("failure_verbs", [])),
        renewal_verbs=frozenset(str(w) for w in table.get("renewal_verbs", [])),
    )


def _iso(value: object) -> str | None:
    return None if value is None else str(value)
