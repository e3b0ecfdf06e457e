from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.corpus import OVERLAPPING, fill
from thucydides import Pipeline
from thucydides.store import Store


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[Store]:
    """The overlapping-reports corpus, ingested and merged (read-only for the tests)."""
    path: Path = tmp_path_factory.mktemp("store") / "corpus.sqlite"
    with Store(path) as store:
        fill(store, pipeline, OVERLAPPING)
        yield store
