"""Helpers for the corpus-layer tests: stores filled through the real pipeline."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES
from thucydides import Pipeline
from thucydides.coding import LocalCoder, engine_version
from thucydides.ingest import read_inputs
from thucydides.pipeline import Config
from thucydides.store import Store
from thucydides.store.ingest import IngestOutcome, ingest

# Eleven short articles written for these tests, reporting overlapping events in different
# words on different sites (their URLs): see test_merge.py for what they should merge into.
OVERLAPPING = FIXTURES / "corpus" / "overlapping.jsonl"


def fill(store: Store, pipeline: Pipeline, *sources: Path) -> list[IngestOutcome]:
    outcomes = list(
        ingest(
            store,
            LocalCoder(pipeline),
            read_inputs([str(s) for s in sources]),
            engine_version(Config()),
        )
    )
    store.merge()
    return outcomes
