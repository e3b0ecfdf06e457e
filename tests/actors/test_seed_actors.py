"""Issue 3, acceptance 2: every actor in the seed article's events is resolved."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import SEED, need_shared
from thucydides import Pipeline, read_text_document, record_json


@pytest.fixture(scope="module")
def actors(pipeline: Pipeline) -> list[dict[str, Any]]:
    text = need_shared(SEED).read_text(encoding="utf-8")
    record = record_json(pipeline(read_text_document(text, published=date(2025, 8, 9))))
    events = record["events"]
    found = list(record["actors"])
    for event in events:
        found += [event[r] for r in ("actor", "recipient", "speaker") if event[r]]
    return found


def _codes(actors: list[dict[str, Any]], text: str) -> set[str]:
    return {a["code"] for a in actors if a["text"] == text}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Islamabad", "PAKGOV"),
        ("New Delhi", "INDGOV"),
        ("Washington", "USAGOV"),
        ("India’s External Affairs Ministry", "INDGOV"),
        ("Marco Rubio", "USAGOV"),
        ("JD Vance", "USAGOV"),
        ("Shafqat Ali Khan", "PAKGOV"),
    ],
)
def test_named_actors(actors: list[dict[str, Any]], text: str, code: str) -> None:
    assert _codes(actors, text) == {code}


def test_the_spokesperson_is_khan(actors: list[dict[str, Any]]) -> None:
    spokesperson = [a for a in actors if a["name"] == "Shafqat Ali Khan"]
    assert spokesperson and all(a["role"] == "Foreign Office spokesperson" for a in spokesperson)
    assert {a["code"] for a in spokesperson} == {"PAKGOV"}


def test_armed_groups(actors: list[dict[str, Any]]) -> None:
    by_name = {a["name"]: a for a in actors if a["name"]}
    for name in ("The Resistance Front", "Lashkar-e-Taiba"):
        group = by_name[name]
        assert group["country"] == "PAK" and group["sector"] in ("INS", "REB")
