"""What a running server holds: its settings, the store's one writer, read connections
(one per request thread) and the coding pipeline, loaded on first use."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import anyio

from thucydides.coding import BatchCoder, LocalCoder, engine_version
from thucydides.errors import InputError, Msg
from thucydides.ingest import read_inputs
from thucydides.model import Document, Record
from thucydides.pipeline import Config, Pipeline
from thucydides.store import Store, StoreReader
from thucydides.store.ingest import IngestOutcome, ingest
from thucydides.web.queries import open_read_only

# Default request body limits, in bytes: one article to code, a batch to ingest, and any
# other request (the login form; reads take no body).
CODE_LIMIT = 1_000_000
INGEST_LIMIT = 20_000_000
FORM_LIMIT = 16_384
# The coding budget of POST /api/code: the characters of article text one request may
# have coded, and how many codings may be admitted at once (one codes, the others wait).
# 50,000 characters is a long feature article; unpunctuated, the worst case, it took 8.5 s
# to code on the development machine (100,000: 24 s), and 2.4 s (100,000: 5 s) with the
# stages being made linear-time for #20.
CODE_TEXT_LIMIT = 50_000
CODING_CAPACITY = 4
REQUEST_THREADS = 8
STDIN = "<stdin>"  # the source of documents sent in a request, as the reader names it

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WebSettings:
    db: Path
    token: str | None = None  # required by write endpoints; None disables writes
    private: bool = False  # reads need the token too
    code_limit: int = CODE_LIMIT
    ingest_limit: int = INGEST_LIMIT
    config: Config = field(default_factory=Config)
    threads: int = REQUEST_THREADS  # worker threads serving requests
    code_text_limit: int = CODE_TEXT_LIMIT
    coding_capacity: int = CODING_CAPACITY

    def body_limit(self, path: str) -> int:
        """The largest request body the route at ``path`` takes, in bytes."""
        return {"/api/code": self.code_limit, "/api/ingest": self.ingest_limit}.get(
            path, FORM_LIMIT
        )


def as_jsonl(documents: Iterable[dict[str, Any]]) -> bytes:
    """Documents as JSON Lines, ASCII-escaped so that no line separator hides in a text."""
    return "\n".join(json.dumps(d) for d in documents).encode("ascii")


def failure(source: str, exc: Exception) -> InputError:
    return InputError(source, Msg.E011, detail=f"{type(exc).__name__}: {exc}")


class WebState:
    """Shared by every request of one application."""

    def __init__(self, settings: WebSettings, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self.store = Store(settings.db)  # creates and migrates the store; the one writer
        self._pipeline = pipeline
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._open_lock = threading.Lock()
        self._code_lock = threading.Lock()
        self._write_lock = threading.Lock()
        # POST /api/code requests admitted (changed on the event loop only), and their turn
        # at the coder, awaited on the event loop rather than in a request thread.
        self.codings = 0
        self.coder_turn = anyio.Lock()

    def db(self) -> sqlite3.Connection:
        """This thread's read-only connection."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = open_read_only(self.settings.db)
            self._local.connection = connection
            with self._open_lock:
                self._connections.append(connection)
        return connection

    def reader(self) -> StoreReader:
        return StoreReader(self.db())

    def pipeline(self) -> Pipeline:
        """The coding pipeline (loading spaCy takes seconds: done on first use)."""
        with self._code_lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self.settings.config)
            return self._pipeline

    def code(self, jsonl: bytes) -> Record | InputError:
        """Code one document given as a JSON line, within the coding budget: a text over
        it, or one that cannot be read or coded, is an InputError value."""
        try:
            (document,) = self._read([jsonl])
        except Exception as exc:  # a bug in reading one document is that document's error
            log.exception("reading a document to code broke")
            return failure(f"{STDIN}:1", exc)
        if isinstance(document, InputError):
            return document
        limit = self.settings.code_text_limit
        if len(document.text) > limit:
            return InputError(document.source, Msg.E067, size=len(document.text), limit=limit)
        coder = LocalCoder(self.pipeline())
        with self._code_lock:
            (result,) = next(coder.map([[document]]))
        return result

    def ingest(self, jsonl: bytes) -> list[IngestOutcome]:
        """Code and store the new documents among JSON Lines ones, then merge events. One
        document that breaks reading, coding or storing costs only itself."""
        lines = jsonl.splitlines()
        if not lines:
            return []
        coder = LocalCoder(self.pipeline())
        version = engine_version(self.settings.config)
        outcomes: list[IngestOutcome] = []
        with self._write_lock, self._code_lock:
            while not self._ingest_from(lines, outcomes, coder, version):
                pass
            self.store.merge()
        return outcomes

    def _ingest_from(
        self, lines: list[bytes], outcomes: list[IngestOutcome], coder: BatchCoder, version: str
    ) -> bool:
        """Ingest ``lines`` from the first without an outcome on, appending outcomes; when
        the batch breaks, that line is ingested alone, and fails alone if it breaks again.
        True once every line has its outcome."""
        start = len(outcomes)
        try:
            for outcome in ingest(self.store, coder, self._read(lines, start), version):
                outcomes.append(outcome)
        except Exception:
            log.exception("ingesting from line %d broke; the next is tried alone", start + 1)
            outcomes.append(self._ingest_alone(lines, len(outcomes), coder, version))
            return len(outcomes) >= len(lines)
        return True

    def _ingest_alone(
        self, lines: list[bytes], index: int, coder: BatchCoder, version: str
    ) -> IngestOutcome:
        try:
            (outcome,) = ingest(self.store, coder, self._read(lines[: index + 1], index), version)
        except Exception as exc:
            log.exception("line %d could not be ingested", index + 1)
            source = f"{STDIN}:{index + 1}"
            return InputError(source, Msg.E066, kind=type(exc).__name__, detail=exc)
        return outcome

    @staticmethod
    def _read(lines: list[bytes], start: int = 0) -> Iterator[Document | InputError]:
        """The documents of JSON lines from line ``start`` on (counted from 0). The lines
        before it are left blank, which the reader skips but counts, so that a document
        keeps its line number in its source whichever line reading resumes at."""
        raw = b"\n" * start + b"\n".join(lines[start:])
        return read_inputs(["-"], stdin=BytesIO(raw))

    def close(self) -> None:
        with self._open_lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self.store.close()
