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
from thucydides.store.merge import Mention, MergeSettings, components, plan_merge


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


def _mention(n: int, draw: st.DrawFn) -> Mention:
    day = draw(st.integers(1, 6))
    precise = draw(st.booleans())
    return Mention(
        event=n,
        doc_id=f"d{draw(st.integers(0, 5))}",
        position=n,
        reported=f"2025-05-{draw(st.integers(1, 9)):02d}",
        source=draw(st.sampled_from(["a.example", "b.example"])),
        actor_country=draw(st.sampled_from(["IND", "PAK", None])),
        actor_sector=draw(st.sampled_from([None, "MIL", "GOV"])),
        recipient_country="PAK",
        recipient_sector=None,
        root="19",
        plover=None,
        cameo="190",
        date_value=f"2025-05-{day:02d}" if precise else draw(st.sampled_from(["2025-05", None])),
        date_precision="day" if precise else "month",
        date_source=draw(st.sampled_from(["explicit", "document"])),
        location_name=draw(st.sampled_from([None, "Srinagar", "Lahore"])),
        lat=None,
        lon=None,
        evidence=draw(st.sampled_from(["shelling of border posts", "troops shelled posts", "x"])),
    )


@st.composite
def _mentions(draw: st.DrawFn) -> list[Mention]:
    return [_mention(n, draw) for n in range(draw(st.integers(1, 14)))]


@settings(max_examples=200, deadline=None)
@given(mentions=_mentions(), data=st.data())
def test_the_plan_is_a_function_of_the_set_of_mentions(
    mentions: list[Mention], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(mentions))
    plan = plan_merge(mentions)
    assert plan_merge(shuffled) == plan
    # A merged event never straddles two components, and re-merging any union of whole
    # components gives their merged events unchanged: what incremental merging relies on.
    parts = components(mentions, MergeSettings())
    cluster_of = dict((event, merged) for merged, event in plan.assignments)
    for part in parts:
        alone = plan_merge(data.draw(st.permutations(part)))
        assert {(c, e) for c, e in alone.assignments} == {
            (cluster_of[m.event], m.event) for m in part
        }
    component_of = {m.event: n for n, part in enumerate(parts) for m in part}
    for merged in {c for c, _ in plan.assignments}:
        assert len({component_of[e] for c, e in plan.assignments if c == merged}) == 1
