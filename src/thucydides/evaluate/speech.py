"""Speech evaluation: quotes, stances and agreements against a gold file of documents.

Gold format (one JSON object per line, as ``tests/fixtures/speech_gold.jsonl``)::

    {"id", "text", "published",
     "gold": {"quotes": [{"text", "speaker", "kind"}],
              "stances": [{"holder", "topic", "position", "reason"}],
              "agreements": [{"name", "parties", "status"}]}}

Actor codes are CAMEO composites (``null`` for an unknown speaker): a predicted actor
matches when it has the gold code's country and, if the gold code names one, its sector
("PAKMIL" fits the army, "PAKMILARMY"); international bodies match by code prefix. Scores:

- quote spans: a predicted quotation matches a gold one when their words overlap by half
  or more (Jaccard); ``quotes`` also requires the speaker to match;
- stances: holder, topic and position;
- agreements: name (canonical name, through the treaty knowledge base; two agreements the
  knowledge base does not know match when their head noun and parties match: "Israel-Lebanon
  ceasefire"), parties (as a set of countries) and status; ``agreement_names`` scores the
  name alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from thucydides.actors.kb import INTERNATIONAL
from thucydides.evaluate.events import PRF
from thucydides.model import Actor, Record

Coder = Callable[[str, str | None], Record]
# An agreement's canonical name (lower case), and whether the treaty knowledge base knows it.
Canonical = Callable[[str], tuple[str, bool]]
MIN_OVERLAP = 0.5


@dataclass
class SpeechScores:
    documents: int = 0
    quote_spans: PRF = field(default_factory=PRF)
    quotes: PRF = field(default_factory=PRF)
    stances: PRF = field(default_factory=PRF)
    agreement_names: PRF = field(default_factory=PRF)
    agreements: PRF = field(default_factory=PRF)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "quote_spans": self.quote_spans.as_dict(),
            "quotes": self.quotes.as_dict(),
            "stances": self.stances.as_dict(),
            "agreement_names": self.agreement_names.as_dict(),
            "agreements": self.agreements.as_dict(),
        }


def actor_matches(predicted: Actor | None, gold: str | None) -> bool:
    """Whether a predicted actor fits a gold code (``None``: no known actor): the same
    country and, when the gold code has one, the same sector; international bodies by
    their code ("IGOUNO" fits "IGOUNOSC")."""
    if predicted is None or not gold:
        return predicted is None and not gold
    if gold[:3] in INTERNATIONAL:
        return (predicted.code or "").startswith(gold)
    sector = gold[3:6] or None
    return predicted.country == gold[:3] and (sector is None or predicted.sector == sector)


def _words(text: str) -> set[str]:
    return {w.strip(".,;:!?\"'“”‘’").lower() for w in text.split()} - {""}


def _overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def _pair(gold: Sequence[Any], predicted: Sequence[Any], same: Callable[[Any, Any], bool]) -> int:
    """Greedy one-to-one matching; the number of matched pairs."""
    used: set[int] = set()
    matched = 0
    for g in gold:
        for n, p in enumerate(predicted):
            if n not in used and same(g, p):
                used.add(n)
                matched += 1
                break
    return matched


def _add(prf: PRF, gold: int, predicted: int, matched: int) -> None:
    prf.tp += matched
    prf.fp += predicted - matched
    prf.fn += gold - matched


def evaluate_speech(
    items: Iterable[dict[str, Any]], code: Coder, canonical: Canonical
) -> SpeechScores:
    scores = SpeechScores()
    for item in items:
        gold = item["gold"]
        record = code(item["text"], item.get("published"))
        scores.documents += 1
        _score_quotes(scores, gold.get("quotes", []), record)
        _score_stances(scores, gold.get("stances", []), record)
        _score_agreements(scores, gold.get("agreements", []), record, canonical)
    return scores


def _score_quotes(scores: SpeechScores, gold: list[dict[str, Any]], record: Record) -> None:
    predicted = [(q.text, q.speaker.actor if q.speaker else None) for q in record.quotes]

    def span(g: dict[str, Any], p: tuple[str, Actor | None]) -> bool:
        return _overlap(g["text"], p[0]) >= MIN_OVERLAP

    def full(g: dict[str, Any], p: tuple[str, Actor | None]) -> bool:
        return span(g, p) and actor_matches(p[1], g["speaker"])

    _add(scores.quote_spans, len(gold), len(predicted), _pair(gold, predicted, span))
    _add(scores.quotes, len(gold), len(predicted), _pair(gold, predicted, full))


def _score_stances(scores: SpeechScores, gold: list[dict[str, Any]], record: Record) -> None:
    predicted = [(s.holder.actor, s.topic, s.position) for s in record.stances]

    def same(g: dict[str, Any], p: tuple[Actor, str, str]) -> bool:
        return actor_matches(p[0], g["holder"]) and (g["topic"], g["position"]) == p[1:]

    _add(scores.stances, len(gold), len(predicted), _pair(gold, predicted, same))


def _score_agreements(
    scores: SpeechScores, gold: list[dict[str, Any]], record: Record, canonical: Canonical
) -> None:
    predicted = [
        (a.name, {p.actor.country for p in a.parties if p.actor.country}, a.status)
        for a in record.agreements
    ]

    def named(g: dict[str, Any], p: tuple[str, set[str | None], str]) -> bool:
        (gold_name, gold_known), (name, known) = canonical(g["name"]), canonical(p[0])
        if gold_name == name:
            return True
        # Agreements the knowledge base does not name ("Thailand-Cambodia ceasefire") are
        # the same when they are the same kind of agreement between the same parties.
        return not (gold_known or known) and (
            gold_name.split()[-1:] == name.split()[-1:] and set(g["parties"]) == p[1]
        )

    def full(g: dict[str, Any], p: tuple[str, set[str | None], str]) -> bool:
        return named(g, p) and set(g["parties"]) == p[1] and g["status"] == p[2]

    _add(scores.agreement_names, len(gold), len(predicted), _pair(gold, predicted, named))
    _add(scores.agreements, len(gold), len(predicted), _pair(gold, predicted, full))
