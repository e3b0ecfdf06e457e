"""Event dating: the date an event happened, not the date it was reported.

:meth:`EventDater.date_for` looks, in order, for

1. a DATE expression in the event's own sentence, the one closest to the trigger in the
   dependency tree (``source: explicit``);
2. the narrative reference time: the date the last dated sentence was anchored to, within
   a few sentences, for events told in the past tense. When that anchor was the start of a
   period ("The crisis started on April 22 ...", "India began ... on May 7") the events
   that follow belong to the period, so they inherit the month, not the day
   (``source: narrative``);
3. the publication date (``source: document``).

Present-tense events ("India continues to refuse ...") go straight to the publication date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from thucydides.model import EventDate, TimeRef

INCHOATIVE_LEMMAS = frozenset(
    {
        "start",
        "begin",
        "erupt",
        "break",
        "launch",
        "commence",
        "ignite",
        "trigger",
        "spark",
        "escalate",
        "open",
    }
)
NARRATIVE_WINDOW = 4  # sentences an anchor stays in force
# Prepositions that put an event before or after a noun's time rather than at it.
SEQUENCE_PREPS = frozenset(
    {"after", "before", "since", "following", "until", "till", "prior", "ahead"}
)


@dataclass(frozen=True, slots=True)
class _Anchor:
    sentence: int
    date: EventDate


class EventDater:
    """Dates events of one document; built once per document from its time expressions."""

    def __init__(self, doc: Doc, timexes: list[TimeRef], published: date | None) -> None:
        self.doc = doc
        self.published = published
        self._by_sentence: dict[int, list[tuple[TimeRef, Token]]] = {}
        for timex in timexes:
            if timex.type != "DATE" or timex.precision is None:
                continue
            span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
            if span is not None:
                self._by_sentence.setdefault(timex.sentence, []).append((timex, span.root))
        self._anchors = self._narrative_anchors()

    def date_for(
        self, sentence: int, trigger: Token, reporter: Token | None = None
    ) -> EventDate | None:
        """The date of the event at ``trigger``; ``reporter`` is the verb that reports it
        ("he said"), whose tense counts for quoted present-tense speech."""
        explicit = self._explicit(sentence, trigger)
        if explicit is not None:
            return explicit
        if _is_past(trigger) or (reporter is not None and _is_past(reporter)):
            for anchor in reversed(self._anchors):
                if 0 < sentence - anchor.sentence <= NARRATIVE_WINDOW:
                    return anchor.date
                if anchor.sentence < sentence - NARRATIVE_WINDOW:
                    break
        if self.published is None:
            return None
        return EventDate(self.published.isoformat(), "day", None, "document")

    def _explicit(self, sentence: int, trigger: Token) -> EventDate | None:
        """The time expression that modifies the trigger or a verb governing it."""
        chain = {t.i for t in [trigger, *trigger.ancestors]}
        candidates = [
            (timex, head)
            for timex, head in self._by_sentence.get(sentence, [])
            if _attachment(head).i in chain
        ]
        if not candidates:
            return None
        timex, _ = min(candidates, key=lambda c: _distance(trigger, c[1]))
        return EventDate(timex.value, timex.precision or "day", timex.text, "explicit")

    def _narrative_anchors(self) -> list[_Anchor]:
        anchors = []
        for sentence, candidates in sorted(self._by_sentence.items()):
            root = candidates[0][1].sent.root
            timex, head = min(candidates, key=lambda c: _distance(root, c[1]))
            if _attachment(head).pos_ not in ("VERB", "AUX"):
                continue  # "a conflict in May" dates the conflict, not the sentence
            value, precision = timex.value, timex.precision or "day"
            if _governing_lemma(head) in INCHOATIVE_LEMMAS and precision == "day":
                value, precision = value[:7], "month"
            anchors.append(_Anchor(sentence, EventDate(value, precision, timex.text, "narrative")))
        return anchors


def _distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    path_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(path_a)}
    for steps, token in enumerate([b, *b.ancestors]):
        if token.i in index:
            return steps + index[token.i]
    return 99


def _attachment(head: Token) -> Token:
    """The word a time expression dates.

    A bare modifier dates its noun ("the 1972 Simla Agreement", "the May 2025
    confrontation"). A prepositional time ("on May 10") climbs through nouns to the verb
    ("brought the conflict to an end on May 10" dates "brought"; "during his briefing on
    Friday, he expressed" dates "expressed"), except out of a phrase that places the verb
    before or after the noun's time ("after a conflict in May" does not date the verb).
    """
    current = head
    for _ in range(10):
        parent = current.head
        if parent.i == current.i:
            return current
        if parent.pos_ in ("VERB", "AUX"):
            return parent
        if parent.pos_ in ("NOUN", "PROPN") and parent.ent_type_ not in ("DATE", "TIME"):
            if current.i == head.i and current.dep_ not in ("pobj", "prep"):
                return parent
            if parent.dep_ == "pobj" and parent.head.lower_ in SEQUENCE_PREPS:
                return parent
        current = parent
    return current


def _governing_lemma(head: Token) -> str:
    for ancestor in head.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return str(ancestor.lemma_.lower())
    return ""


def _is_past(trigger: Token) -> bool:
    """Whether the clause of ``trigger`` is told in the past tense.

    Non-finite verbs and nouns take the tense of the verb that governs them; the present
    perfect ("has underlined") counts as present: it reports the state at publication.
    """
    for token in [trigger, *trigger.ancestors]:
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "VBD" for a in auxiliaries):
            return True
        if any(a.tag_ in ("VBZ", "VBP", "MD") for a in auxiliaries):
            return False
        if token.tag_ == "VBD":
            return True
        if token.tag_ in ("VBZ", "VBP"):
            return False
    return False
