"""Named word sets (sets.yaml): listed once, referenced as ``$name`` from patterns and grammar."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thucydides.cameo import load_codebook
from thucydides.errors import ConfigError
from thucydides.events.lexicon import Lexicon, load_lexicon, read_word_sets
from thucydides.resources import data_path, read_yaml, read_yaml_list

CODES = frozenset(load_codebook())
SETS_FILE = data_path("events", "sets.yaml")


def _references() -> list[str]:
    """Every ``$name`` written in the pattern rows and in grammar.yaml's word lists."""
    items: list[object] = []
    for path in sorted(data_path("events").glob("patterns*.yaml")):
        for row in read_yaml_list(path):
            for key in ("lemmas", "objects", "context"):
                items.extend(row.get(key, []))
    for value in read_yaml(data_path("events", "grammar.yaml")).values():
        lists = value.values() if isinstance(value, dict) else [value]
        items.extend(item for words in lists if isinstance(words, list) for item in words)
    return [item[1:] for item in items if isinstance(item, str) and item.startswith("$")]


def test_the_sets_are_lower_case_word_lists_each_word_once() -> None:
    raw = read_yaml(SETS_FILE)
    assert isinstance(raw, dict) and raw
    for name, words in raw.items():
        assert re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", name), name
        assert isinstance(words, list) and words, name
        assert all(isinstance(w, str) and w.strip() and w == w.lower() for w in words), name
        assert len(set(words)) == len(words), (name, words)
    assert read_word_sets(SETS_FILE).keys() == raw.keys()


def test_every_set_is_used_and_every_reference_is_a_set() -> None:
    sets = read_word_sets(SETS_FILE)
    used = set(_references())
    assert not set(sets) - used, sorted(set(sets) - used)
    assert not used - set(sets), sorted(used - set(sets))


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("talks: []\n", "talks"),
        ("talks: [talks, Talk]\n", "'Talk'"),
        ("talks: [talks, talk, talks]\n", "'talks'"),
        ("Talks: [talks]\n", "'Talks'"),
        ("talks: talks\n", "talks"),
        ("talks: [$ceasefire]\n", "'$ceasefire'"),
    ],
)
def test_a_bad_set_is_rejected(tmp_path: Path, text: str, named: str) -> None:
    path = tmp_path / "sets.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        read_word_sets(path)
    assert "sets.yaml" in str(raised.value) and named in str(raised.value), raised.value


def _lexicon(folder: Path, row: str) -> Lexicon:
    folder.mkdir()
    (folder / "patterns_test.yaml").write_text(row + "\n", encoding="utf-8")
    return load_lexicon(CODES, folder)


def test_an_unknown_set_is_an_error_naming_the_file_the_row_and_the_set(tmp_path: Path) -> None:
    row = '- {id: 107.demand-truce, code: "107", lemmas: [demand], objects: [$ceasfire]}'
    with pytest.raises(ConfigError) as raised:
        _lexicon(tmp_path / "bad", row)
    message = str(raised.value)
    assert "patterns_test.yaml" in message and "107.demand-truce" in message, message
    assert "$ceasfire" in message and "$ceasefire" in message, message  # with a suggestion


def test_a_word_both_written_out_and_in_a_set_is_an_error(tmp_path: Path) -> None:
    row = '- {id: 107.demand-truce, code: "107", lemmas: [demand], objects: [$ceasefire, truce]}'
    with pytest.raises(ConfigError, match=r"107\.demand-truce.*'truce' is in objects twice"):
        _lexicon(tmp_path / "twice", row)


def test_a_row_using_sets_loads_to_the_patterns_of_the_row_written_out(tmp_path: Path) -> None:
    sets = read_word_sets(SETS_FILE)
    # verbs with particles ("insist on") and a noun row: every list a set can stand in
    by_set = (
        '- {id: 107.demand-truce, code: "107", lemmas: [$demand_verbs, call for], '
        "objects: [$ceasefire, cessation], context: [$talks]}\n"
        '- {id: 0871.truce, code: "0871", kind: noun, lemmas: [$ceasefire]}'
    )
    written = (
        f'- {{id: 107.demand-truce, code: "107", lemmas: [{", ".join(sets["demand_verbs"])}, '
        f"call for], objects: [cessation, {', '.join(reversed(sets['ceasefire']))}], "
        f"context: [{', '.join(sets['talks'])}]}}\n"
        f'- {{id: 0871.truce, code: "0871", kind: noun, lemmas: [{", ".join(sets["ceasefire"])}]}}'
    )
    assert "$" not in written
    left, right = _lexicon(tmp_path / "by_set", by_set), _lexicon(tmp_path / "written", written)
    assert left.verbs == right.verbs and left.nouns == right.nouns
    (pattern,) = left.verbs["insist"]
    assert pattern.particles == ("on",)
    assert pattern.objects == frozenset({*sets["ceasefire"], "cessation"})
    assert pattern.context == frozenset(sets["talks"])
    assert set(sets["ceasefire"]) <= set(left.nouns)


def test_grammar_lists_expand_their_sets() -> None:
    lexicon = load_lexicon(CODES)
    sets = read_word_sets(SETS_FILE)
    grammar = read_yaml(data_path("events", "grammar.yaml"))
    assert "$resignation" in grammar["protest_aims"]["1"]
    assert set(sets["resignation"]) <= lexicon.protest_aims["1"]
    assert not any(word.startswith("$") for word in lexicon.protest_aims["1"])
    assert set(sets["humanitarian_aid"]) <= lexicon.aid_kinds["3"]
