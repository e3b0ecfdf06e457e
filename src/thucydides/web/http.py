"""HTTP plumbing shared by the API and the pages: errors, tokens, body limits, bodies.

Every error a client sees is an :class:`HttpError`: a status and a message from the
catalogue in :mod:`thucydides.errors`, sent as ``{"status", "code", "message"}``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from starlette.requests import Request

from thucydides.errors import Msg, ThucydidesError
from thucydides.web.state import WebState

SESSION_COOKIE = "thucydides_session"
_BEARER = "bearer "


class HttpError(ThucydidesError):
    def __init__(
        self, status: int, msg: Msg, headers: dict[str, str] | None = None, **kwargs: object
    ) -> None:
        self.status = status
        self.headers = headers or {}
        super().__init__(msg, **kwargs)

    @classmethod
    def of(cls, status: int, error: ThucydidesError) -> HttpError:
        """An engine error (an article that cannot be coded) sent with an HTTP status."""
        made = cls.__new__(cls)
        Exception.__init__(made, error.detail)
        made.msg, made.detail, made.status, made.headers = error.msg, error.detail, status, {}
        return made

    def body(self) -> dict[str, Any]:
        return {"status": self.status, "code": self.msg.name, "message": self.detail}


class LoginRequired(Exception):
    """A dashboard page on a private server, asked for without a session: go log in."""


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def session_value(token: str) -> str:
    """The session cookie's value: derived from the token, not the token itself."""
    return hmac.new(token.encode(), b"thucydides-session", hashlib.sha256).hexdigest()


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header[: len(_BEARER)].lower() != _BEARER:
        return None
    return header[len(_BEARER) :].strip()


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def check_token(request: Request, token: str, cookie: bool) -> None:
    """The request carries the token as a bearer header (or, for reads, a session cookie)."""
    given = _bearer(request)
    if given is None:
        session = request.cookies.get(SESSION_COOKIE) if cookie else None
        if session is not None and same_secret(session, session_value(token)):
            return
        raise HttpError(401, Msg.E053, {"WWW-Authenticate": "Bearer"})
    if not same_secret(given, token):
        raise HttpError(403, Msg.E054)


def require_read(request: Request) -> None:
    """Reads are open unless the server is private."""
    settings = web_state(request).settings
    if settings.private and settings.token is not None:
        check_token(request, settings.token, cookie=True)


def require_page(request: Request) -> None:
    """A dashboard page: on a private server, without a session, the login page."""
    try:
        require_read(request)
    except HttpError as error:
        raise LoginRequired from error


def require_write(request: Request) -> None:
    """Writes need the operator's token in the header; with no token set they are off."""
    token = web_state(request).settings.token
    if token is None:
        raise HttpError(403, Msg.E055)
    check_token(request, token, cookie=False)


def too_large(limit: int) -> HttpError:
    """413 for a body over ``limit``, closing the connection: the rest of the body is not
    worth reading to keep it alive."""
    return HttpError(413, Msg.E051, {"Connection": "close"}, limit=limit)


JSON_TYPES = ("application/json",)
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")
TEXT_TYPES = ("text/plain", "text/html")


def documents_from_body(
    body: bytes, content_type: str, published: str | None, many: bool
) -> list[dict[str, Any]]:
    """The JSON documents (``{"id", "text" | "html", "published", "title", "url"}``) a body
    holds: one JSON object (or, with ``many``, an array of them, ``{"documents": [...]}``
    or JSON Lines), or a plain-text or HTML article. ``published`` fills in missing dates."""
    kind = content_type.split(";")[0].strip().lower() or "application/json"
    if kind in TEXT_TYPES:
        text = _text(body)
        documents: list[Any] = [{"html" if kind == "text/html" else "text": text}]
    elif kind in JSON_TYPES:
        documents = _json_documents(_json(body), many)
    elif many and kind in JSONL_TYPES:
        documents = [_json(line.encode()) for line in _text(body).splitlines() if line.strip()]
    else:
        accepted = JSON_TYPES + (JSONL_TYPES if many else ()) + TEXT_TYPES
        raise HttpError(415, Msg.E056, kind=kind, expected=", ".join(accepted))
    for n, document in enumerate(documents):
        if not isinstance(document, dict):
            raise HttpError(422, Msg.E052, detail=f"document {n} is not a JSON object")
        if published and not document.get("published", document.get("date")):
            document["published"] = published
    return documents


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HttpError(422, Msg.E003) from None


# A document is a flat object; nesting this deep is an attack on the parser, not data.
MAX_JSON_DEPTH = 32


def _json(body: bytes) -> Any:
    try:
        value = json.loads(_text(body))
    except json.JSONDecodeError as exc:
        raise HttpError(422, Msg.E006, detail=exc.msg) from None
    except RecursionError:
        raise HttpError(422, Msg.E065, limit=MAX_JSON_DEPTH) from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise HttpError(422, Msg.E006, detail=str(exc)) from None
    if _deeper_than(value, MAX_JSON_DEPTH):
        raise HttpError(422, Msg.E065, limit=MAX_JSON_DEPTH)
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest more than ``limit`` levels (walked without
    recursion, so that the check itself cannot overflow the stack)."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


def _json_documents(value: Any, many: bool) -> list[Any]:
    if isinstance(value, dict) and many and isinstance(value.get("documents"), list):
        return list(value["documents"])
    if isinstance(value, list) and many:
        return value
    if isinstance(value, dict):
        return [value]
    expected = "a JSON object, an array of them or {'documents': [...]}" if many else "an object"
    raise HttpError(422, Msg.E052, detail=f"the body must be {expected}")
