"""Issue #20, the input side: no bad input costs a batch, hangs, or exhausts memory.

Each test reproduces one failure a hostile run of the engine found (F2 ... F9 and the
unnumbered ones), on inputs kept small enough for a fast test suite.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from typer.testing import CliRunner

import thucydides.cli
import thucydides.pipeline
from tests.conftest import EXAMPLES
from thucydides import Pipeline
from thucydides.cli_output import write_record
from thucydides.errors import InputError
from thucydides.ingest import read_inputs
from thucydides.model import Document, Record
from thucydides.nlp import parse, segment
from thucydides.output import dumps
from thucydides.speech.quotes import find_quotes

ARTICLE = (EXAMPLES / "thailand_cambodia_ceasefire.txt").read_text(encoding="utf-8")
ENGLISH = (
    "India and Pakistan agreed on Saturday to a ceasefire along the Line of Control, "
    "officials in both capitals said, after four days of fighting."
)
WORDS = ARTICLE.replace(".", " ").replace(",", " ").split()
runner = CliRunner()


def unpunctuated(chars: int) -> str:
    """Words of a real article, with no sentence punctuation, ``chars`` long."""
    words = [w for w in WORDS if w.isalpha()]
    out: list[str] = []
    size = 0
    index = 0
    while size < chars:
        word = words[(index * 7) % len(words)]
        out.append(word)
        size += len(word) + 1
        index += 1
    return " ".join(out)[:chars]


def kinds(outcomes: list[Any]) -> list[str]:
    return [type(o).__name__ for o in outcomes]


@pytest.fixture
def shared_pipeline(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> Pipeline:
    """The CLI builds its pipeline from its options; give it the session's one instead."""
    monkeypatch.setattr(thucydides.cli, "Pipeline", lambda config: pipeline)
    return pipeline


class _Timeout(Exception):
    pass


@pytest.fixture
def alarm() -> Iterator[Callable[[int], None]]:
    """Fail a test that would hang (a FIFO with no writer) instead of hanging the suite."""

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise _Timeout("the read did not return: it would hang forever")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    yield lambda seconds: signal.alarm(seconds)
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# F2: a JSON line nested 3,000 deep raised RecursionError and lost the batch.
def test_f2_deeply_nested_json_line_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "good", "text": ENGLISH})
    deep = '{"text": ' + "[" * 3000 + "]" * 3000 + "}"
    path.write_text("\n".join([good, deep, "[" * 3000, good]) + "\n", encoding="utf-8")
    outcomes = list(read_inputs([str(path)]))
    assert kinds(outcomes) == ["Document", "InputError", "InputError", "Document"]
    assert str(outcomes[1]).startswith(f"{path}:2: E")
    assert str(outcomes[2]).startswith(f"{path}:3: E006")


# F3: one paragraph longer than the model's max_length raised spaCy's E088 and lost the
# batch. The model's limit is lowered here so that the test stays fast.
def test_f3_paragraph_longer_than_the_model_limit_is_split(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline.engine.nlp, "max_length", 2_000)
    long_paragraph = unpunctuated(7_000)
    documents = [
        Document(id="long", text=long_paragraph, source="long.txt", published=date(2025, 8, 9)),
        Document(id="good", text=ARTICLE, source="good.txt", published=date(2025, 7, 29)),
    ]
    results = list(pipeline.pipe(documents))
    assert kinds(results) == ["Record", "Record"]
    long_record = results[0]
    assert isinstance(long_record, Record)
    assert long_record.sentences[-1].span.end <= len(long_paragraph)


def test_f3_parse_keeps_every_character_and_offset(pipeline: Pipeline) -> None:
    nlp = pipeline.engine.nlp
    text = unpunctuated(3_000) + ". Next one.\n\n" + unpunctuated(2_500)
    doc = next(parse(nlp, [text], max_chars=700))
    assert doc.text == text
    assert all(len(s.text) <= 700 for s in doc.sents)


# F4: a 30 MB text was read whole and parsed as one document (RSS 3.3 GB, no output).
def test_f4_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ENGLISH * 100, encoding="utf-8")
    (error,) = read_inputs([str(path)], max_bytes=1_000)
    assert isinstance(error, InputError) and "E013" in str(error) and "1000" in str(error)
    (document,) = read_inputs([str(path)], max_bytes=1_000_000)
    assert isinstance(document, Document)


def test_f4_max_bytes_option(tmp_path: Path, shared_pipeline: Pipeline) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    refused = runner.invoke(thucydides.cli.app, ["code", str(path), "--max-bytes", "100"])
    assert refused.exit_code == 1 and "E013" in refused.stderr and "--max-bytes" in refused.stderr
    coded = runner.invoke(thucydides.cli.app, ["code", str(path), "--max-bytes", "100000"])
    assert coded.exit_code == 0, coded.stderr


def test_f4_jsonl_lines_are_read_one_at_a_time(tmp_path: Path) -> None:
    """A JSON Lines file is a batch: the size limit applies to each line, not the file."""
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": f"d{n}", "text": ENGLISH}) for n in range(20)]
    lines[3] = json.dumps({"id": "huge", "text": ENGLISH * 50})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcomes = list(read_inputs([str(path)], max_bytes=1_000))
    assert kinds(outcomes) == ["Document"] * 3 + ["InputError"] + ["Document"] * 16
    assert str(outcomes[3]).startswith(f"{path}:4: E013")


def test_f4_long_documents_reach_the_stages_in_bounded_segments(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory is bounded by coding a long text a segment at a time, not as one Doc."""
    monkeypatch.setattr(thucydides.pipeline, "SEGMENT_CHARS", 4_000)
    text = "\n\n".join([ARTICLE.strip()] * 6)
    seen: list[int] = []
    actors_stage = pipeline.stages[0]

    class Spy:
        name, requires, produces = actors_stage.name, actors_stage.requires, actors_stage.produces

        def __call__(self, analysis: Any) -> Any:
            seen.append(len(analysis.doc.text))
            return actors_stage(analysis)

    spied = Pipeline(stages=[Spy(), *pipeline.stages[1:]], engine=pipeline.engine)
    record = spied(Document(id="long", text=text, source="long.txt", published=date(2025, 7, 29)))
    assert seen and max(seen) <= 4_000
    expected: list[tuple[str, int, str]] = []
    offset = 0
    for piece in segment(text, 4_000):  # each segment coded alone, then placed in the whole
        alone = pipeline(Document(id="p", text=piece, source="p", published=date(2025, 7, 29)))
        expected += [(e.type.cameo, e.span.start + offset, e.trigger.text) for e in alone.events]
        offset += len(piece)
    assert [(e.type.cameo, e.span.start, e.trigger.text) for e in record.events] == expected
    assert len(expected) > 6 * 10
    for event in record.events:  # offsets point into the whole text
        assert text[event.trigger.span.start : event.trigger.span.end] == event.trigger.text
    assert [s.index for s in record.sentences] == list(range(len(record.sentences)))
    assert len({e.id for e in record.events}) == len(record.events)


# F5: a FIFO named on the command line blocked forever.
def test_f5_fifo_is_refused_not_waited_on(tmp_path: Path, alarm: Callable[[int], None]) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    alarm(5)
    outcomes = list(read_inputs([str(fifo), str(good)]))
    assert kinds(outcomes) == ["InputError", "Document"]
    assert str(outcomes[0]).startswith(f"{fifo}: E012")


def _limited_memory() -> None:
    limit = 1_500_000_000
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


# F6: /dev/zero was read until MemoryError. Run in a child with an address-space limit,
# so that the unfixed behaviour cannot take the machine's memory.
def test_f6_device_is_refused() -> None:
    script = "from thucydides.ingest import read_inputs; print(*read_inputs(['/dev/zero']))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limited_memory,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert "/dev/zero: E012" in done.stdout


class _EndlessZeros(io.RawIOBase):
    """Standard input that never ends (``thucydides code - < /dev/zero``)."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        view[:] = b"\x00" * len(view)
        return len(view)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("an unbounded read of an endless stream")
        return b"\x00" * size

    def readline(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("an unbounded read of an endless stream")
        return b"\x00" * size


def test_f6_endless_stdin_is_read_up_to_the_limit() -> None:
    outcomes = list(read_inputs(["-"], stdin=_EndlessZeros(), max_bytes=10_000))  # type: ignore[arg-type]
    assert len(outcomes) == 1 and "<stdin>: E013" in str(outcomes[0])


# F7: a directory that cannot be listed was skipped silently, exit status 0.
def test_f7_unreadable_directory_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_pipeline: Pipeline
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "b_locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        # Tests run as root, which chmod 000 does not stop: refuse as the kernel would.
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    outcomes = list(read_inputs([str(tmp_path)]))
    assert kinds(outcomes) == ["Document", "InputError", "Document"]
    assert str(outcomes[1]).startswith(f"{locked}: E010") and "Permission denied" in str(
        outcomes[1]
    )
    result = runner.invoke(thucydides.cli.app, ["code", str(tmp_path), "--date", "2025-07-29"])
    assert result.exit_code == 1
    assert f"{locked}: E010" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 2


# F8: one line that is not an object made a JSON Lines stream plain text, exit 0.
@pytest.mark.parametrize("bad", ["[1, 2]", '"x"', "3", "null"])
def test_f8_stdin_jsonl_with_a_non_object_line(bad: str) -> None:
    lines = [
        json.dumps({"id": "s1", "text": ENGLISH}),
        bad,
        json.dumps({"id": "s3", "text": ENGLISH}),
    ]
    stdin = io.BytesIO(("\n".join(lines) + "\n").encode())
    outcomes = list(read_inputs(["-"], stdin=stdin))
    assert kinds(outcomes) == ["Document", "InputError", "Document"]
    assert str(outcomes[1]).startswith("<stdin>:2: E006")
    assert [o.id for o in outcomes if isinstance(o, Document)] == ["s1", "s3"]


def test_f8_cli_exit_status(shared_pipeline: Pipeline) -> None:
    lines = [json.dumps({"id": "s1", "text": ARTICLE}), "[1, 2]"]
    result = runner.invoke(thucydides.cli.app, ["code", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    assert "<stdin>:2: E006" in result.stderr
    assert [json.loads(x)["doc"]["id"] for x in result.stdout.splitlines()] == ["s1"]


# F9: -o into a missing directory gave a traceback.
def test_f9_output_in_a_missing_directory(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "out.jsonl"
    result = runner.invoke(
        thucydides.cli.app, ["code", str(EXAMPLES / "articles.jsonl"), "-o", str(out)]
    )
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "E016" in result.stderr and str(out) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# A file of control characters was coded as English.
def test_control_characters_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 32)) * 40)
    (error,) = read_inputs([str(path)])
    assert isinstance(error, InputError) and str(error).startswith(f"{path}: E015")


def test_text_without_letters_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "digits.txt"
    path.write_text("12 34 -- 56 ... 78 %% 90\n" * 20, encoding="utf-8")
    (error,) = read_inputs([str(path)])
    assert isinstance(error, InputError) and str(error).startswith(f"{path}: E017")


# A list or dict title or url became a Python repr.
@pytest.mark.parametrize(
    ("field", "value"),
    [("title", ["a", "b"]), ("url", {"href": "x"}), ("id", [1]), ("text", ["x"]), ("date", [1])],
)
def test_non_string_fields_reject_the_line(tmp_path: Path, field: str, value: object) -> None:
    path = tmp_path / "batch.jsonl"
    record = {"id": "x", "text": ENGLISH, field: value}
    path.write_text(json.dumps(record) + "\n" + json.dumps({"text": ENGLISH}) + "\n")
    outcomes = list(read_inputs([str(path)]))
    assert kinds(outcomes) == ["InputError", "Document"]
    kind = "array" if isinstance(value, list) else "object"
    assert str(outcomes[0]) == f"{path}:1: E014 field {field!r} must be a string, not {kind}"


# 200,000 characters without punctuation took 97 s: quotations walked the whole text per
# candidate. Timed on CPU for two sizes: linear work grows 16 times, quadratic 256 times.
def test_quotations_are_linear_on_unpunctuated_text(pipeline: Pipeline) -> None:
    engine = pipeline.engine
    small, large = (next(parse(engine.nlp, [unpunctuated(n)])) for n in (4_000, 64_000))
    actors = {
        id(doc): thucydides.pipeline.ActorStage(engine)(
            thucydides.pipeline.Analysis(Document("d", doc.text, "d"), doc)
        ).actors
        for doc in (small, large)
    }

    def cost(doc: Any) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            find_quotes(doc, actors[id(doc)], engine.lexicon.reporting_verbs)  # type: ignore[arg-type]
            best = min(best, time.process_time() - started)
        return best

    assert cost(large) < 40 * cost(small) + 0.05


# One crash inside the batched parse (nlp.pipe) ended the generator and lost the batch.
def test_a_parser_crash_costs_only_its_document(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    nlp = pipeline.engine.nlp
    real_pipe = nlp.pipe

    def pipe(texts: Any, **kwargs: Any) -> Any:
        for doc in real_pipe(texts, **kwargs):
            if "EXPLODE" in doc.text:
                raise RuntimeError("boom")
            yield doc

    monkeypatch.setattr(nlp, "pipe", pipe)
    texts = [ARTICLE, "The EXPLODE paragraph.\n\n" + ENGLISH, ENGLISH, ARTICLE]
    documents = [Document(id=f"d{n}", text=t, source=f"d{n}.txt") for n, t in enumerate(texts)]
    results = list(pipeline.pipe(documents))
    assert kinds(results) == ["Record", "InputError", "Record", "Record"]
    assert str(results[1]).startswith("d1.txt: E011") and "boom" in str(results[1])


def test_a_stage_crash_costs_only_its_document(pipeline: Pipeline) -> None:
    class Crash:
        name, requires, produces = "crash", ("doc",), ()

        def __call__(self, analysis: Any) -> Any:
            if "EXPLODE" in analysis.doc.text:
                raise RecursionError("maximum recursion depth exceeded")
            return analysis

    crashing = Pipeline(stages=[*pipeline.stages, Crash()], engine=pipeline.engine)
    texts = [ENGLISH, "EXPLODE " + ENGLISH, ENGLISH]
    documents = [Document(id=f"d{n}", text=t, source=f"d{n}.txt") for n, t in enumerate(texts)]
    assert kinds(list(crashing.pipe(documents))) == ["Record", "InputError", "Record"]


# F4, the output side: the JSON of a 30 MB document's record, built whole, took gigabytes;
# it is written a finding at a time, byte for byte what dumps() makes.
def test_records_are_written_a_finding_at_a_time_with_the_same_bytes(pipeline: Pipeline) -> None:
    text = "\n\n".join([ARTICLE.strip()] * 3)
    for record in (
        pipeline(Document(id="a", text=ARTICLE, source="a", published=date(2025, 7, 29))),
        pipeline(Document(id="b", text=text, source="b")),
    ):
        sink = io.StringIO()
        write_record(sink, record)
        assert sink.getvalue() == dumps(record) + "\n"
