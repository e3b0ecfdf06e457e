"""User dictionaries: the three formats, their precedence, and their effect on `code`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from thucydides import Config, Pipeline, read_text_document, record_json
from thucydides.actors.kb import load_knowledge_base
from thucydides.actors.userdict import load_user_dictionary
from thucydides.cli import app
from thucydides.errors import ConfigError

# No place: fighters of no named country would take the country of the place they fight in.
TEXT = "Zorya Brigade fighters attacked Russian positions on Monday."


def test_yaml_dictionary() -> None:
    user = load_user_dictionary(FIXTURES / "user_actors.yaml")
    aliases = {alias: entry for alias, entry in user.aliases}
    assert aliases["Andrabi"].actor.role == "Foreign Office spokesperson"
    assert aliases["Andrabi"].start == date(2025, 9, 1)
    assert aliases["Zorya Brigade"].actor.code == "UKRMIL"
    assert ("rangers", "MIL") in user.sector_nouns


def test_csv_dictionary() -> None:
    user = load_user_dictionary(FIXTURES / "user_actors.csv")
    assert [(a, e.actor.code) for a, e in user.aliases] == [("Zorya Brigade", "UKRMILZOR")]
    assert user.sector_nouns == (("frontiersmen", "MIL"),)


def test_petrarch_dictionaries_with_dates_prefixes_and_macros() -> None:
    actors = load_user_dictionary(FIXTURES / "petrarch_actors.txt")
    entries = {(a, e.actor.code, e.start, e.end) for a, e in actors.aliases}
    assert ("ZORYA_", "UKRMILZOR", None, None) not in entries  # exact names lose their "_"
    # PETRARCH's capitals are no acronyms: the names match in any capitalised form
    assert ("Zorya", "UKRMILZOR", None, None) in entries
    assert ("Gondor*", "GON", None, None) in entries  # no "_": a prefix
    assert ("Denethor*", "GONGOV", None, date(1990, 1, 1)) in entries
    assert ("Denethor*", "GONELI", date(1990, 1, 2), None) in entries
    agents = load_user_dictionary(FIXTURES / "petrarch_agents.txt")
    nouns = dict(agents.sector_nouns)
    assert nouns["RANGER"] == "MIL" and nouns["RANGERS"] == "MIL"
    assert nouns["WATCHMAN"] == "COP" and nouns["WATCHMEN"] == "COP"


def test_user_entries_override_built_in_ones() -> None:
    override = FIXTURES / "user_actors.yaml"
    kb = load_knowledge_base(user=[load_user_dictionary(override)])
    (entry,) = kb.lookup("Zorya Brigade")
    assert entry.actor.country == "UKR"
    assert kb.sector_of("rangers") == "MIL"


def test_a_prefix_entry_takes_over_the_words_it_covers(tmp_path: Path) -> None:
    # PETRARCH's "KUWAIT [KUW]" covers "Kuwait" and "Kuwaiti", which we code KWT.
    path = tmp_path / "actors.txt"
    path.write_text("KUWAIT [KUW]\n", encoding="utf-8")
    kb = load_knowledge_base(user=[load_user_dictionary(path)])
    assert not kb.lookup("Kuwaiti") and not kb.lookup("Kuwait")
    pipeline = Pipeline(Config(actor_files=(str(path),)))
    actor = pipeline.resolve_actor("the Kuwaiti government", None, date(2025, 1, 1))
    assert actor is not None and actor.code == "KUWGOV"


@pytest.mark.parametrize(
    "line", ["EUROPEAN_UNION [IGOEEU]", "EUROPEAN_UNION_ [IGOEEU]"], ids=["prefix", "exact"]
)
def test_a_user_name_takes_over_its_built_in_form_with_the_article(
    tmp_path: Path, line: str
) -> None:
    """The built-in base lists "the European Union" apart from "European Union": the longer
    match must not win over the user's entry for the name."""
    path = tmp_path / "actors.txt"
    path.write_text(line + "\n", encoding="utf-8")
    pipeline = Pipeline(Config(actor_files=(str(path),)))
    record = pipeline(read_text_document("The European Union condemned Russia on Monday."))
    (event,) = [e for e in record.events if e.type.cameo == "111"]
    assert event.actor is not None and event.actor.actor.code == "IGOEEU"


def test_prefix_alias_matches_inflected_words() -> None:
    pipeline = Pipeline(Config(actor_files=(str(FIXTURES / "petrarch_actors.txt"),)))
    record = record_json(
        pipeline(
            read_text_document(
                "Gondorian troops attacked the Dagorlad pass.", published=date(2025, 1, 1)
            )
        )
    )
    assert any(a["code"] == "GON" and a["text"] == "Gondorian" for a in record["actors"])


def test_broken_dictionary_is_a_clear_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [{aliases: [x]}]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml"):
        load_user_dictionary(bad)


@pytest.mark.parametrize("name", ["user_actors.yaml", "user_actors.csv", "petrarch_actors.txt"])
def test_a_user_dictionary_changes_the_coded_output(tmp_path: Path, name: str) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(app, ["code", str(article), "--date", "2025-06-02"])
    extended = runner.invoke(
        app, ["code", str(article), "--date", "2025-06-02", "--actors", str(FIXTURES / name)]
    )
    assert plain.exit_code == 0 and extended.exit_code == 0, extended.stderr

    def attackers(output: str) -> set[str | None]:
        events = json.loads(output)["events"]
        return {(e["actor"] or {}).get("country") for e in events if e["cameo"][:2] in ("18", "19")}

    assert "UKR" not in attackers(plain.stdout)
    assert "UKR" in attackers(extended.stdout)
