"""Every knowledge file in the package loads and is internally consistent."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pycountry
import pytest

from thucydides.actors.kb import normalise_alias
from thucydides.cameo import load_codebook
from thucydides.events.lexicon import load_lexicon
from thucydides.resources import data_path, read_tsv, read_yaml, read_yaml_list

SECTOR_CODES = {
    "GOV",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "OPP",
    "PTY",
    "REB",
    "INS",
    "SEP",
    "CVL",
    "BUS",
    "MED",
    "EDU",
    "HLH",
    "REF",
    "LAB",
    "NGO",
    "IGO",
    "CRM",
    "AGR",
    "ELI",
    "REL",
    "ENV",
    "SPY",
    "UAF",
    "PRE",
    "PRM",
}


def _rows(name: str) -> list[dict[str, Any]]:
    return list(read_yaml_list(data_path("actors", name)))


def _all_strings(values: Any) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) and v.strip() for v in values)


def test_countries_cover_every_un_member_and_observer() -> None:
    rows = _rows("countries.yaml")
    status = Counter(row["un"] for row in rows)
    assert status["member"] == 193
    assert sorted(row["iso3"] for row in rows if row["un"] == "observer") == ["PSE", "VAT"]
    codes = [row["iso3"] for row in rows]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code == "XKX" or pycountry.countries.get(alpha_3=code) is not None, code


def test_country_aliases_are_strings_and_unambiguous() -> None:
    owner: dict[str, str] = {}
    for row in _rows("countries.yaml"):
        for field in ("names", "adjectives", "capitals", "metonyms", "regions"):
            assert _all_strings(row.get(field, [])) or row.get(field) == [], (row["iso3"], field)
            for alias in row.get(field, []):
                key = normalise_alias(alias)
                assert owner.setdefault(key, row["iso3"]) == row["iso3"], (alias, owner[key])


def test_seed_metonyms_resolve() -> None:
    capitals = {
        alias: row["iso3"]
        for row in _rows("countries.yaml")
        for alias in row["capitals"] + row["metonyms"]
    }
    assert capitals["Islamabad"] == "PAK" and capitals["New Delhi"] == "IND"
    assert capitals["Washington"] == "USA" and capitals["the Kremlin"] == "RUS"


@pytest.mark.parametrize(
    "name", ["organisations.yaml", "armed_groups.yaml", "bodies.yaml", "parties.yaml"]
)
def test_organisations_groups_bodies_and_parties(name: str) -> None:
    rows = _rows(name)
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)), [c for c, n in Counter(codes).items() if n > 1]
    seen: dict[str, str] = {}
    for row in rows:
        assert _all_strings(row.get("aliases", [])), row["code"]
        assert row.get("parent") in (None, *codes), row["code"]
        assert row.get("sector") in SECTOR_CODES, row["code"]
        for alias in [row["name"], *row.get("aliases", [])]:
            key = normalise_alias(alias)
            assert seen.setdefault(key, row["code"]) == row["code"], alias


def test_people_have_valid_terms() -> None:
    rows = [
        row
        for path in sorted(data_path("actors").glob("people*.yaml"))
        for row in read_yaml_list(path)
    ]
    assert len(rows) >= 3000
    countries = {row["iso3"] for row in _rows("countries.yaml")}
    for row in rows:
        assert row["country"] in countries | {"IGO"}, row["name"]
        start, end = row.get("start"), row.get("end")
        start = date.fromisoformat(str(start)) if start else None
        end = date.fromisoformat(str(end)) if end else None
        assert start is None or end is None or start <= end, row["name"]
        assert row["sector"] in SECTOR_CODES, row["name"]
        assert _all_strings(row.get("aliases", [])), row["name"]


def test_heads_are_lower_case_word_lists() -> None:
    heads = read_yaml(data_path("actors", "heads.yaml"))
    for key in ("person_heads", "body_heads", "presiding_heads", "collective_heads"):
        assert _all_strings(heads[key]) and all(w == w.lower() for w in heads[key]), key


def test_sector_nouns_are_unique_and_known() -> None:
    seen: dict[str, str] = {}
    for row in _rows("sectors.yaml"):
        assert row["code"] in SECTOR_CODES
        assert _all_strings(row["nouns"]), row["code"]
        for noun in row["nouns"]:
            key = normalise_alias(noun)
            assert seen.setdefault(key, row["code"]) == row["code"], noun


def test_event_patterns_use_real_codes_and_string_lemmas() -> None:
    codes = frozenset(load_codebook())
    lexicon = load_lexicon(codes)  # raises on an unknown code
    assert lexicon.verbs and lexicon.nouns
    for rows in (lexicon.verbs, lexicon.nouns):
        for lemma, patterns in rows.items():
            assert isinstance(lemma, str) and lemma == lemma.lower()
            assert all(p.code in codes for p in patterns)
    assert set(lexicon.refusal_codes.values()) <= codes
    assert set(lexicon.instruments.values()) <= codes
    for nouns in (lexicon.patient_nouns, lexicon.proposal_nouns, lexicon.document_nouns):
        assert nouns and all(n == n.lower() and " " not in n for n in nouns)
    # every aid code refined by every kind is a code of the codebook
    for code in codes:
        refinement = lexicon.frames.of(code).refine
        for digit in lexicon.aid_kinds:
            if refinement == "aid_kind":
                assert code + digit in codes, (code, digit)
            elif refinement == "aid_kind_sibling":
                assert code[:-1] + digit in codes, (code, digit)
    for table in (lexicon.intent_codes, lexicon.threat_codes):
        assert set(table) | set(table.values()) <= codes | {c[:2] for c in codes}
    assert all(v.startswith("03") for v in lexicon.intent_codes.values())
    assert all(v.startswith("13") for v in lexicon.threat_codes.values())
    for table, root in ((lexicon.appeal_codes, "02"), (lexicon.demand_codes, "10")):
        assert set(table) | set(table.values()) <= codes | {c[:2] for c in codes}
        assert all(v.startswith(root) for v in table.values())
    for path in sorted(data_path("events").glob("patterns*.yaml")):
        for row in read_yaml_list(path):
            assert _all_strings(row["lemmas"]), (path.name, row)
            assert _all_strings(row.get("objects", [])), (path.name, row)
            assert _all_strings(row.get("context", [])), (path.name, row)


def test_every_three_digit_cameo_code_has_a_pattern() -> None:
    codes = frozenset(load_codebook())
    lexicon = load_lexicon(codes)
    covered = {
        p.code for rows in (lexicon.verbs, lexicon.nouns) for ps in rows.values() for p in ps
    }
    covered |= {
        p.state_code
        for rows in (lexicon.verbs, lexicon.nouns)
        for ps in rows.values()
        for p in ps
        if p.state_code
    }
    three_digit = {code for code in codes if len(code) == 3}
    assert three_digit <= {code[:3] for code in covered}
    assert not three_digit - covered, sorted(three_digit - covered)


def test_grammar_word_lists_are_strings() -> None:
    """YAML reads a bare no/yes/on as a boolean: every word list must hold strings only."""
    grammar = read_yaml(data_path("events", "grammar.yaml"))
    for key, value in grammar.items():
        if isinstance(value, list):
            assert _all_strings(value), key
    assert "no" in grammar["negation_words"]


def test_boilerplate_patterns_compile() -> None:
    import re

    rows = read_tsv(data_path("ingest", "boilerplate.tsv"))
    assert rows
    for row in rows:
        re.compile(row["pattern"])
        assert row["why"].strip()


def test_time_words() -> None:
    words = read_yaml(data_path("time", "words.yaml"))
    for key in ("present", "past", "future"):
        assert _all_strings(words[key]), key
    assert not set(words["present"]) & set(words["past"]) & set(words["future"])
    assert all(
        isinstance(k, str)
        for key in ("numbers", "sets", "relative_days", "seasons", "quarters")
        for k in words[key]
    )
    assert set(words["seasons"].values()) == {"SP", "SU", "FA", "WI"}
    assert set(words["quarters"].values()) == {1, 2, 3, 4}


def test_waters_are_names_of_no_state() -> None:
    rows = _rows("waters.yaml")
    assert rows
    names = [row["name"] for row in rows]
    assert _all_strings(names) and len(set(names)) == len(names)
    for row in rows:
        assert set(row) <= {"name", "aliases"}, row
        assert _all_strings(row.get("aliases", ["x"])), row
