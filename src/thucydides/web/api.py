"""The JSON API: the store's queries with pagination, coding one article, ingesting many.

Read endpoints are open unless the server is private; ``POST /api/ingest`` needs the
operator's token. Rows are the store's rows as ``thucydides query --format json`` gives
them; ``POST /api/code`` answers with a ``thucydides/1`` record.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, fields, is_dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from thucydides.errors import InputError, Msg
from thucydides.output import record_json, schema
from thucydides.store import EventFilter, EventRow, StoreCounts
from thucydides.store.ingest import Skipped, Stored
from thucydides.store.reader import DyadRow, StanceRow, TimelineRow
from thucydides.web import queries
from thucydides.web.http import (
    HttpError,
    documents_from_body,
    require_read,
    require_write,
    web_state,
)
from thucydides.web.params import (
    ActorParam,
    CountryParam,
    Paging,
    PeriodParam,
    SinceParam,
    TextParam,
    TopicParam,
    UntilParam,
    event_filter,
    event_only,
    paging,
)
from thucydides.web.state import WebState, as_jsonl

T = TypeVar("T")

read = APIRouter(prefix="/api", dependencies=[Depends(require_read)], tags=["read"])
write = APIRouter(prefix="/api", tags=["write"])

State = Annotated[WebState, Depends(web_state)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Pages = Annotated[Paging, Depends(paging)]
ActorA = Annotated[
    str, Query(description="First actor: code prefix or country.", min_length=1, max_length=64)
]
ActorB = Annotated[
    str, Query(description="Second actor: code prefix or country.", min_length=1, max_length=64)
]


class PageOf(BaseModel, Generic[T]):
    """One page of rows: ``next`` is the URL of the following page, null on the last."""

    total: int
    limit: int
    offset: int
    next: str | None
    items: list[T]


class DyadSeries(BaseModel):
    a: str
    b: str
    by: str
    directed: bool
    periods: list[DyadRow]


class IngestOutcome(BaseModel):
    index: int
    id: str | None
    status: str  # stored | skipped | failed
    events: int | None = None
    error: str | None = None


class IngestReport(BaseModel):
    stored: int
    skipped: int
    failed: int
    outcomes: list[IngestOutcome]
    store: StoreCounts


def plain(row: object) -> Any:
    """A dataclass row as a JSON-ready dict: flat rows (the store's) field by field, which
    is much faster than asdict's deep copy; nested ones with asdict."""
    if not is_dataclass(row) or isinstance(row, type):
        return row
    names = _flat_fields.get(type(row), ())
    if names is None:
        return asdict(row)
    if not names:
        names = tuple(f.name for f in fields(row))
        flat = all(f.type in _SCALARS for f in fields(row))
        _flat_fields[type(row)] = names if flat else None
        if not flat:
            return asdict(row)
    return {name: getattr(row, name) for name in names}


# Field types (as written: the modules use postponed annotations) of flat rows.
_SCALARS = frozenset(
    f"{kind}{none}" for kind in ("str", "int", "float", "bool") for none in ("", " | None")
)
_flat_fields: dict[type, tuple[str, ...] | None] = {}


def page_response(request: Request, page: queries.Page[Any]) -> JSONResponse:
    following = page.offset + page.limit
    next_url = None
    if following < page.total:
        url = request.url.include_query_params(offset=following)
        next_url = f"{url.path}?{url.query}"
    return JSONResponse(
        {
            "total": page.total,
            "limit": page.limit,
            "offset": page.offset,
            "next": next_url,
            "items": [plain(item) for item in page.items],
        }
    )


@read.get("/events", response_model=PageOf[EventRow], summary="Coded events")
def events(request: Request, state: State, where: Filter, pages: Pages) -> JSONResponse:
    """Every report of an event matching all the filters given, in store order."""
    return page_response(request, queries.event_page(state.db(), where, pages.limit, pages.offset))


@read.get("/quotes", response_model=PageOf[queries.QuoteRow], summary="Quotations")
def quotes(
    request: Request,
    state: State,
    pages: Pages,
    actor: ActorParam = None,
    country: CountryParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    text: Annotated[
        str | None, Query(description="Words of the quotation.", max_length=500)
    ] = None,
) -> JSONResponse:
    """Quotations by speaker (``actor``), the speaker's country, publication date, words."""
    page = queries.quote_page(
        state.db(), actor, country, since, until, text, pages.limit, pages.offset
    )
    return page_response(request, page)


@read.get("/stances", response_model=PageOf[StanceRow], summary="Stances")
def stances(
    request: Request,
    state: State,
    pages: Pages,
    topic: TopicParam = None,
    actor: ActorParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
) -> JSONResponse:
    """Stances on a topic, each holder's history in date order (``changed`` marks a turn)."""
    rows = queries.filter_stances(state.reader().stances(topic), actor, since, until)
    return page_response(request, queries.slice_page(rows, pages.limit, pages.offset))


@read.get("/agreements", response_model=PageOf[queries.AgreementSummary], summary="Agreements")
def agreements(
    request: Request,
    state: State,
    pages: Pages,
    actor: Annotated[
        str | None, Query(description="A party: code prefix or country.", max_length=64)
    ] = None,
    status: Annotated[
        str | None,
        Query(
            description="Latest status: signed, in_force, suspended, violated, ended, proposed.",
            max_length=32,
        ),
    ] = None,
    since: SinceParam = None,
    until: UntilParam = None,
    text: Annotated[str | None, Query(description="Words of the name.", max_length=200)] = None,
) -> JSONResponse:
    """Agreements with their parties and the history of their status, reports merged."""
    rows = queries.agreements(state.db(), actor, status, since, until, text)
    return page_response(request, queries.slice_page(rows, pages.limit, pages.offset))


@read.get("/documents", response_model=PageOf[queries.DocumentRow], summary="Documents")
def documents(
    request: Request,
    state: State,
    where: Filter,
    pages: Pages,
) -> JSONResponse:
    """Documents published between ``since`` and ``until``, with a sentence matching
    ``text`` and an event matching the other filters; newest first."""
    wanted = queries.DocumentFilter(where.since, where.until, where.text, event_only(where))
    page = queries.document_page(state.db(), wanted, pages.limit, pages.offset)
    return page_response(request, page)


@read.get("/documents/{doc_id}", response_model=queries.DocumentDetail, summary="One document")
def document(
    state: State, doc_id: Annotated[str, Path(description="The document's id.")]
) -> JSONResponse:
    """A document's text, its sentences' character spans and its ``thucydides/1`` record."""
    found = queries.document(state.db(), doc_id)
    if found is None:
        raise HttpError(404, Msg.E050, what=f"no document with the id {doc_id!r}")
    return JSONResponse(asdict(found))


@read.get("/sentences", response_model=PageOf[queries.SentenceHit], summary="Sentence search")
def sentences(
    request: Request,
    state: State,
    where: Filter,
    pages: Pages,
) -> JSONResponse:
    """Sentences containing every word of ``text`` (required), best match first; the
    other filters keep sentences holding a matching event."""
    if not where.text:
        raise HttpError(422, Msg.E052, detail="the query parameter 'text' is required")
    page = queries.sentence_page(
        state.db(),
        where.text,
        where.since,
        where.until,
        event_only(where),
        pages.limit,
        pages.offset,
    )
    return page_response(request, page)


@read.get("/dyad", response_model=DyadSeries, summary="Dyad series")
def dyad(
    state: State,
    a: ActorA,
    b: ActorB,
    by: PeriodParam = "month",
    directed: Annotated[bool, Query(description="Only events from A to B.")] = False,
) -> JSONResponse:
    """Merged events between two actors per period: counts by quad class, Goldstein sum
    and mean."""
    rows = state.reader().dyad(a, b, by, directed)
    return JSONResponse(
        {"a": a, "b": b, "by": by, "directed": directed, "periods": [plain(r) for r in rows]}
    )


@read.get("/timeline", response_model=PageOf[TimelineRow], summary="Timeline")
def timeline(
    request: Request,
    state: State,
    pages: Pages,
    a: Annotated[
        str | None, Query(description="With b: the dyad's first actor.", max_length=64)
    ] = None,
    b: Annotated[
        str | None, Query(description="With a: the dyad's second actor.", max_length=64)
    ] = None,
    topic: TextParam = None,
) -> JSONResponse:
    """Merged events of a dyad (both directions) or a topic in date order, with how many
    sources and articles reported each."""
    rows = state.reader().timeline(dyad_of(a, b), topic)
    return page_response(request, queries.slice_page(rows, pages.limit, pages.offset))


def dyad_of(a: str | None, b: str | None) -> tuple[str, str] | None:
    if bool(a) != bool(b):
        raise HttpError(422, Msg.E052, detail="give both 'a' and 'b' for a dyad, or neither")
    return (a, b) if a and b else None


@read.get("/stats", response_model=StoreCounts, summary="Store counts")
def stats(state: State) -> JSONResponse:
    """How many documents, events, merged events and sentences the store holds."""
    return JSONResponse(plain(state.reader().counts()))


@read.get("/schema/thucydides-1.json", summary="The thucydides/1 JSON Schema")
def record_schema() -> JSONResponse:
    """The JSON Schema of the records ``POST /api/code`` returns."""
    return JSONResponse(schema())


_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "text": {"type": "string"},
                        "html": {"type": "string"},
                        "published": {"type": "string", "format": "date"},
                        "title": {"type": "string"},
                        "url": {"type": "string"},
                    },
                }
            },
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
}


@read.post(
    "/code",
    summary="Code one article",
    openapi_extra=_BODY_DOC,
    responses={
        200: {"description": "A thucydides/1 record (schema: /api/schema/thucydides-1.json)."},
        413: {
            "description": "The body is over the size limit (E051), or the article's text "
            "over the coding budget (E067, `serve --code-text-limit`)."
        },
        422: {"description": "The article cannot be coded (empty, not English, bad date)."},
        429: {
            "description": "Every coding slot is busy (E068, `serve --coding-capacity`): "
            "retry after the seconds in Retry-After."
        },
    },
)
async def code(
    request: Request,
    state: State,
    published: Annotated[
        str | None,
        Query(
            description="Publication date (YYYY-MM-DD), when the body gives none.",
            pattern=r"^\d{4}-\d{2}-\d{2}$",
        ),
    ] = None,
) -> JSONResponse:
    """Code one article, sent as a JSON document ``{"text" | "html", "published", "id",
    "title", "url"}`` or as a ``text/plain`` or ``text/html`` body, into ``thucydides/1``.
    Nothing is stored."""
    body = await request.body()  # bounded by the app's body limit as it streams in
    kind = request.headers.get("content-type", "")
    documents = await run_in_threadpool(documents_from_body, body, kind, published, False)
    async with coding_slot(state):
        result = await run_in_threadpool(state.code, as_jsonl(documents))
    if isinstance(result, InputError):
        raise HttpError.of(413 if result.msg is Msg.E067 else 422, result)
    return JSONResponse(record_json(result))


RETRY_AFTER = 5  # seconds a client refused for lack of coding capacity is asked to wait


@asynccontextmanager
async def coding_slot(state: WebState) -> AsyncIterator[None]:
    """A place among the codings admitted at once, or 429 with Retry-After when all are
    taken: behind a long coding others wait a bounded while, or are told to come back."""
    capacity = state.settings.coding_capacity
    if state.codings >= capacity:
        retry = {"Retry-After": str(RETRY_AFTER)}
        raise HttpError(429, Msg.E068, retry, capacity=capacity, seconds=RETRY_AFTER)
    state.codings += 1
    try:
        async with state.coder_turn:
            yield
    finally:
        state.codings -= 1


@write.post(
    "/ingest",
    response_model=IngestReport,
    summary="Code and store documents",
    dependencies=[Depends(require_write)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        }
    },
)
async def ingest_documents(
    request: Request,
    state: State,
    published: Annotated[
        str | None,
        Query(
            description="Publication date for documents that give none.",
            pattern=r"^\d{4}-\d{2}-\d{2}$",
        ),
    ] = None,
) -> JSONResponse:
    """Code and store JSON documents (an array, ``{"documents": [...]}`` or JSON Lines);
    those already stored (same id or text) are skipped. Needs ``Authorization: Bearer``."""
    body = await request.body()  # bounded by the app's body limit as it streams in
    kind = request.headers.get("content-type", "")
    documents = await run_in_threadpool(documents_from_body, body, kind, published, True)
    outcomes = await run_in_threadpool(state.ingest, as_jsonl(documents))
    report = [_outcome(n, o) for n, o in enumerate(outcomes)]
    statuses = [o["status"] for o in report]
    return JSONResponse(
        {
            "stored": statuses.count("stored"),
            "skipped": statuses.count("skipped"),
            "failed": statuses.count("failed"),
            "outcomes": report,
            "store": plain(state.reader().counts()),
        }
    )


def _outcome(index: int, outcome: Stored | Skipped | InputError) -> dict[str, Any]:
    if isinstance(outcome, Stored):
        return {"index": index, "id": outcome.doc_id, "status": "stored", "events": outcome.events}
    if isinstance(outcome, Skipped):
        return {"index": index, "id": outcome.doc_id, "status": "skipped"}
    return {"index": index, "id": None, "status": "failed", "error": outcome.detail}
