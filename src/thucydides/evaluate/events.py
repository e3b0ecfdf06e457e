"""Event-coding evaluation on PETRARCH-style gold: (source, target, CAMEO code) triples.

Gold format (one JSON object per line, as ``shared/data/dev/petrarch_validation`` and the
project's own ``tests/fixtures/events_own_gold.jsonl``):
``{"id", "text", "doc_date", "gold": {"events": [{"source", "target", "code",
"factuality"?}], "noevents", "evaluate"}}``. Items with ``evaluate: false`` are skipped; an
empty ``target`` (or ``---``) is an event with no recipient; ``factuality`` is ``asserted``
(the default), ``negated`` or ``possible``. ``gold.actor_level`` is ``code`` (the default:
whole composite codes, as PETRARCH's suite) or ``sector`` (country and sector only, as the
project's own gold: a named group "PAKINSTTP" is scored as "PAKINS").

Per sentence the *sets* of asserted triples are compared, as the PETRARCH suite's own scorer
does: a predicted triple is correct when source, target and code all match. Also reported:
the same at CAMEO-root level (first two digits), per root, a confusion table, and
factuality: (source, target, root, factuality) over every gold and predicted event, so a
"did not attack" coded as an asserted attack counts against it. ``dyadic`` scores only
predicted events with both a source and a target, as PETRARCH's ``require_dyad`` codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Triple = tuple[str, str, str]
# (source, target, CAMEO code, factuality)
Coded = tuple[str, str, str, str]
Coder = Callable[[str, date | None], set[Coded]]
NO_ACTOR = "---"
ASSERTED = "asserted"


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
        }

    def add(self, gold: set[Any], predicted: set[Any]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


@dataclass
class EventScores:
    items: int = 0
    triple: PRF = field(default_factory=PRF)
    root: PRF = field(default_factory=PRF)
    by_root: dict[str, PRF] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    factuality: PRF = field(default_factory=PRF)

    def petrarch(self) -> dict[str, float | int]:
        """The PETRARCH suite's own counts: correct, uncoded (missed) and extra triples, and
        its two rates, correct / (correct + uncoded) and extra / records."""
        found = self.triple.tp + self.triple.fn
        return {
            "correct": self.triple.tp,
            "uncoded": self.triple.fn,
            "extra": self.triple.fp,
            "records": self.items,
            "correct_rate": round(self.triple.tp / found, 4) if found else 0.0,
            "extra_rate": round(self.triple.fp / self.items, 4) if self.items else 0.0,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "petrarch": self.petrarch(),
            "triple": self.triple.as_dict(),
            "root": self.root.as_dict(),
            "factuality": self.factuality.as_dict(),
            "by_root": {k: v.as_dict() for k, v in sorted(self.by_root.items())},
            "confusion": [
                {"gold": g, "predicted": p, "count": n}
                for (g, p), n in self.confusion.most_common(20)
            ],
        }


def _roots(triples: set[Triple]) -> set[tuple[str, str, str]]:
    return {(s, t, c[:2]) for s, t, c in triples}


def _gold_events(gold_info: dict[str, Any]) -> set[Coded]:
    return {
        (
            e["source"] or NO_ACTOR,
            e["target"] or NO_ACTOR,
            e["code"],
            e.get("factuality", ASSERTED),
        )
        for e in gold_info.get("events", [])
    }


def _asserted(events: set[Coded]) -> set[Triple]:
    return {(s, t, c) for s, t, c, f in events if f == ASSERTED}


def evaluate_events(
    items: Iterable[dict[str, Any]], code: Coder, dyadic: bool = False
) -> EventScores:
    scores = EventScores()
    for item in items:
        gold_info = item["gold"]
        if gold_info.get("evaluate") is False:
            continue
        scores.items += 1
        anchor = date.fromisoformat(item["doc_date"]) if item.get("doc_date") else None
        gold_events = _gold_events(gold_info)
        coded = code(item["text"], anchor)
        if dyadic:
            coded = {e for e in coded if NO_ACTOR not in (e[0], e[1])}
        gold, predicted = _asserted(gold_events), _asserted(coded)
        scores.triple.add(gold, predicted)
        scores.root.add(_roots(gold), _roots(predicted))
        scores.factuality.add(
            {(s, t, c[:2], f) for s, t, c, f in gold_events},
            {(s, t, c[:2], f) for s, t, c, f in coded},
        )
        for root in {c[:2] for _, _, c in gold | predicted}:
            scores.by_root.setdefault(root, PRF()).add(
                {t for t in _roots(gold) if t[2] == root},
                {t for t in _roots(predicted) if t[2] == root},
            )
        gold_codes: dict[tuple[str, str], list[str]] = {}
        for s, t, c in sorted(gold):  # sets: a fixed order keeps the table reproducible
            gold_codes.setdefault((s, t), []).append(c)
        for s, t, c in sorted(predicted):
            codes = gold_codes.get((s, t), [c])
            if c not in codes:
                scores.confusion[(codes[0], c)] += 1
    return scores
