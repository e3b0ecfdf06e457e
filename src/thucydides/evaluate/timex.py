"""Time-expression evaluation, TempEval-3 style, on MEANTIME-format gold.

Gold format (one JSON object per line, as ``shared/data/dev/meantime_timex``):
``{"id", "text", "doc_date", "gold": {"timexes": [{"text", "start", "end", "type",
"value"}]}}``. Scores: span precision/recall/F1, strict (same offsets) and relaxed (any
overlap); type and value accuracy on relaxed matches, overall and for DATE timexes. The same
figures are computed for a baseline that runs dateparser's ``search_dates`` alone.

MEANTIME annotates only the headline, the dateline and the first sentences of each article
(no gold timex lies beyond the sixth sentence), so predictions after ``region_end(text)`` —
by default the end of the sixth sentence — are not counted, for either tagger.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

Prediction = tuple[int, int, str, str | None]  # start, end, type, value
Tagger = Callable[[str, date | None], list[Prediction]]
RegionEnd = Callable[[str], int]


@dataclass
class TimexScores:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    date_matched: int = 0
    date_value_correct: int = 0
    errors: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        strict_p, strict_r = ratio(self.strict, self.predicted), ratio(self.strict, self.gold)
        relaxed_p, relaxed_r = ratio(self.relaxed, self.predicted), ratio(self.relaxed, self.gold)
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "strict_precision": strict_p,
            "strict_recall": strict_r,
            "strict_f1": round(self._f1(strict_p, strict_r), 4),
            "relaxed_precision": relaxed_p,
            "relaxed_recall": relaxed_r,
            "relaxed_f1": round(self._f1(relaxed_p, relaxed_r), 4),
            "type_accuracy": ratio(self.type_correct, self.relaxed),
            "value_accuracy": ratio(self.value_correct, self.relaxed),
            "date_value_accuracy": ratio(self.date_value_correct, self.date_matched),
        }


def read_gold(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_timexes(
    items: Iterable[dict[str, Any]], tag: Tagger, region_end: RegionEnd | None = None
) -> TimexScores:
    scores = TimexScores()
    for item in items:
        anchor = _doc_date(item.get("doc_date"))
        gold = item["gold"]["timexes"]
        limit = region_end(item["text"]) if region_end else len(item["text"])
        predicted = [p for p in tag(item["text"], anchor) if p[0] < limit]
        scores.gold += len(gold)
        scores.predicted += len(predicted)
        used: set[int] = set()
        for timex in gold:
            match = _best_overlap(timex, predicted, used)
            if match is None:
                continue
            used.add(match)
            start, end, kind, value = predicted[match]
            scores.relaxed += 1
            scores.strict += (start, end) == (timex["start"], timex["end"])
            scores.type_correct += kind == timex["type"]
            scores.value_correct += value == timex["value"]
            if timex["type"] == "DATE":
                scores.date_matched += 1
                scores.date_value_correct += value == timex["value"]
            if value != timex["value"]:
                scores.errors.append(
                    (timex["text"], timex["value"], item["text"][start:end], value)
                )
    return scores


def _doc_date(value: object) -> date | None:
    """ISO dates, and the corpus's odd DD-MM-YYYY; None when absent."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return datetime.strptime(value, "%d-%m-%Y").date()


def _best_overlap(timex: dict[str, Any], predicted: list[Prediction], used: set[int]) -> int | None:
    best, best_overlap = None, 0
    for index, (start, end, _, _) in enumerate(predicted):
        overlap = min(end, timex["end"]) - max(start, timex["start"])
        if index not in used and overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def dateparser_tagger(text: str, anchor: date | None) -> list[Prediction]:
    """The baseline: dateparser's own search, values at day precision."""
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    found = search_dates(text, languages=["en"], settings=settings) or []
    predictions: list[Prediction] = []
    cursor = 0
    for surface, moment in found:
        start = text.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        predictions.append((start, cursor, "DATE", moment.date().isoformat()))
    return predictions
