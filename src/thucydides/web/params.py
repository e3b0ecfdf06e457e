"""Query parameters shared by the API and the pages: the filters of ``thucydides query``
and pagination, each validated and documented once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Query

from thucydides.store import EventFilter

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
# The largest integer a JavaScript client reads exactly; far below SQLite's 2**63 - 1, so
# that offset + limit never overflows.
MAX_OFFSET = 2**53 - 1

ActorParam = Annotated[
    str | None,
    Query(
        description="Actor: a CAMEO-style code prefix (PAK, PAKGOV) or a country code.",
        max_length=64,
    ),
]
RecipientParam = Annotated[
    str | None, Query(description="Recipient: a code prefix or a country code.", max_length=64)
]
CountryParam = Annotated[
    str | None,
    Query(
        description="The actor's, recipient's or place's country (ISO 3166 alpha-3).", max_length=8
    ),
]
TypeParam = Annotated[
    str | None,
    Query(alias="type", description="PLOVER type (ASSAULT, AGREE, ...).", max_length=32),
]
CameoParam = Annotated[
    str | None,
    Query(description="CAMEO code prefix: 19 is every code of root 19.", pattern=r"^\d{1,4}$"),
]
QuadParam = Annotated[
    int | None,
    Query(
        description="Quad class: 1 verbal cooperation, 2 material cooperation, "
        "3 verbal conflict, 4 material conflict.",
        ge=1,
        le=4,
    ),
]
FactualityParam = Annotated[
    Literal["asserted", "negated", "possible"] | None,
    Query(description="Whether the text asserts, negates or only envisages the event."),
]
SinceParam = Annotated[
    str | None,
    Query(description="On or after this date (YYYY, YYYY-MM or YYYY-MM-DD).", pattern=DATE_PATTERN),
]
UntilParam = Annotated[
    str | None,
    Query(
        description="On or before this date (YYYY, YYYY-MM or YYYY-MM-DD).", pattern=DATE_PATTERN
    ),
]
TextParam = Annotated[
    str | None,
    Query(description="Full-text search (FTS5): sentences containing every word.", max_length=500),
]
LimitParam = Annotated[
    int, Query(description=f"Page size (at most {MAX_LIMIT}).", ge=1, le=MAX_LIMIT)
]
OffsetParam = Annotated[
    int, Query(description=f"Rows to skip (at most {MAX_OFFSET}).", ge=0, le=MAX_OFFSET)
]
PeriodParam = Annotated[
    Literal["day", "week", "month"], Query(description="Period: day, week or month.")
]
TopicParam = Annotated[
    str | None, Query(description="Words the topic contains (any case).", max_length=200)
]


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


def paging(limit: LimitParam = DEFAULT_LIMIT, offset: OffsetParam = 0) -> Paging:
    return Paging(limit, offset)


def event_filter(
    actor: ActorParam = None,
    recipient: RecipientParam = None,
    country: CountryParam = None,
    plover: TypeParam = None,
    cameo: CameoParam = None,
    quad: QuadParam = None,
    factuality: FactualityParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    text: TextParam = None,
) -> EventFilter:
    """The filters of ``thucydides query events``; the empty ones are ignored."""
    return EventFilter(
        actor or None,
        recipient or None,
        country or None,
        plover or None,
        cameo or None,
        quad,
        factuality,
        since or None,
        until or None,
        text or None,
    )


def event_only(where: EventFilter) -> EventFilter:
    """The filters on an event itself, without its date range and text (which documents and
    sentences apply in their own way)."""
    return EventFilter(
        where.actor,
        where.recipient,
        where.country,
        where.plover,
        where.cameo,
        where.quad,
        where.factuality,
    )
