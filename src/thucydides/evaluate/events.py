"""Event-coding evaluation on PETRARCH-style gold: (source, target, CAMEO code) triples.

Gold format (one JSON object per line, as ``shared/data/dev/petrarch_validation``):
``{"id", "text", "doc_date", "gold": {"events": [{"source", "target", "code"}], "noevents",
"evaluate"}}``. Items with ``evaluate: false`` are skipped. Per sentence the *sets* of
triples are compared, as the suite's own scorer does: a predicted triple is correct when
source, target and code all match. Also reported: the same at CAMEO-root level (first two
digits), and per root. Only ``asserted`` events count as predictions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Triple = tuple[str, str, str]
Coder = Callable[[str, date | None], set[Triple]]


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

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "triple": self.triple.as_dict(),
            "root": self.root.as_dict(),
            "by_root": {k: v.as_dict() for k, v in sorted(self.by_root.items())},
            "confusion": [
                {"gold": g, "predicted": p, "count": n}
                for (g, p), n in self.confusion.most_common(20)
            ],
        }


def _roots(triples: set[Triple]) -> set[tuple[str, str, str]]:
    return {(s, t, c[:2]) for s, t, c in triples}


def evaluate_events(items: Iterable[dict[str, Any]], code: Coder) -> EventScores:
    scores = EventScores()
    for item in items:
        gold_info = item["gold"]
        if gold_info.get("evaluate") is False:
            continue
        scores.items += 1
        anchor = date.fromisoformat(item["doc_date"]) if item.get("doc_date") else None
        gold = {(e["source"], e["target"], e["code"]) for e in gold_info.get("events", [])}
        predicted = code(item["text"], anchor)
        scores.triple.add(gold, predicted)
        scores.root.add(_roots(gold), _roots(predicted))
        for root in {c[:2] for _, _, c in gold | predicted}:
            scores.by_root.setdefault(root, PRF()).add(
                {t for t in _roots(gold) if t[2] == root},
                {t for t in _roots(predicted) if t[2] == root},
            )
        gold_codes = {(s, t): c for s, t, c in gold}
        for s, t, c in predicted:
            if (s, t) in gold_codes and gold_codes[(s, t)] != c:
                scores.confusion[(gold_codes[(s, t)], c)] += 1
    return scores
