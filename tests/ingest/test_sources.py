"""Reading inputs: every kind of source, and one clear error per broken document."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from thucydides.errors import InputError
from thucydides.ingest import read_inputs
from thucydides.ingest.text import trim_boilerplate
from thucydides.model import Document

ENGLISH = (
    "India and Pakistan agreed on Saturday to a ceasefire along the Line of Control, "
    "officials in both capitals said, after four days of fighting.\n\nMore text follows here."
)
FRENCH = (
    "Le gouvernement français a annoncé mardi une nouvelle série de mesures pour soutenir "
    "les agriculteurs touchés par la sécheresse, a indiqué le ministre dans un communiqué."
)
EMPTY_PAGE = (
    "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
)


def _one(inputs: list[str], **kwargs: object) -> Document | InputError:
    outcomes = list(read_inputs(inputs, **kwargs))  # type: ignore[arg-type]
    assert len(outcomes) == 1
    return outcomes[0]


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    doc = _one([str(path)], published=date(2025, 5, 10))
    assert isinstance(doc, Document)
    assert doc.id == "a" and doc.published == date(2025, 5, 10) and doc.text.startswith("India")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("missing.txt", None, "E001"),
        ("empty.txt", b"", "E002"),
        ("blank.txt", b"  \n\n \t\n", "E002"),
        ("binary.txt", bytes(range(256)) * 4, "E003"),
        ("latin1.txt", "Le président a déclaré à Paris".encode("latin-1"), "E003"),
        ("page.html", EMPTY_PAGE.encode(), "E004"),
        ("french.txt", FRENCH.encode(), "E005"),
    ],
)
def test_bad_inputs_give_one_clear_error(
    tmp_path: Path, name: str, content: bytes | None, code: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    error = _one([str(path)])
    assert isinstance(error, InputError)
    message = str(error)
    assert message.startswith(str(path) + ": ") and code in message
    assert "\n" not in message


def test_a_bad_document_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    outcomes = list(read_inputs([str(bad), str(tmp_path / "nope.txt"), str(good)]))
    kinds = [type(o).__name__ for o in outcomes]
    assert kinds == ["InputError", "InputError", "Document"]


def test_jsonl_keeps_ids_dates_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": ENGLISH, "published": "2025-05-10", "title": "T"}),
        "{not json",
        json.dumps({"id": "x3", "title": "no body"}),
        json.dumps({"id": "x4", "text": ENGLISH, "date": "10 May"}),
        json.dumps(
            {
                "id": "x5",
                "html": f"<html><body><article><p>{ENGLISH}</p>"
                f"<p>{ENGLISH}</p></article></body></html>",
            }
        ),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcomes = list(read_inputs([str(path)]))
    assert [type(o).__name__ for o in outcomes] == [
        "Document",
        "InputError",
        "InputError",
        "InputError",
        "Document",
    ]
    first = outcomes[0]
    assert isinstance(first, Document)
    assert (first.id, first.title, first.published) == ("x1", "T", date(2025, 5, 10))
    assert str(outcomes[1]).startswith(f"{path}:2: E006")
    assert str(outcomes[2]).startswith(f"{path}:3: E007")
    assert str(outcomes[3]).startswith(f"{path}:4: E008")
    assert isinstance(outcomes[4], Document) and outcomes[4].id == "x5"


def test_directory_is_read_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "notes.md"):
        (tmp_path / name).write_text(ENGLISH, encoding="utf-8")
    outcomes = list(read_inputs([str(tmp_path)]))
    assert [o.id for o in outcomes if isinstance(o, Document)] == ["a", "b"]


def test_stdin_text_and_jsonl() -> None:
    doc = _one(["-"], stdin=io.BytesIO(ENGLISH.encode()))
    assert isinstance(doc, Document) and doc.source == "<stdin>"
    lines = json.dumps({"id": "s1", "text": ENGLISH}) + "\n"
    doc = _one(["-"], stdin=io.BytesIO(lines.encode()))
    assert isinstance(doc, Document) and doc.id == "s1"


def test_stable_ids_without_an_id() -> None:
    first = _one(["-"], stdin=io.BytesIO(ENGLISH.encode()))
    second = _one(["-"], stdin=io.BytesIO(ENGLISH.encode()))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id and len(first.id) == 16


def test_comment_form_is_cut_from_plain_text() -> None:
    form = "Leave a Reply\n\nYour email address will not be published. Required fields are marked *"
    text = ENGLISH + "\n\n" + form
    assert trim_boilerplate(text) == ENGLISH


def test_share_this_inside_the_body_is_kept() -> None:
    body = "\n\n".join(["Share this"] + [f"Paragraph {n} of the story." for n in range(10)])
    assert trim_boilerplate(body) == body
