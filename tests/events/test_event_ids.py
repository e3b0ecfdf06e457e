"""Event ids are unique within a record and the same on every run."""

from __future__ import annotations

from collections import Counter

from tests.conftest import SEED, CodeText, need_shared

COORDINATED = (
    "India and Pakistan accused each other of violating the ceasefire on Sunday. "
    "Secretary of State Marco Rubio and Vice President JD Vance spoke with the leaders of "
    "India and Pakistan. Russia and Belarus condemned the sanctions imposed by the European "
    "Union and Britain."
)


def _ids(code_text: CodeText, text: str) -> list[str]:
    return [event.id for event in code_text(text).events]


def test_coordinated_actors_of_one_trigger_get_ids_of_their_own(code_text: CodeText) -> None:
    ids = _ids(code_text, COORDINATED)
    assert len(ids) >= 4
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert _ids(code_text, COORDINATED) == ids  # stable


def test_event_ids_of_the_seed_article_are_unique(code_text: CodeText) -> None:
    ids = _ids(code_text, need_shared(SEED).read_text(encoding="utf-8"))
    assert [i for i, n in Counter(ids).items() if n > 1] == []
