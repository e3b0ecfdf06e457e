"""The rows of the event pattern files: a schema, unique ids, and an example each row codes."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from thucydides import Pipeline, read_text_document
from thucydides.cameo import load_codebook
from thucydides.errors import ConfigError
from thucydides.events.lexicon import load_lexicon
from thucydides.resources import data_path, read_yaml_list

CODES = frozenset(load_codebook())
PATTERN_FILES = sorted(data_path("events").glob("patterns*.yaml"))


def _load(tmp_path: Path, *rows: str) -> None:
    (tmp_path / "patterns_test.yaml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    load_lexicon(CODES, tmp_path)


def test_a_valid_row_loads_and_names_its_rule(tmp_path: Path) -> None:
    _load(
        tmp_path, '- {id: 111.slam, code: "111", lemmas: [slam], example: "France slammed Mali."}'
    )
    lexicon = load_lexicon(CODES, tmp_path)
    (pattern,) = lexicon.verbs["slam"]
    assert pattern.rule == "patterns_test.yaml#111.slam"
    assert "condemn" not in lexicon.verbs  # only the folder's rows


@pytest.mark.parametrize(
    ("row", "named", "key"),
    [
        # a misspelt key is an error, not a silently ignored constraint
        (
            '{id: 161.recall-envoy, code: "161", lemmas: [recall], object: [envoy]}',
            "161.recall-envoy",
            "'object'",
        ),
        ("{id: 111.slam, lemmas: [slam]}", "111.slam", "'code'"),
        ('{id: 111.slam, code: "111"}', "111.slam", "'lemmas'"),
        ('{code: "111", lemmas: [slam]}', "row 2", "'id'"),
        ("{id: 111.slam, code: 111, lemmas: [slam]}", "111.slam", "'code'"),
        ('{id: 111.slam, code: "111", lemmas: slam}', "111.slam", "'lemmas'"),
        ('{id: 111.slam, code: "111", lemmas: []}', "111.slam", "'lemmas'"),
        ('{id: 111.slam, code: "111", lemmas: [slam], objects: envoy}', "111.slam", "'objects'"),
        ('{id: 111.slam, code: "111", lemmas: [slam], context: [1]}', "111.slam", "'context'"),
        ('{id: 111.slam, code: "111", lemmas: [slam], kind: adjective}', "111.slam", "'kind'"),
        ('{id: 111.slam, code: "111", lemmas: [slam], converse: "yes"}', "111.slam", "'converse'"),
        (
            '{id: 111.slam, code: "111", lemmas: [slam], state_code: 190}',
            "111.slam",
            "'state_code'",
        ),
        ('{id: 111.slam, code: "111", lemmas: [slam], example: [France]}', "111.slam", "'example'"),
        ('{id: Slam, code: "111", lemmas: [slam]}', "Slam", "'id'"),
        ('{id: 111.slam, code: "999", lemmas: [slam]}', "111.slam", "999"),
    ],
)
def test_a_bad_row_is_rejected_naming_the_row_and_the_key(
    tmp_path: Path, row: str, named: str, key: str
) -> None:
    good = '- {id: 111.condemn, code: "111", lemmas: [condemn]}'
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, good, "- " + row)
    message = str(raised.value)
    assert "patterns_test.yaml" in message and named in message and key in message, message


def test_a_duplicate_id_is_rejected(tmp_path: Path) -> None:
    row = '- {id: 111.condemn, code: "111", lemmas: [condemn]}'
    (tmp_path / "patterns_a.yaml").write_text(row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"111\.condemn.*already used in patterns_a\.yaml"):
        _load(tmp_path, row.replace("condemn]", "denounce]"))


def _rows() -> list[tuple[str, dict[str, object]]]:
    return [(path.name, row) for path in PATTERN_FILES for row in read_yaml_list(path)]


def test_every_row_has_an_id_unique_across_the_files() -> None:
    ids = Counter(str(row["id"]) for _, row in _rows())
    assert len(ids) > 500
    assert not [row_id for row_id, count in ids.items() if count > 1]


# Rows whose example no sentence can make the row's own: the test fails when one of them starts
# to code its example, so that it is taken off this list, which can only shrink.
UNDEMONSTRATED = {
    # 196.flout-ceasefire has the same verbs, and its context (a ceasefire word in the sentence)
    # holds wherever this row's objects do: the more specific row always wins
    "196.violate-ceasefire",
    # "held Iran responsible", "found him guilty": the adjective is parsed as an adverbial or
    # clausal complement, never as the object the row's `objects` are matched against
    "112.hold-responsible",
    "116.find-guilty",
    # "waged war" passes the noun "war" to its subject (a light verb: 190.operation), and
    # "went to war" matches the phrasal "go to war" of 190.bombard, listed first
    "190.go-war",
}


def _examples() -> list[tuple[str, str]]:
    return [(str(row["id"]), str(row.get("example", ""))) for _, row in _rows()]


def test_every_row_has_an_example() -> None:
    assert all(example.strip() for _, example in _examples())
    assert {row_id for row_id, _ in _examples()} >= UNDEMONSTRATED


@pytest.mark.parametrize(("row_id", "example"), _examples(), ids=[i for i, _ in _examples()])
def test_the_example_is_coded_by_its_row(pipeline: Pipeline, row_id: str, example: str) -> None:
    record = pipeline(read_text_document(example, published=date(2025, 3, 10)))
    rules = [event.rule or "" for event in record.events]
    coded = any(rule.endswith(f".yaml#{row_id}") for rule in rules)
    if row_id in UNDEMONSTRATED:
        assert not coded, f"{row_id} now codes its example: take it off UNDEMONSTRATED"
    else:
        assert coded, (example, rules)
