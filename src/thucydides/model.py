"""The data model: immutable, typed records that point into the document text.

Every record refers to the text it came from by character offsets (``Span``) into
``Document.text`` instead of copying substrings around; ``text`` fields that the output
contract asks for are filled from those offsets when a record is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year", "decade", "century", "week", "quarter", "season"]
# "knowledge": from a knowledge file (a treaty's signing date), not from the text.
DateSource = Literal["explicit", "narrative", "document", "knowledge"]
Factuality = Literal["asserted", "negated", "possible"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Document.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def as_list(self) -> list[int]:
        return [self.start, self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Document:
    """One input article, already reduced to its main text."""

    id: str
    text: str
    source: str  # where it came from, for error messages: a path, "<stdin>", "file.jsonl:12"
    published: date | None = None
    title: str | None = None
    url: str | None = None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    span: Span


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved political actor: who it is, independent of where it is mentioned."""

    code: str | None  # CAMEO-style composite: "PAKGOV", "USA", "IGOUNO"
    country: str | None  # ISO 3166-1 alpha-3, or IGO / NGO / MNC
    sector: str | None  # CAMEO/PLOVER agent code: GOV, MIL, REB, CVL, ...
    name: str | None = None  # a person's or organisation's name
    role: str | None = None  # a person's title: "Foreign Office spokesperson"
    kind: str = "unknown"  # country | igo | ngo | group | person | sector | unknown


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A mention of an actor in the text."""

    text: str
    span: Span
    actor: Actor


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A normalised time expression (TIMEX3)."""

    text: str
    span: Span
    type: TimexType
    value: str  # TIMEX3 value: "2025-08-08", "2025-05", "P4D", "PRESENT_REF"
    precision: Precision | None  # for DATE values; None for durations and sets
    sentence: int


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str
    precision: Precision
    text: str | None
    source: DateSource


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class EventType:
    """A CAMEO code with everything the reference tables derive from it."""

    cameo: str
    name: str
    plover: str | None
    mode: str | None
    context: tuple[str, ...]
    quad: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    sentence: int
    span: Span
    trigger: Trigger
    type: EventType
    actor: ActorRef | None
    recipient: ActorRef | None
    date: EventDate | None
    location: Location | None
    factuality: Factuality
    speaker: ActorRef | None
    confidence: float
    # The rule that coded it: a project pattern (``patterns.yaml#111.criticize``: file#row),
    # a verb-dictionary line (``CAMEO.2.0.txt:5437``, ``myverbs.txt:12``) or a coder path
    # (``coder:appeal``); None where the coder recorded none.
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: ActorRef | None
    text: str
    span: Span
    cue: str | None
    kind: Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class Stance:
    holder: ActorRef
    topic: str
    target: ActorRef | None
    position: Literal["support", "oppose"]
    reason: str | None
    date: EventDate | None
    evidence: Evidence
    id: str = ""  # stable across runs: document, holder, topic and position


AgreementStatus = Literal["signed", "in_force", "suspended", "violated", "ended", "proposed"]


@dataclass(frozen=True, slots=True)
class Agreement:
    name: str
    parties: tuple[ActorRef, ...]
    signed: EventDate | None
    status: AgreementStatus
    evidence: Evidence
    key: str = ""  # the same agreement in every document: "indus-waters-treaty"
    status_by: ActorRef | None = None  # who changed the status ("suspended by India")
    status_date: EventDate | None = None  # when the text says the status changed


@dataclass(frozen=True, slots=True)
class Record:
    """Everything the engine found in one document: the ``thucydides/1`` record."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[ActorRef, ...] = ()
    timexes: tuple[TimeRef, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stances: tuple[Stance, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    warnings: tuple[str, ...] = field(default=())
