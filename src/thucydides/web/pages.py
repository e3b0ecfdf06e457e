"""The dashboard: server-rendered pages over the store.

Templates are Jinja2 with autoescaping on, so every piece of article text (titles,
sentences, evidence, quotations) is escaped wherever it appears; chart data travels in a
``<script type="application/json">`` element through ``tojson``, which escapes ``<``,
``>``, ``&`` and ``'``. The only scripts are the package's own static files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from thucydides import __version__
from thucydides.errors import Msg
from thucydides.web import queries
from thucydides.web.api import Filter, Pages, State
from thucydides.web.highlight import matched_pieces, pieces, record_marks
from thucydides.web.http import (
    SESSION_COOKIE,
    HttpError,
    require_page,
    same_secret,
    session_value,
    web_state,
)
from thucydides.web.params import ActorParam, PeriodParam, TopicParam, event_only
from thucydides.web.series import series
from thucydides.web.views import QUAD_NAMES, position_table, timeline_items

NAV = (
    ("/dyad", "Dispute"),
    ("/timeline", "Timeline"),
    ("/positions", "Positions"),
    ("/agreements", "Agreements"),
    ("/documents", "Documents"),
    ("/search", "Search"),
    ("/docs", "API"),
)
LAYERS = (
    ("event", "events"),
    ("trigger", "triggers"),
    ("actor", "actors"),
    ("time", "time expressions"),
    ("quote", "quotes"),
)
STATUSES = ("signed", "in_force", "suspended", "violated", "ended", "proposed")
DEFAULT_DYAD = ("IND", "PAK")

templates = Environment(
    loader=FileSystemLoader(FilePath(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.globals["quad_names"] = QUAD_NAMES
templates.globals["nav"] = NAV
templates.globals["version"] = __version__

pages = APIRouter(include_in_schema=False, dependencies=[Depends(require_page)])
login = APIRouter(include_in_schema=False)

Text = Annotated[str | None, Query(max_length=500)]


def render(
    request: Request, name: str, title: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    store_name = web_state(request).settings.db.name
    active = "/" + request.url.path.strip("/").split("/")[0]
    html = templates.get_template(name).render(
        title=title, active=active, store_name=store_name, **context
    )
    return HTMLResponse(html, status_code=status_code)


@dataclass(frozen=True, slots=True)
class Links:
    total: int
    first: int
    last: int
    previous: str | None
    next: str | None


def links(request: Request, page: queries.Page[Any]) -> Links:
    """Where the previous and next pages are, and which rows this one shows."""

    def at(offset: int) -> str:
        url = request.url.include_query_params(offset=offset)
        return f"{url.path}?{url.query}"

    following = page.offset + page.limit
    return Links(
        page.total,
        min(page.offset + 1, page.total),
        min(following, page.total),
        at(max(0, page.offset - page.limit)) if page.offset > 0 else None,
        at(following) if following < page.total else None,
    )


@pages.get("/", response_class=HTMLResponse)
def index(request: Request, state: State) -> HTMLResponse:
    counts = state.reader().counts()
    dyads = queries.top_dyads(state.db())
    return render(request, "index.html", "Overview", counts=counts, dyads=dyads)


@pages.get("/dyad", response_class=HTMLResponse)
def dyad(
    request: Request,
    state: State,
    pages_: Pages,
    a: Text = None,
    b: Text = None,
    by: PeriodParam = "month",
) -> HTMLResponse:
    if not (a and b):
        top = queries.top_dyads(state.db(), 1)
        a, b = (top[0].a, top[0].b) if top else DEFAULT_DYAD
    a, b = a.strip().upper(), b.strip().upper()
    reader = state.reader()
    rows = reader.timeline((a, b))
    page = queries.slice_page(rows, pages_.limit, pages_.offset)
    return render(
        request,
        "dyad.html",
        f"Dispute {a}–{b}",
        a=a,
        b=b,
        by=by,
        series=series(reader.dyad(a, b, by), by),
        items=timeline_items(state.db(), page.items),
        links=links(request, page),
    )


@pages.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    state: State,
    pages_: Pages,
    a: Text = None,
    b: Text = None,
    topic: Text = None,
) -> HTMLResponse:
    dyad = (a.upper(), b.upper()) if a and b else None
    rows = state.reader().timeline(dyad, topic)
    page = queries.slice_page(rows, pages_.limit, pages_.offset)
    return render(
        request,
        "timeline.html",
        "Timeline",
        a=a,
        b=b,
        topic=topic,
        items=timeline_items(state.db(), page.items),
        links=links(request, page),
    )


@pages.get("/positions", response_class=HTMLResponse)
def positions(
    request: Request, state: State, topic: TopicParam = None, actor: ActorParam = None
) -> HTMLResponse:
    stances = queries.filter_stances(state.reader().stances(topic), actor, None, None)
    table = position_table(stances)
    return render(request, "positions.html", "Positions", table=table, topic=topic, actor=actor)


@pages.get("/agreements", response_class=HTMLResponse)
def agreements(
    request: Request,
    state: State,
    pages_: Pages,
    text: Text = None,
    actor: ActorParam = None,
    status: Text = None,
) -> HTMLResponse:
    rows = queries.agreements(state.db(), actor, status, None, None, text)
    page = queries.slice_page(rows, pages_.limit, pages_.offset)
    return render(
        request,
        "agreements.html",
        "Agreements",
        agreements=page.items,
        links=links(request, page),
        text=text,
        actor_code=actor,
        status=status,
        statuses=STATUSES,
    )


@pages.get("/documents", response_class=HTMLResponse)
def documents(request: Request, state: State, where: Filter, pages_: Pages) -> HTMLResponse:
    wanted = queries.DocumentFilter(where.since, where.until, where.text, event_only(where))
    page = queries.document_page(state.db(), wanted, pages_.limit, pages_.offset)
    return render(
        request,
        "documents.html",
        "Documents",
        documents=page.items,
        links=links(request, page),
        where=where,
    )


@pages.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document(request: Request, state: State, doc_id: str) -> HTMLResponse:
    found = queries.document(state.db(), doc_id)
    if found is None:
        raise HttpError(404, Msg.E050, what=f"no document with the id {doc_id!r}")
    url = found.url or ""
    return render(
        request,
        "document.html",
        found.title or found.id,
        doc=found,
        record=found.record,
        record_text=json.dumps(found.record, indent=2, ensure_ascii=False),
        pieces=pieces(found.text, record_marks(found.record), [s for s, _ in found.sentences]),
        layers=LAYERS,
        web_url=url if url.startswith(("http://", "https://")) else None,
    )


@dataclass(frozen=True, slots=True)
class Hit:
    doc_id: str
    title: str | None
    published: str | None
    sentence: int
    pieces: list[tuple[str, bool]]


@pages.get("/search", response_class=HTMLResponse)
def search(request: Request, state: State, where: Filter, pages_: Pages) -> HTMLResponse:
    hits: list[Hit] = []
    page: queries.Page[queries.SentenceHit] = queries.Page([], 0, pages_.limit, 0)
    if where.text:
        page = queries.sentence_page(
            state.db(),
            where.text,
            where.since,
            where.until,
            event_only(where),
            pages_.limit,
            pages_.offset,
        )
        hits = [
            Hit(h.doc_id, h.title, h.published, h.sentence, matched_pieces(h.marked))
            for h in page.items
        ]
    return render(
        request, "search.html", "Search", where=where, hits=hits, links=links(request, page)
    )


@pages.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return render(request, "docs.html", "API", spec=spec, operations=operations(spec))


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    where: str
    required: bool
    type: str
    description: str


@dataclass(frozen=True, slots=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter]
    bodies: list[str]
    responses: list[tuple[str, str]]

    @property
    def anchor(self) -> str:
        path = self.path.strip("/").replace("/", "-")
        return f"{self.method}-" + "".join(c for c in path if c not in "{}")


def operations(spec: dict[str, Any]) -> list[Operation]:
    """The operations of an OpenAPI document, for the docs page."""
    found: list[Operation] = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            found.append(
                Operation(
                    method,
                    path,
                    op.get("summary", ""),
                    " ".join(op.get("description", "").split()),
                    [_parameter(p) for p in op.get("parameters", [])],
                    list(op.get("requestBody", {}).get("content", {})),
                    [
                        (code, r.get("description", ""))
                        for code, r in op.get("responses", {}).items()
                    ],
                )
            )
    return found


def _parameter(spec: dict[str, Any]) -> Parameter:
    schema = spec.get("schema", {})
    kinds = [s.get("type", "") for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    if "enum" in schema or any("enum" in s for s in schema.get("anyOf", [])):
        values = schema.get("enum") or next(s["enum"] for s in schema["anyOf"] if "enum" in s)
        kinds = ["|".join(str(v) for v in values)]
    return Parameter(
        spec["name"],
        spec.get("in", ""),
        bool(spec.get("required")),
        " or ".join(k for k in kinds if k),
        spec.get("description", schema.get("description", "")),
    )


@login.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Text = "/") -> HTMLResponse:
    return render(request, "login.html", "Log in", next=_local(next), failed=None)


@login.post("/login", response_class=HTMLResponse, response_model=None)
async def login_submit(request: Request) -> HTMLResponse | RedirectResponse:
    """A session cookie for the browser, given the server's token."""
    form = parse_qs((await request.body())[:10_000].decode("utf-8", "replace"))
    given = form.get("token", [""])[0]
    target = _local(form.get("next", ["/"])[0])
    token = web_state(request).settings.token
    if token is None or not same_secret(given, token):
        failed = Msg.E054.format()
        return render(request, "login.html", "Log in", 403, next=target, failed=failed)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session_value(token), httponly=True, samesite="strict", path="/"
    )
    return response


def _local(target: str | None) -> str:
    """Only a path on this server (no ``//host`` or scheme): no open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
