"""A small store coded from the articles in texts.py, and clients of the web app over it."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.texts import ARTICLES
from thucydides import Pipeline
from thucydides.coding import engine_version
from thucydides.ingest import make_document
from thucydides.pipeline import Config
from thucydides.store import Store
from thucydides.web.app import create_app
from thucydides.web.state import WebSettings

TOKEN = "test-token-0123456789"


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """The test articles coded, stored with the store's writer and merged (never written
    to again: tests that write use a copy)."""
    path = tmp_path_factory.mktemp("web") / "web.sqlite"
    version = engine_version(Config())
    with Store(path) as store:
        for doc_id, published, title, text in ARTICLES:
            document = make_document(doc_id, text, published=published, doc_id=doc_id, title=title)
            assert store.writer.add(pipeline(document), version)
        store.merge()
    return path


@pytest.fixture
def store_copy(web_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.sqlite"
    shutil.copy(web_store, copy)
    return copy


@contextmanager
def served(path: Path, pipeline: Pipeline, **settings: object) -> Iterator[TestClient]:
    """A client of the app over the store at ``path`` with these settings."""
    app = create_app(WebSettings(path, **settings), pipeline)  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def client(web_store: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    """Reads open, writes with TOKEN: the default configuration with a token."""
    with served(web_store, pipeline, token=TOKEN) as test_client:
        yield test_client


@contextmanager
def live(app: FastAPI) -> Iterator[tuple[str, int]]:
    """The app served by a real uvicorn (as ``thucydides serve`` runs it) on 127.0.0.1 at
    an ephemeral port, in a thread: for what only a real server shows (connections)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="critical", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield listener.getsockname()
    finally:
        server.should_exit = True
        thread.join(10)
        listener.close()
