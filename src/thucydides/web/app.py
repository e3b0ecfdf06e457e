"""The ASGI application: the API, the dashboard, static files and JSON errors."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from anyio import to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from thucydides import __version__
from thucydides.errors import Msg, QueryError
from thucydides.pipeline import Pipeline
from thucydides.web import api, pages
from thucydides.web.http import HttpError, LoginRequired, require_read, too_large
from thucydides.web.state import WebSettings, WebState

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

STATIC = Path(__file__).parent / "static"

# Scripts, styles, fonts and images come from this server only; no inline script runs.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
        b"frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

DESCRIPTION = (
    "The thucydides store over HTTP: coded events, quotes, stances, agreements and documents "
    "with the filters of `thucydides query`, dyad series and timelines, coding of one "
    "article and ingestion of documents."
)


class Hardening:
    """Pure ASGI middleware: security headers on every response, and empty query
    parameters (``?quad=`` from an untouched form field) dropped before validation."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        if b"=&" in query + b"&":
            pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v != ""]
            scope = {**scope, "query_string": urlencode(kept).encode("latin-1")}

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_hardened)


class Guard:
    """Pure ASGI middleware between the server and the app, so that no request costs the
    server: a body is bounded by its route's limit (the declared Content-Length before any
    of it is read, a chunked body as it arrives), and an internal error becomes an E058
    response instead of an exception, on which uvicorn would drop the keep-alive
    connection and fail the client's next request."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.settings.body_limit(scope["path"])
        if _declared_length(scope) > limit:
            await _respond(scope, receive, send, too_large(limit))
            return
        received = 0
        started = False

        async def receive_bounded() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise too_large(limit)
            return message

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive_bounded, send_tracked)
        except Exception as exc:
            if started:  # too late for an error response: the server closes the connection
                raise
            await _respond(scope, receive, send, _as_http_error(exc, scope))


def _declared_length(scope: Scope) -> int:
    for name, value in scope["headers"]:
        if name == b"content-length" and value.isdigit():
            return int(value)
    return 0


def _as_http_error(exc: Exception, scope: Scope) -> HttpError:
    if isinstance(exc, HttpError):
        return exc
    log.error("error while serving %s", scope["path"], exc_info=exc)
    return HttpError(500, Msg.E058, kind=type(exc).__name__)


async def _respond(scope: Scope, receive: Receive, send: Send, error: HttpError) -> None:
    request = Request(scope, receive)
    try:
        response = error_response(request, error)
    except Exception:  # the error page itself broke: the plain JSON error
        log.exception("error while rendering the error page for %s", scope["path"])
        response = JSONResponse(error.body(), status_code=error.status, headers=error.headers)
    await response(scope, receive, send)


def create_app(settings: WebSettings, pipeline: Pipeline | None = None) -> FastAPI:
    """The application over the store ``settings.db`` (created if absent). A ``pipeline``
    given is used to code; otherwise one is loaded on the first coding request."""
    state = WebState(settings, pipeline)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Few request threads: queries are short and hold the GIL between SQLite calls,
        # so many threads only contend (measured with benchmarks/api_load.py).
        to_thread.current_default_thread_limiter().total_tokens = settings.threads
        yield
        state.close()

    app = FastAPI(
        title="thucydides",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served below, behind the token on a private server
        lifespan=lifespan,
    )
    app.state.web = state

    @app.get("/openapi.json", include_in_schema=False, dependencies=[Depends(require_read)])
    def openapi_document() -> JSONResponse:
        return JSONResponse(app.openapi())

    app.include_router(api.read)
    app.include_router(api.write)
    app.include_router(pages.login)
    app.include_router(pages.pages)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _errors(app)
    app.add_middleware(Guard, settings=settings)
    app.add_middleware(Hardening)  # outermost: its headers go on the guard's answers too
    return app


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/openapi.json", "/static/")):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, error: HttpError) -> Response:
    if _wants_html(request):
        page = pages.render(
            request, "error.html", f"Error {error.status}", error.status, message=error.detail
        )
        page.headers.update(error.headers)
        return page
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)


def _errors(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HttpError)
        return error_response(request, exc)

    async def starlette_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            error = HttpError(404, Msg.E050, what=f"no such path {request.url.path!r}")
        elif exc.status_code == 405:
            error = HttpError(405, Msg.E057, method=request.method)
        else:
            error = HttpError(exc.status_code, Msg.E052, detail=exc.detail)
        return error_response(request, error)

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [_problem(e) for e in exc.errors()]
        error = HttpError(422, Msg.E052, detail="; ".join(problems))
        if _wants_html(request):
            return error_response(request, error)
        return JSONResponse({**error.body(), "errors": problems}, status_code=422)

    async def login_required(request: Request, exc: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)

    async def bad_query(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, QueryError)
        return error_response(request, HttpError.of(422, exc))

    app.add_exception_handler(HttpError, http_error)
    app.add_exception_handler(StarletteHTTPException, starlette_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(QueryError, bad_query)
    # Any other exception is answered by the Guard middleware, which keeps the connection.


def _problem(error: Any) -> str:
    """One validation problem as a sentence: where it is and what is wrong."""
    where = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
    kind = {"query": "query parameter", "path": "path parameter"}.get(
        str(error.get("loc", ("",))[0]), "field"
    )
    name = ".".join(where) or "request"
    return f"{kind} {name!r}: {error.get('msg', 'invalid')}"
