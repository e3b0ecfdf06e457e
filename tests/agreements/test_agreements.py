"""Agreements: named and described, parties, signing date and status changes."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.conftest import SEED, CodeText, need_shared
from thucydides import Pipeline, read_text_document, record_json


def _agreements(code_text: CodeText, text: str) -> dict[str, dict[str, Any]]:
    return {a["name"]: a for a in record_json(code_text(text, date(2025, 6, 1)))["agreements"]}


def _parties(agreement: dict[str, Any]) -> set[str]:
    return {p["country"] for p in agreement["parties"]}


def test_seed_agreements(pipeline: Pipeline) -> None:
    text = need_shared(SEED).read_text(encoding="utf-8")
    record = record_json(pipeline(read_text_document(text, published=date(2025, 8, 9))))
    agreements = {a["name"]: a for a in record["agreements"]}
    simla = agreements["Simla Agreement"]
    assert _parties(simla) == {"IND", "PAK"} and simla["signed"]["value"] == "1972"
    assert simla["status"] == "in_force"
    indus = agreements["Indus Waters Treaty"]
    assert _parties(indus) == {"IND", "PAK"} and indus["status"] == "suspended"
    assert indus["status_by"]["country"] == "IND"
    assert indus["status_date"]["value"] == "2025-04"


def test_withdrawal_ends_a_known_treaty(code_text: CodeText) -> None:
    text = "Russia withdrew from the New START treaty in February."
    (agreement,) = _agreements(code_text, text).values()
    assert agreement["status"] == "ended" and agreement["status_by"]["country"] == "RUS"


def test_described_ceasefire_with_its_parties(code_text: CodeText) -> None:
    text = "A ceasefire between Thailand and Cambodia was violated on Tuesday."
    (agreement,) = _agreements(code_text, text).values()
    assert _parties(agreement) == {"THA", "KHM"} and agreement["status"] == "violated"


def test_the_treaty_refers_back(code_text: CodeText) -> None:
    text = (
        "Officials discussed the Indus Waters Treaty on Monday. "
        "India said the treaty would remain suspended."
    )
    agreements = _agreements(code_text, text)
    assert list(agreements) == ["Indus Waters Treaty"]


def test_a_negated_change_is_no_change(code_text: CodeText) -> None:
    text = "Iran did not withdraw from the Nuclear Non-Proliferation Treaty."
    (agreement,) = _agreements(code_text, text).values()
    assert agreement["status"] != "ended"
