"""Actor resolution on short sentences: compositional phrases, metonyms, coreference."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import CodeText
from thucydides import record_json


def _actors(
    code_text: CodeText, text: str, published: date | None = date(2025, 8, 9)
) -> list[dict[str, Any]]:
    return list(record_json(code_text(text, published))["actors"])


def _event_actors(
    code_text: CodeText, text: str, published: date | None = date(2025, 8, 9)
) -> list[tuple[Any, Any]]:
    record = record_json(code_text(text, published))
    return [(e["actor"], e["recipient"]) for e in record["events"]]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Islamabad rejected the proposal.", "PAKGOV"),
        ("New Delhi rejected the proposal.", "INDGOV"),
        ("Washington rejected the proposal.", "USAGOV"),
        ("The Kremlin rejected the proposal.", "RUSGOV"),
        ("Indian troops attacked the village.", "INDMIL"),
        ("Pakistan's Foreign Office rejected the proposal.", "PAKGOV"),
        ("India's External Affairs Ministry rejected the proposal.", "INDGOV"),
        ("The Resistance Front attacked the convoy.", None),
    ],
)
def test_subject_phrases(code_text: CodeText, text: str, code: str | None) -> None:
    (actor, _), *_ = _event_actors(code_text, text)
    if code is None:
        assert actor["name"] == "The Resistance Front" and actor["country"] == "PAK"
        assert actor["sector"] in ("INS", "REB")
    else:
        assert actor["code"] == code


def test_person_with_title_and_date_restricted_office(code_text: CodeText) -> None:
    text = "Marco Rubio criticised Iran."
    ((actor, recipient),) = _event_actors(code_text, text, date(2025, 6, 1))
    assert (actor["code"], actor["name"], actor["role"]) == (
        "USAGOV",
        "Marco Rubio",
        "Secretary of State",
    )
    assert recipient["code"] == "IRN"
    # Before he took office, "Marco Rubio" is not the Secretary of State.
    ((before, _),) = _event_actors(code_text, text, date(2019, 6, 1))
    assert before["role"] != "Secretary of State"


def test_unknown_person_keeps_text_and_title_country(code_text: CodeText) -> None:
    text = "Pakistani army spokesman Rauf Qadir accused India of shelling."
    (actor, recipient), *_ = _event_actors(code_text, text)
    assert actor["name"] == "Rauf Qadir" and actor["country"] == "PAK"
    assert actor["sector"] == "MIL"
    assert recipient["code"] == "IND"


def test_pronoun_and_surname_coreference(code_text: CodeText) -> None:
    text = (
        "Foreign Office spokesperson Shafqat Ali Khan spoke in Islamabad on Friday. "
        "Khan said Pakistan welcomed mediation on Kashmir. He accused India of aggression."
    )
    pairs = _event_actors(code_text, text)
    accusers = [a for a, r in pairs if r and r["country"] == "IND"]
    assert accusers and accusers[0]["name"] == "Shafqat Ali Khan"
    assert accusers[0]["code"] == "PAKGOV"


def test_the_two_neighbours_are_the_bordering_pair(code_text: CodeText) -> None:
    text = (
        "The United States urged India and Pakistan to show restraint. "
        "The two neighbours held talks in Riyadh."
    )
    pairs = _event_actors(code_text, text)
    talks = {(a["country"], r["country"]) for a, r in pairs if a and r}
    assert ("IND", "PAK") in talks or ("PAK", "IND") in talks


def test_mentions_list_every_known_actor(code_text: CodeText) -> None:
    actors = _actors(code_text, "NATO and the United Nations met in Brussels with Hamas.")
    codes = {a["code"] for a in actors}
    assert {"USA"}.isdisjoint(codes)
    assert any(a["country"] == "IGO" and "NATO" in a["text"] for a in actors)
    assert any(a["text"].endswith("United Nations") and a["country"] == "IGO" for a in actors)
    assert any(a["name"] == "Hamas" for a in actors)


def test_pronoun_us_is_not_the_united_states(code_text: CodeText) -> None:
    actors = _actors(code_text, "They told us that the talks would resume.")
    assert all(a["country"] != "USA" for a in actors)


def test_the_us_as_subject_is_the_united_states(code_text: CodeText) -> None:
    # "US" lower-cased is the pronoun "us"; as a name it is the country.
    assert [(a["code"], r["code"]) for a, r in _event_actors(code_text, "The US met Russia.")] == [
        ("USA", "RUS")
    ]


def test_a_comma_list_parsed_as_apposition_is_coordination(code_text: CodeText) -> None:
    pairs = {
        (a["code"], r["code"])
        for a, r in _event_actors(code_text, "The US, Russia, and Switzerland met yesterday.")
    }
    assert {("USA", "RUS"), ("RUS", "CHE"), ("CHE", "USA")} <= pairs


def test_a_sea_named_after_a_country_is_not_the_country(code_text: CodeText) -> None:
    text = "Vietnam issued a statement on the South China Sea on Friday."
    assert all(a["country"] != "CHN" for a in _actors(code_text, text))


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("Latin American leaders met in Brasilia on Friday.", "USA"),
        ("Protesters blocked the Pan-American Highway in Panama on Monday.", "USA"),
        # "PAN" is Mexico's National Action Party only in capitals
        ("Pan-African lawmakers met in Midrand on Monday.", "MEX"),
    ],
)
def test_a_region_or_word_hiding_a_name_is_not_that_actor(
    code_text: CodeText, text: str, hidden: str
) -> None:
    assert all(a["country"] != hidden for a in _actors(code_text, text))


@pytest.fixture(scope="module")
def resolve(pipeline: Any) -> Any:
    def run(text: str) -> tuple[str | None, str | None]:
        actor = pipeline.resolve_actor(text, None, date(2025, 8, 9))
        return (actor.country, actor.sector) if actor else (None, None)

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Self-declared states: under the recognised country, sector PRE.
        ("Abkhazia", ("GEO", "PRE")),
        ("the Turkish Republic of Northern Cyprus", ("CYP", "PRE")),
        ("a breakaway state", (None, "PRE")),
        # Militias and paramilitaries: PRM.
        ("a Somalia-based paramilitary group", ("SOM", "PRM")),
        ("pro-government militias in Sudan", ("SDN", "PRM")),
        # A generic head takes the sector of the words around it.
        ("a foreign military intelligence agency", (None, "SPY")),
        ("the Lebanese president's office", ("LBN", "GOV")),
        ("the chairman of the company's board", (None, "BUS")),
        ("Muslim community leaders in France", ("FRA", "REL")),
        ("the leaders of Armenia", ("ARM", "GOV")),
        # Bare "Congo" is the DRC in news style.
        ("rebels in eastern Congo", ("COD", "REB")),
        # A presiding title speaks for the body it presides over.
        ("the speaker of the Lok Sabha", ("IND", "LEG")),
        # Another country's defence department is its government, like its ministry.
        ("Chile's Defense Department", ("CHL", "GOV")),
        ("Myanmar's ruling junta", ("MMR", "GOV")),
        # A thing at a place: the place's country, not the government of its capital.
        ("a market in Kabul", ("AFG", None)),
        ("Kabul", ("AFG", "GOV")),
    ],
)
def test_phrase_conventions(resolve: Any, text: str, expected: tuple[str, str]) -> None:
    assert resolve(text) == expected
