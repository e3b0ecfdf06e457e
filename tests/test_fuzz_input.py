"""Fuzzing the input side (issue #20): whatever the lines, pages or texts, no traceback, every
bad item reported with its error code and line, the good items coded, in order, in bounded
time. Derandomized, so that every run (and CI) tries the same examples.

Example counts (README): JSON Lines reading 300, JSON Lines coded 50, JSON Lines through the
command line 30, HTML pages 150, any text coded 100, long-text cutting 200, long-word
cutting 200, quotation scanner 300, quotation-mark counting 300.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import thucydides.cli
from tests.conftest import EXAMPLES
from thucydides import Pipeline
from thucydides.errors import InputError
from thucydides.ingest import read_inputs
from thucydides.model import Document, Record
from thucydides.nlp import QUOTE_MARKS, _MarkCount, segment, split_long, split_long_words
from thucydides.speech.quotes import _quoted_spans

ARTICLE = (EXAMPLES / "thailand_cambodia_ceasefire.txt").read_text(encoding="utf-8")
GOOD_TEXT = (
    "India and Pakistan agreed on Saturday to a ceasefire along the Line of Control, "
    "officials in both capitals said, after four days of fighting."
)
ERROR_LINE = re.compile(r"^(?P<source>.+?):(?P<line>\d+): (?P<code>E\d{3}) [^\n]+$")
# Seconds one item may take, reading or coding: generous for a shared two-core machine.
ITEM_SECONDS = 15.0


def fuzz(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,  # time is asserted per item below, model warm-up aside
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# ---- strategies ---------------------------------------------------------------------------

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
FIELDS = ("id", "text", "html", "title", "url", "published", "date")
field_values = (
    json_values
    | st.sampled_from(["2025-05-10", "2025-13-45", "10 May", "", "0000-00-00", "2025-02-29"])
    | st.text(min_size=1, max_size=3_000)
)
records = st.dictionaries(st.sampled_from(FIELDS), field_values, max_size=5)


@st.composite
def deep(draw: st.DrawFn) -> str:
    depth = draw(st.integers(min_value=500, max_value=5_000))
    opening, closing = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
    return opening * depth + "1" + closing * depth


bad_lines = st.one_of(
    json_values.map(json.dumps),
    records.map(json.dumps),
    deep(),
    st.text(max_size=200).filter(lambda s: "\n" not in s and "\r" not in s),
    st.sampled_from(["{", '{"text": ', "[1, 2]", '"x"', "null", "9" * 5_000, "{}"]),
)


def good_line(n: int) -> str:
    return json.dumps({"id": f"good{n}", "text": GOOD_TEXT, "published": "2025-05-10"})


@st.composite
def jsonl_batches(draw: st.DrawFn, size: int = 6) -> list[str]:
    """A batch of lines, some known good ("good<n>"), the others anything."""
    lines = draw(st.lists(bad_lines, min_size=1, max_size=size))
    good = draw(st.lists(st.integers(0, len(lines)), min_size=1, max_size=3))
    for n, at in enumerate(sorted(good)):
        lines.insert(at + n, good_line(n))
    return lines


html_pages = st.recursive(
    st.text(max_size=40).map(lambda t: t.replace("<", " ")),
    lambda inner: st.builds(
        lambda tag, children: f"<{tag}>{''.join(children)}</{tag}>",
        st.sampled_from(["div", "p", "article", "span", "body", "html", "script", "b", "x-y"]),
        st.lists(inner, max_size=4),
    ),
    max_leaves=30,
) | st.text(alphabet="<>/=\"' abcdp!-", max_size=400)

texts = st.one_of(
    st.text(max_size=1_500),
    st.text(alphabet=st.characters(max_codepoint=0x3F), max_size=800),
    st.lists(st.sampled_from(ARTICLE.split()), max_size=300).map(" ".join),
    st.lists(
        st.sampled_from(["“", "”", '"', "said", "he", "\n", "Thailand", "."]), max_size=200
    ).map(" ".join),
)


# ---- helpers ------------------------------------------------------------------------------


@contextmanager
def jsonl_file(lines: list[str]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        yield path


def timed_outcomes(outcomes: Iterator[Any]) -> list[Any]:
    """Every outcome, each asserted to arrive within the time allowed for one item."""
    found = []
    started = time.perf_counter()
    for outcome in outcomes:
        assert time.perf_counter() - started < ITEM_SECONDS
        found.append(outcome)
        started = time.perf_counter()
    return found


def assert_reported(error: InputError, source: str, line: int) -> None:
    match = ERROR_LINE.match(str(error))
    assert match, str(error)
    assert (match["source"], int(match["line"])) == (source, line)


def check_batch(lines: list[str], path: Path, outcomes: list[Any]) -> None:
    """One outcome per line with text, in line order; the known-good lines are documents."""
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    assert len(outcomes) == len(numbered)
    for (number, line), outcome in zip(numbered, outcomes, strict=True):
        if line.startswith('{"id": "good'):
            assert isinstance(outcome, Document), outcome
            assert outcome.source == f"{path}:{number}"
        elif isinstance(outcome, InputError):
            assert_reported(outcome, str(path), number)
        else:
            assert isinstance(outcome, Document)
            assert isinstance(outcome.title, str | None) and isinstance(outcome.url, str | None)
            assert "[" not in (outcome.title or "")[:1] + (outcome.url or "")[:1]


# ---- reading ------------------------------------------------------------------------------


@fuzz(300)
@given(jsonl_batches())
def test_jsonl_lines_are_read_one_by_one(lines: list[str]) -> None:
    with jsonl_file(lines) as path:
        outcomes = timed_outcomes(read_inputs([str(path)]))
        check_batch(lines, path, outcomes)


@fuzz(150)
@given(html_pages)
def test_html_pages_never_crash(page: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(page, encoding="utf-8", errors="surrogatepass")
        (outcome,) = timed_outcomes(read_inputs([str(path)]))
    if isinstance(outcome, InputError):
        assert re.match(rf"^{re.escape(str(path))}: E0(0[2-5]|1[1578]) ", str(outcome)), outcome
    else:
        assert outcome.text.strip()


# ---- coding -------------------------------------------------------------------------------


@fuzz(50)
@given(lines=jsonl_batches(size=3))
def test_jsonl_batches_are_coded_in_order(pipeline: Pipeline, lines: list[str]) -> None:
    with jsonl_file(lines) as path:
        outcomes = list(read_inputs([str(path)]))
    documents = [o for o in outcomes if isinstance(o, Document)]
    results = timed_outcomes(pipeline.pipe(documents))
    assert len(results) == len(documents)
    for document, result in zip(documents, results, strict=True):
        assert isinstance(result, Record), result  # a crash in coding (E011) is a bug
        assert result.document.id == document.id


@fuzz(100)
@given(text=texts)
def test_any_text_is_coded_or_refused(pipeline: Pipeline, text: str) -> None:
    line = json.dumps({"id": "t", "text": text})
    with jsonl_file([good_line(0), line, good_line(1)]) as path:
        outcomes = list(read_inputs([str(path)]))
        results = timed_outcomes(pipeline.pipe(o for o in outcomes if isinstance(o, Document)))
    # Whatever reading let through is coded: a crash in coding (E011) is a bug.
    assert all(isinstance(r, Record) for r in results), results
    records = [r for r in results if isinstance(r, Record)]
    assert records[0].document.id == "good0" and records[-1].document.id == "good1"
    for record in records:
        for event in record.events:
            text_of = record.document.text[event.trigger.span.start : event.trigger.span.end]
            assert text_of == event.trigger.text


@fuzz(30)
@given(lines=jsonl_batches(size=3))
def test_jsonl_through_the_command_line(
    pipeline: Pipeline, monkeypatch_module: pytest.MonkeyPatch, lines: list[str]
) -> None:
    result = CliRunner().invoke(thucydides.cli.app, ["code", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code in (0, 1), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    errors = result.stderr.splitlines()
    assert all(ERROR_LINE.match(e.removeprefix("thucydides: ")) for e in errors), errors
    assert result.exit_code == (1 if errors else 0)
    ids = [json.loads(out)["doc"]["id"] for out in result.stdout.splitlines()]
    goods = [i for i in ids if i.startswith("good")]
    assert goods == sorted(goods, key=lambda i: int(i[4:]))
    assert len(goods) == sum(line.startswith('{"id": "good') for line in lines)


@pytest.fixture(scope="module")
def monkeypatch_module(pipeline: Pipeline) -> Iterator[pytest.MonkeyPatch]:
    """The command line builds its own pipeline; give it the session's (hypothesis runs the
    test many times, so a function-scoped monkeypatch will not do)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(thucydides.cli, "Pipeline", lambda config: pipeline)
    yield patch
    patch.undo()


# ---- the pieces -----------------------------------------------------------------------------


@fuzz(200)
@given(
    text=st.text(alphabet=st.sampled_from("ab .!?\n\t”)"), max_size=3_000),
    limit=st.integers(min_value=1, max_value=400),
)
def test_long_text_is_cut_into_bounded_pieces_that_join_back(text: str, limit: int) -> None:
    for pieces in (split_long(text, limit), segment(text, limit)):
        assert "".join(pieces) == text
        assert all(len(piece) <= limit for piece in pieces)


_QUOTED = re.compile(r"“(?P<curly>[^”\n]{2,})”|\"(?P<straight>[^\"\n]{2,})\"")


@fuzz(300)
@given(st.text(alphabet=st.sampled_from('ab “”"\n'), max_size=60))
def test_quotation_scanner_finds_what_the_pattern_finds(text: str) -> None:
    expected = [
        (m.start("curly"), m.end("curly"))
        if m.group("curly") is not None
        else (m.start("straight"), m.end("straight"))
        for m in _QUOTED.finditer(text)
    ]
    assert list(_quoted_spans(text)) == expected


@fuzz(200)
@given(
    text=st.text(alphabet=st.sampled_from("ab “\n"), max_size=2_000),
    limit=st.integers(min_value=1, max_value=300),
)
def test_long_words_are_cut_for_the_tokenizer(text: str, limit: int) -> None:
    pieces = split_long_words(text, limit)
    assert "".join(pieces) == text
    assert all(len(run) <= limit for piece in pieces for run in piece.split())


@fuzz(300)
@given(st.text(alphabet=st.sampled_from("'`\"“” a"), max_size=40), st.integers(0, 5))
def test_quotation_marks_are_counted_as_str_count_does(text: str, start: int) -> None:
    full = "x" * start + text
    marks = _MarkCount(text, start)
    for position in range(start, len(full) + 1):
        expected = sum(full[start:position].count(mark) for mark in QUOTE_MARKS)
        assert marks.before(position) == expected
