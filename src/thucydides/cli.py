"""The ``thucydides`` command line: a thin shell around the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import IO, Annotated

import typer

from thucydides import __version__
from thucydides.errors import ConfigError, InputError, Msg
from thucydides.ingest import read_inputs
from thucydides.model import Document
from thucydides.output import dumps
from thucydides.pipeline import Config, Pipeline
from thucydides.time.calendar import parse_iso_date

app = typer.Typer(
    name="thucydides",
    help="News in, structured geopolitical record out (CAMEO/PLOVER events, actors, time).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
BATCH = 16


def _version(value: bool) -> None:
    if value:
        typer.echo(f"thucydides {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """thucydides: code news articles into events, actors and dates."""


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        raise typer.BadParameter(Msg.E008.format(value=value)) from None


@app.command()
def code(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .html, .jsonl), directories, or - for standard input.",
            metavar="INPUT...",
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Publication date YYYY-MM-DD (overrides page metadata and JSON fields).",
            metavar="YYYY-MM-DD",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write JSON Lines here instead of standard output.",
            metavar="OUT.jsonl",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(help="spaCy pipeline to load (default: the best installed English one)."),
    ] = None,
    actors: Annotated[
        list[Path] | None,
        typer.Option(
            "--actors",
            help="Extra actor dictionary (YAML, CSV or PETRARCH format); repeatable. "
            "Its entries override the built-in ones.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Code each input document into one thucydides/1 JSON line, in input order.

    A document that cannot be read or coded is reported on standard error and skipped; the
    exit status is 1 if any document failed, 0 otherwise.
    """
    day = _parse_date(published)
    try:
        config = Config(model=model, actor_files=tuple(str(p) for p in actors or ()))
        pipeline = Pipeline(config)
    except ConfigError as exc:
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(2) from None
    stdin = sys.stdin.buffer if "-" in inputs else None
    outcomes = read_inputs(inputs, published=day, stdin=stdin)
    sink: IO[str] = output.open("w", encoding="utf-8") if output else sys.stdout
    failures = 0
    try:
        for result in _code_in_order(pipeline, outcomes):
            if isinstance(result, InputError):
                failures += 1
                typer.echo(f"thucydides: {result}", err=True)
            else:
                sink.write(result + "\n")
                sink.flush()
    finally:
        if output:
            sink.close()
    raise typer.Exit(1 if failures else 0)


def _code_in_order(
    pipeline: Pipeline, outcomes: Iterable[Document | InputError]
) -> Iterator[str | InputError]:
    """Parse documents in batches while keeping input order, errors included."""
    iterator = iter(outcomes)
    while chunk := list(islice(iterator, BATCH)):
        documents = [o for o in chunk if isinstance(o, Document)]
        coded = iter(pipeline.pipe(documents, batch_size=BATCH))
        for outcome in chunk:
            if isinstance(outcome, InputError):
                yield outcome
                continue
            record = next(coded)
            yield record if isinstance(record, InputError) else dumps(record)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSON Lines).", metavar="GOLD.jsonl")],
    task: Annotated[
        str, typer.Option(help="auto, actors (NGEC format) or timex (MEANTIME format).")
    ] = "auto",
    baseline: Annotated[
        bool, typer.Option(help="Also score the dateparser baseline (time expressions).")
    ] = True,
    actors: Annotated[
        list[Path] | None,
        typer.Option(
            "--actors", help="Extra actor dictionary, as for `code`; repeatable.", metavar="FILE"
        ),
    ] = None,
) -> None:
    """Score the engine on a gold file and print the figures as JSON.

    Actors: country and sector accuracy. Time expressions: span precision, recall and F1
    (strict and relaxed) and type and value accuracy, for the engine and for dateparser alone.
    Events: (source, target, CAMEO code) triple and CAMEO-root precision, recall and F1, per
    root, and a confusion table.
    """
    from thucydides.evaluate.run import evaluate_file

    try:
        config = Config(actor_files=tuple(str(p) for p in actors or ()))
        result = evaluate_file(gold, Pipeline(config), task, baseline)
    except ConfigError as exc:
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(result, indent=2))


def main() -> None:
    app()
