"""Actor-resolution evaluation on NGEC-style gold: actor string → country and sector.

Gold format (one JSON object per line, as ``shared/data/dev/ngec_actor_resolution``):
``{"id", "text", "context", "date_hint", "gold": {"country", "sector"}, "pytest_xfail"}``.
An empty gold string means "no country" / "no sector". Items marked ``pytest_xfail`` are
skipped. ``date_hint`` is the document date: an ISO date, or "today" for the day the
evaluation runs; with no hint a known person is taken in their latest office.

Scoring is exact match of the ISO3 country (``IGO`` for international bodies; a gold
organisation code such as NGEC's ``UNO`` counts as matched by an ``IGO`` actor whose
code contains it) and of the sector code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from thucydides.model import Actor

Resolver = Callable[[str, str | None, date | None], Actor | None]


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, text: str, gold: str, predicted: str) -> None:
        self.total += 1
        if gold == predicted:
            self.correct += 1
        else:
            self.errors.append((text, gold, predicted))


@dataclass
class ActorScores:
    country: FieldScore = field(default_factory=FieldScore)
    sector: FieldScore = field(default_factory=FieldScore)
    items: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "country_accuracy": round(self.country.accuracy, 4),
            "country_n": self.country.total,
            "sector_accuracy": round(self.sector.accuracy, 4),
            "sector_n": self.sector.total,
        }


def read_gold(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _hint_date(hint: object) -> date | None:
    """The document date a gold item assumes: an ISO date, "today" (the day the evaluation
    runs, as the gold's authors wrote it), or unknown."""
    if not isinstance(hint, str):
        return None
    if hint.strip().lower() == "today":
        return date.today()
    try:
        return date.fromisoformat(hint.strip())
    except ValueError:
        return None


def country_for_gold(actor: Actor | None, gold: str) -> str:
    """The actor's country as the gold writes it (an IGO code the gold names counts)."""
    if actor is None or actor.country is None:
        return ""
    if (
        actor.country in ("IGO", "NGO")
        and gold not in ("", "IGO", "NGO")
        and (actor.code and gold in actor.code)
    ):
        return gold
    return actor.country


def evaluate_actors(items: Iterable[dict[str, Any]], resolve: Resolver) -> ActorScores:
    scores = ActorScores()
    for item in items:
        if item.get("pytest_xfail"):
            continue
        gold = item["gold"]
        if "country" not in gold and "sector" not in gold:
            continue
        scores.items += 1
        actor = resolve(item["text"], item.get("context"), _hint_date(item.get("date_hint")))
        if "country" in gold:
            scores.country.add(
                item["text"], gold["country"] or "", country_for_gold(actor, gold["country"])
            )
        if "sector" in gold:
            predicted = (actor.sector if actor else None) or ""
            scores.sector.add(item["text"], gold["sector"] or "", predicted)
    return scores
