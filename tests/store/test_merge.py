"""Merging repeated reports: the rules on synthetic events, then a corpus written for it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.corpus import OVERLAPPING, fill
from thucydides import Pipeline
from thucydides.store import Store
from thucydides.store.merge import Mention, MergeSettings, plan_merge

BASE = Mention(
    event=1,
    doc_id="a",
    position=0,
    reported="2025-05-10",
    source="one.example",
    actor_country="IND",
    actor_sector=None,
    recipient_country="PAK",
    recipient_sector=None,
    root="08",
    plover="RETREAT",
    cameo="0871",
    date_value="2025-05-10",
    date_precision="day",
    date_source="explicit",
    location_name=None,
    lat=None,
    lon=None,
    evidence="India and Pakistan agreed to a ceasefire on Saturday",
)


def _groups(*mentions: Mention) -> list[list[int]]:
    plan = plan_merge(mentions)
    groups: dict[str, list[int]] = {}
    for cluster, event in plan.assignments:
        groups.setdefault(cluster, []).append(event)
    return sorted(sorted(g) for g in groups.values())


def _other(event: int, **changes: object) -> Mention:
    return replace(BASE, event=event, doc_id=f"d{event}", **changes)  # type: ignore[arg-type]


def test_same_day_reports_in_other_words_merge() -> None:
    other = _other(2, evidence="The guns fell silent as both sides declared a truce")
    assert _groups(BASE, other) == [[1, 2]]


@pytest.mark.parametrize(
    ("changes", "merged"),
    [
        ({"date_value": "2025-05", "date_precision": "month"}, True),  # contains the day
        ({"date_value": "2025-05-11"}, True),  # a day apart, similar evidence
        ({"date_value": "2025-05-13"}, False),  # three days apart
        ({"date_value": "2025-05-13", "date_source": "document"}, True),  # only the article date
        ({"date_value": "2025-06", "date_precision": "month"}, False),
        ({"actor_sector": "MIL"}, True),  # "India" and "the Indian army"
        ({"recipient_country": "CHN"}, False),
        ({"plover": "ASSAULT", "root": "19", "cameo": "190"}, False),
        ({"location_name": "Srinagar"}, True),  # unknown on one side
    ],
)
def test_merge_rules(changes: dict[str, object], merged: bool) -> None:
    assert (_groups(BASE, _other(2, **changes)) == [[1, 2]]) is merged


def test_dissimilar_evidence_does_not_merge_on_a_near_date() -> None:
    other = _other(2, date_value="2025-05-11", evidence="Residents returned to border villages")
    assert _groups(BASE, other) == [[1], [2]]


def test_places_must_agree_when_both_are_known() -> None:
    here = replace(BASE, location_name="Kharkiv", lat=49.99, lon=36.23)
    near = _other(2, location_name="Chuhuiv", lat=49.84, lon=36.69)  # ~37 km
    far = _other(3, location_name="Odesa", lat=46.48, lon=30.72)
    assert _groups(here, near, far) == [[1, 2], [3]]


def test_an_actor_sector_fits_only_the_same_or_an_unknown_one() -> None:
    army = _other(2, actor_sector="MIL")
    government = _other(3, actor_sector="GOV")
    assert _groups(BASE, army, government) == [[1, 2], [3]]


def test_order_of_input_does_not_change_the_result() -> None:
    mentions = [_other(n, reported=f"2025-05-1{n}") for n in range(2, 6)]
    assert plan_merge([BASE, *mentions]) == plan_merge([*reversed(mentions), BASE])


def test_a_mention_linked_to_two_merged_events_joins_the_one_it_fits() -> None:
    # "Thailand" is linked to both the army's and the government's report, which stay two
    # events of one component; the report of neither kind joins the first (the oldest).
    army = _other(2, actor_sector="MIL", reported="2025-05-11")
    government = _other(3, actor_sector="GOV", reported="2025-05-12")
    plan = plan_merge([government, BASE, army])
    assert _groups(government, BASE, army) == [[1, 2], [3]]
    assert len({c.component for c in plan.clusters}) == 1
    assert [c.num_mentions for c in plan.clusters] == [2, 1]


def test_a_component_is_named_after_its_first_report() -> None:
    plan = plan_merge([_other(2, reported="2025-05-11"), BASE])
    (cluster,) = plan.clusters
    assert cluster.component == cluster.id
    assert cluster.first_event == 1
    assert (cluster.num_mentions, cluster.num_articles, cluster.num_sources) == (2, 2, 1)


def test_settings_widen_the_window() -> None:
    other = _other(2, date_value="2025-05-13")
    assert len(plan_merge([BASE, other]).clusters) == 2
    assert len(plan_merge([BASE, other], MergeSettings(window_days=3)).clusters) == 1


# What the eleven articles of tests/fixtures/corpus/overlapping.jsonl report (written for
# this test, in different words, on four sites): (actor, CAMEO, recipient, date) of each
# real-world event → (distinct sites, distinct articles). The ceasefire is coded in both
# directions, as CAMEO does for "A and B agreed"; one Kharkiv article reports the strike
# twice and counts once; the later strike and the accusation are other events, and so is
# Kharkiv's mayor asking residents to stay in shelters (an appeal, 020).
EXPECTED = {
    ("IND", "0871", "PAK", "2025-05-10"): (3, 4),
    ("PAK", "0871", "IND", "2025-05-10"): (3, 4),
    ("RUS", "195", "UKR", "2025-06-03"): (3, 3),
    ("THA", "161", "KHMGOV", "2025-07-23"): (2, 2),
    ("RUS", "195", "UKR", "2025-06-18"): (1, 1),
    ("IND", "1123", "PAK", "2025-05-10"): (1, 1),
    ("PAKGOV", "016", None, "2025-05-10"): (1, 1),
    ("UKRGOV", "020", "UKRCVL", "2025-06-03"): (1, 1),
}


def test_overlapping_reports_merge_into_the_right_events(corpus_store: Store) -> None:
    timeline = corpus_store.reader.timeline()
    found = {(r.actor, r.cameo, r.recipient, r.date): (r.sources, r.articles) for r in timeline}
    assert found == EXPECTED
    kharkiv = next(r for r in timeline if r.date == "2025-06-03")
    assert kharkiv.mentions == 4  # four reports in three articles
    assert kharkiv.first_reported == "2025-06-03"


def test_merging_again_changes_nothing(tmp_path: Path, pipeline: Pipeline) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        fill(store, pipeline, OVERLAPPING)
        before = store.reader.timeline()
        assert store.merge().assignments == ()
        assert store.reader.timeline() == before
        store.merge(rebuild=True)
        assert store.reader.timeline() == before
