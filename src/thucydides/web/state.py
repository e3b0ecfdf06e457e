"""What a running server holds: its settings, the store's one writer, read connections
(one per request thread) and the coding pipeline, loaded on first use."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from thucydides.coding import LocalCoder, code_in_order, engine_version
from thucydides.errors import InputError
from thucydides.ingest import read_inputs
from thucydides.model import Record
from thucydides.pipeline import Config, Pipeline
from thucydides.store import Store, StoreReader
from thucydides.store.ingest import IngestOutcome, ingest
from thucydides.web.queries import open_read_only

# Default request body limits, in bytes: one article to code, a batch to ingest.
CODE_LIMIT = 1_000_000
INGEST_LIMIT = 20_000_000
REQUEST_THREADS = 8


@dataclass(frozen=True, slots=True)
class WebSettings:
    db: Path
    token: str | None = None  # required by write endpoints; None disables writes
    private: bool = False  # reads need the token too
    code_limit: int = CODE_LIMIT
    ingest_limit: int = INGEST_LIMIT
    config: Config = field(default_factory=Config)
    threads: int = REQUEST_THREADS  # worker threads serving requests


def as_jsonl(documents: Iterable[dict[str, Any]]) -> bytes:
    """Documents as JSON Lines, ASCII-escaped so that no line separator hides in a text."""
    return "\n".join(json.dumps(d) for d in documents).encode("ascii")


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

    def code(self, jsonl: bytes) -> list[Record | InputError]:
        """Code documents given as JSON Lines; an unreadable one is an InputError value."""
        coder = LocalCoder(self.pipeline())
        with self._code_lock:
            return list(code_in_order(coder, read_inputs(["-"], stdin=BytesIO(jsonl))))

    def ingest(self, jsonl: bytes) -> list[IngestOutcome]:
        """Code and store the new documents among JSON Lines ones, then merge events."""
        pipeline = self.pipeline()
        version = engine_version(self.settings.config)
        with self._write_lock, self._code_lock:
            documents = read_inputs(["-"], stdin=BytesIO(jsonl))
            outcomes = list(ingest(self.store, LocalCoder(pipeline), documents, version))
            self.store.merge()
        return outcomes

    def close(self) -> None:
        with self._open_lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self.store.close()
