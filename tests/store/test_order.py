"""Merging does not depend on the order documents arrive in: storing them one by one, in
any order, merging after each, gives the merged events of one ``merge --rebuild``."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.corpus import OVERLAPPING
from tests.store.canonical import clusters, merged_events
from thucydides import Pipeline, Record
from thucydides.ingest import read_inputs
from thucydides.model import Document
from thucydides.store import Store


@pytest.fixture(scope="module")
def records(pipeline: Pipeline) -> list[Record]:
    """The overlapping-reports corpus and the example articles, coded once."""
    documents = [
        d
        for d in read_inputs([str(OVERLAPPING), str(EXAMPLES / "articles.jsonl")])
        if isinstance(d, Document)
    ]
    coded = [r for r in pipeline.pipe(documents) if isinstance(r, Record)]
    assert len(coded) == len(documents)
    return coded


def _one_by_one(path: Path, records: list[Record]) -> None:
    with Store(path) as store:
        for record in records:
            store.writer.add(record, "v1")
            store.merge()


def _rebuilt(path: Path) -> list[tuple[object, ...]]:
    with Store(path) as store:
        before = merged_events(store.connection)
        store.merge(rebuild=True)
        assert merged_events(store.connection) == before, "incremental differs from rebuild"
        return before


def test_incremental_merging_in_any_order_equals_a_rebuild(
    tmp_path: Path, records: list[Record]
) -> None:
    orders = [records, records[::-1]]
    shuffler = random.Random(20)
    for _ in range(3):
        orders.append(shuffler.sample(records, len(records)))
    results = []
    for n, order in enumerate(orders):
        path = tmp_path / f"order{n}.sqlite"
        _one_by_one(path, order)
        results.append(_rebuilt(path))
    assert all(result == results[0] for result in results[1:])
    assert len(clusters(tmp_path / "order0.sqlite")) > 10


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_order_and_batching_gives_the_same_merged_events(
    records: list[Record], data: st.DataObject
) -> None:
    order = data.draw(st.permutations(records))
    cuts = data.draw(st.sets(st.integers(1, len(records) - 1), max_size=4))
    with tempfile.TemporaryDirectory() as folder:
        reference = Path(folder) / "reference.sqlite"
        _one_by_one(reference, records)
        path = Path(folder) / "store.sqlite"
        with Store(path) as store:
            for n, record in enumerate(order):
                store.writer.add(record, "v1")
                if n in cuts:  # a merge after some documents only, as separate ingests do
                    store.merge()
            store.merge()
        assert _rebuilt(path) == _rebuilt(reference)
