"""`--verbs FILE`: user verb dictionaries on the command line, and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thucydides.cli import app

runner = CliRunner()

# The built-in dictionaries code "snubbed" 160 (reduce relations); this one says 111.
SNUB = "--- SNUB [111] ---\nSNUB\n- * (AT +) [112]\n"
TEXT = "France snubbed Germany on Monday."
GOLD = [
    {"id": "v-1", "text": TEXT, "doc_date": "2025-06-02", "code": "111", "pair": ("FRA", "DEU")},
    {
        "id": "v-2",
        "text": "Germany snubbed France on Tuesday.",
        "doc_date": "2025-06-03",
        "code": "111",
        "pair": ("DEU", "FRA"),
    },
]


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _codes(output: str) -> list[str]:
    return [event["cameo"] for event in json.loads(output)["events"]]


def test_a_user_verb_dictionary_changes_the_code(tmp_path: Path) -> None:
    article = _file(tmp_path, "article.txt", TEXT)
    verbs = _file(tmp_path, "snub.txt", SNUB)
    plain = runner.invoke(app, ["code", str(article), "--date", "2025-06-02"])
    extended = runner.invoke(
        app, ["code", str(article), "--date", "2025-06-02", "--verbs", str(verbs)]
    )
    assert plain.exit_code == 0 and extended.exit_code == 0, extended.stderr
    assert "111" not in _codes(plain.stdout)
    assert _codes(extended.stdout) == ["111"]
    event = json.loads(extended.stdout)["events"][0]
    assert event["actor"]["country"] == "FRA"


def test_a_later_verb_dictionary_overrides_an_earlier_one(tmp_path: Path) -> None:
    article = _file(tmp_path, "article.txt", TEXT)
    first = _file(tmp_path, "snub.txt", SNUB)
    second = _file(tmp_path, "snub2.txt", SNUB.replace("[111]", "[112]", 1))
    args = ["code", str(article), "--date", "2025-06-02"]
    result = runner.invoke(app, [*args, "--verbs", str(first), "--verbs", str(second)])
    assert result.exit_code == 0, result.stderr
    assert _codes(result.stdout) == ["112"]


@pytest.mark.parametrize("command", ["code", "ingest", "recode", "evaluate"])
def test_a_malformed_verb_dictionary_is_a_one_line_usage_error(
    tmp_path: Path, command: str
) -> None:
    article = _file(tmp_path, "article.txt", TEXT)
    bad = _file(tmp_path, "bad_verbs.txt", "--- RUSH [150] ---\nRUSH\n- * (TO BORDER [154]\n")
    args = {
        "code": ["code", str(article)],
        "ingest": ["ingest", str(article), "--db", str(tmp_path / "store.sqlite")],
        "recode": ["recode", "--db", str(tmp_path / "store.sqlite")],
        "evaluate": ["evaluate", str(_gold(tmp_path))],
    }[command]
    result = runner.invoke(app, [*args, "--verbs", str(bad)])
    assert result.exit_code == 2
    assert "E022" in result.stderr and "bad_verbs.txt" in result.stderr
    assert "line 3" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_a_missing_verb_dictionary_is_a_one_line_usage_error(tmp_path: Path) -> None:
    article = _file(tmp_path, "article.txt", TEXT)
    missing = tmp_path / "no_such_verbs.txt"
    result = runner.invoke(app, ["code", str(article), "--verbs", str(missing)])
    assert result.exit_code == 2
    assert "E024" in result.stderr and "no_such_verbs.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _gold(tmp_path: Path) -> Path:
    """Two events in the PETRARCH gold format of tests/fixtures/events_own_gold.jsonl."""
    lines = [
        {
            "id": item["id"],
            "text": item["text"],
            "doc_date": item["doc_date"],
            "gold": {
                "events": [
                    {
                        "source": item["pair"][0],
                        "target": item["pair"][1],
                        "code": item["code"],
                        "factuality": "asserted",
                    }
                ],
                "noevents": False,
                "evaluate": True,
                "actor_level": "country",
            },
        }
        for item in GOLD
    ]
    return _file(tmp_path, "gold.jsonl", "".join(json.dumps(line) + "\n" for line in lines))


def test_evaluate_scores_with_the_user_verb_dictionary(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    verbs = _file(tmp_path, "snub.txt", SNUB)
    plain = runner.invoke(app, ["evaluate", str(gold), "--task", "events"])
    extended = runner.invoke(
        app, ["evaluate", str(gold), "--task", "events", "--verbs", str(verbs)]
    )
    assert plain.exit_code == 0 and extended.exit_code == 0, extended.stderr
    assert json.loads(plain.stdout)["engine"]["triple"]["tp"] == 0
    triple = json.loads(extended.stdout)["engine"]["triple"]
    assert triple["tp"] == 2 and triple["fp"] == 0
