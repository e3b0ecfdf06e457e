"""A small store coded from the articles in texts.py, and clients of the web app over it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
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
