"""The ``thucydides`` command line: a thin shell around the library."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from thucydides import __version__
from thucydides.cli_output import EVENT_TABLE_COLUMNS, OutputFormat, Report, render, write_record
from thucydides.coding import BatchCoder, LocalCoder, code_in_order, engine_version
from thucydides.errors import ConfigError, InputError, Msg, ThucydidesError
from thucydides.export import ExportFormat, export
from thucydides.ingest.fetch import Fetcher, FetchSettings
from thucydides.pipeline import Config, Pipeline
from thucydides.store import EventFilter, Store, StoreReader
from thucydides.store.ingest import ingest as run_ingest
from thucydides.store.ingest import is_url, read_sources, store_record, to_recode
from thucydides.store.ingest import recode as run_recode
from thucydides.store.reader import Period
from thucydides.time.calendar import parse_iso_date
from thucydides.web.cli import serve

app = typer.Typer(
    name="thucydides",
    help="News in, structured geopolitical record out (CAMEO/PLOVER events, actors, time).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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


ModelOption = Annotated[
    str | None,
    typer.Option(help="spaCy pipeline to load (default: the best installed English one)."),
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors",
        help="Extra actor dictionary (YAML, CSV or PETRARCH format); repeatable. "
        "Its entries override the built-in ones.",
        metavar="FILE",
    ),
]
VerbsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--verbs",
        help="Extra verb dictionary (PETRARCH-2 or UD-PETRARCH format); repeatable. "
        "Its patterns override the built-in ones, a later file's those of an earlier one.",
        metavar="FILE",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Publication date YYYY-MM-DD (overrides page metadata and JSON fields).",
        metavar="YYYY-MM-DD",
    ),
]
DaskOption = Annotated[
    str | None,
    typer.Option(
        "--dask",
        help="Code on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for "
        "N local worker processes. Needs the 'dask' extra.",
        metavar="ADDRESS",
    ),
]
ProgressOption = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Show a progress bar on standard error (default: when it is a terminal).",
    ),
]
DbOption = Annotated[Path, typer.Option("--db", help="The SQLite store.", metavar="STORE.sqlite")]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Allow URLs on private, loopback and link-local addresses (refused by default).",
    ),
]
TimeoutOption = Annotated[
    float, typer.Option(help="Seconds per HTTP request, for connecting, body and redirects.")
]
MaxBytesOption = Annotated[
    int,
    typer.Option(
        help="Largest document accepted, in bytes: a file, a JSON line, standard input or "
        "an HTTP response (after decompression)."
    ),
]
RetriesOption = Annotated[
    int, typer.Option(help="Retries (with exponential backoff) on 5xx and time-outs.")
]


@app.command()
def code(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .html, .jsonl), directories, - for standard input, article "
            "URLs and RSS/Atom feed URLs.",
            metavar="INPUT...",
        ),
    ],
    published: DateOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write JSON Lines here instead of standard output.",
            metavar="OUT.jsonl",
        ),
    ] = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Also store the records in this SQLite store (documents already there "
            "are not stored twice).",
            metavar="STORE.sqlite",
        ),
    ] = None,
    dask: DaskOption = None,
    progress: ProgressOption = None,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = 20.0,
    max_bytes: MaxBytesOption = 10_000_000,
    retries: RetriesOption = 3,
) -> None:
    """Code each input document into one thucydides/1 JSON line, in input order.

    A document that cannot be read or coded is reported on standard error and skipped; the
    exit status is 1 if any document failed, 0 otherwise.
    """
    day = _parse_date(published)
    config = _config(model, actors, verbs)
    stdin = sys.stdin.buffer if "-" in inputs else None
    sink = _open_output(output)
    # URLs and feeds are fetched as by ingest: the same Fetcher, guard and limits.
    fetcher = Fetcher(_fetch_settings(allow_private, timeout, max_bytes, retries))
    outcomes = read_sources(inputs, fetcher, published=day, stdin=stdin)
    countable = not any(is_url(name) for name in inputs)
    try:
        with (
            _shell_errors(),
            _coder(config, dask) as coder,
            _optional_store(db) as store,
            Report(progress, outcomes, countable=countable) as report,
        ):
            version = engine_version(config)
            for result in code_in_order(coder, report.listed):
                if isinstance(result, InputError):
                    report.fail(result)
                    continue
                write_record(sink, result)
                sink.flush()
                if store is not None:
                    store_record(store, result, version)
                report.advance()
            if store is not None:
                store.merge()
    finally:
        fetcher.close()
        if output:
            sink.close()
    raise typer.Exit(1 if report.failures else 0)


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories, JSON Lines, - for standard input, article URLs and "
            "RSS/Atom feed URLs.",
            metavar="SOURCE...",
        ),
    ],
    db: DbOption,
    published: DateOption = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    dask: DaskOption = None,
    progress: ProgressOption = None,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = 20.0,
    max_bytes: MaxBytesOption = 10_000_000,
    retries: RetriesOption = 3,
) -> None:
    """Code and store every new document of the sources; merge repeated reports of events.

    A document already in the store (same id, same text or same URL) is neither fetched,
    coded nor stored again, so an interrupted ingest can simply be run again. A summary goes
    to standard error; the exit status is 1 if any document failed.
    """
    day = _parse_date(published)
    config = _config(model, actors, verbs)
    stdin = sys.stdin.buffer if "-" in sources else None
    fetcher = Fetcher(_fetch_settings(allow_private, timeout, max_bytes, retries))
    try:
        with _shell_errors(), _coder(config, dask) as coder, Store(db) as store:
            documents = read_sources(sources, fetcher, published=day, stdin=stdin, store=store)
            countable = not any(is_url(s) for s in sources)
            with Report(progress, documents, countable=countable) as report:
                counts = Counter[str]()
                for outcome in run_ingest(store, coder, report.listed, engine_version(config)):
                    if isinstance(outcome, InputError):
                        report.fail(outcome)
                    else:
                        counts[type(outcome).__name__] += 1
                        report.advance()
            store.merge()
            _summary(report, counts["Stored"], counts["Skipped"], store)
    finally:
        fetcher.close()
    raise typer.Exit(1 if report.failures else 0)


@app.command()
def recode(
    db: DbOption,
    everything: Annotated[
        bool, typer.Option("--all", help="Re-code every document, not only outdated ones.")
    ] = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    dask: DaskOption = None,
    progress: ProgressOption = None,
) -> None:
    """Re-code the stored documents that an older engine version coded, then re-merge.

    The engine version is the package version and a digest of the coding code, its data
    files, the spaCy model and the actor and verb dictionaries: any change to them makes it
    differ.
    """
    config = _config(model, actors, verbs)
    with _shell_errors(), _coder(config, dask) as coder, Store(db) as store:
        version = engine_version(config)
        stale = to_recode(store, version, everything)  # a killed --all run resumes
        with Report[object](progress, total=len(stale)) as report:
            recoded = 0
            for outcome in run_recode(store, coder, version, documents=stale):
                if isinstance(outcome, InputError):
                    report.fail(outcome)
                    continue
                recoded += 1
                report.advance()
        store.merge()  # each document was re-merged with it; this finishes older stores
        _summary(report, recoded, 0, store, verb="re-coded")
    raise typer.Exit(1 if report.failures else 0)


@app.command()
def merge(
    db: DbOption,
    rebuild: Annotated[
        bool, typer.Option(help="Forget the merged events and merge every event again.")
    ] = False,
) -> None:
    """Merge repeated reports of one event (ingest does this after storing documents)."""
    with _shell_errors(), Store(db) as store:
        plan = store.merge(rebuild=rebuild)
        counts = store.reader.counts()
    typer.echo(
        f"thucydides: {plan.new_events} events merged into {len(plan.clusters)} merged "
        f"events; {counts.merged_events} merged events from {counts.events} events",
        err=True,
    )


query_app = typer.Typer(
    help="Ask a store: events, timelines, dyad trends, stances.", no_args_is_help=True
)
app.add_typer(query_app, name="query")
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="table (default), json or csv.", case_sensitive=False),
]
ActorFilter = Annotated[
    str | None,
    typer.Option(help="Actor: a code prefix (PAK, PAKGOV) or a country code.", metavar="CODE"),
]
RecipientFilter = Annotated[
    str | None, typer.Option(help="Recipient: a code prefix or a country code.", metavar="CODE")
]
CountryFilter = Annotated[
    str | None,
    typer.Option(help="Actor's, recipient's or place's country (ISO3).", metavar="ISO3"),
]
TypeFilter = Annotated[
    str | None, typer.Option("--type", help="PLOVER type (ASSAULT, AGREE ...).", metavar="TYPE")
]
CameoFilter = Annotated[
    str | None, typer.Option(help="CAMEO code prefix (19, 190, 0871).", metavar="CODE")
]
QuadFilter = Annotated[int | None, typer.Option(help="Quad class 1-4.", min=1, max=4, metavar="N")]
FactualityFilter = Annotated[
    str | None, typer.Option(help="asserted, negated or possible.", metavar="WHAT")
]
SinceFilter = Annotated[
    str | None, typer.Option(help="Events dated on or after (ISO date).", metavar="DATE")
]
UntilFilter = Annotated[
    str | None, typer.Option(help="Events dated on or before (ISO date).", metavar="DATE")
]
TextFilter = Annotated[
    str | None,
    typer.Option(help="Full-text search of the event's sentence (all words).", metavar="WORDS"),
]


@query_app.command("events")
def query_events(
    db: DbOption,
    actor: ActorFilter = None,
    recipient: RecipientFilter = None,
    country: CountryFilter = None,
    plover: TypeFilter = None,
    cameo: CameoFilter = None,
    quad: QuadFilter = None,
    factuality: FactualityFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    text: TextFilter = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    output_format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Coded events (every report) matching all the filters given."""
    where = EventFilter(
        actor, recipient, country, plover, cameo, quad, factuality, since, until, text, limit
    )
    columns = None if output_format is not OutputFormat.TABLE else EVENT_TABLE_COLUMNS
    _show(db, lambda reader: reader.events(where), output_format, columns)


@query_app.command("timeline")
def query_timeline(
    db: DbOption,
    dyad: Annotated[
        tuple[str, str] | None,
        typer.Option(help="Two actors (code prefix or country), both directions.", metavar="A B"),
    ] = None,
    topic: Annotated[
        str | None, typer.Option(help="Words that a report's sentence contains.", metavar="WORDS")
    ] = None,
    output_format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Merged events of a dyad or a topic in date order, with their source counts."""
    _show(db, lambda reader: reader.timeline(dyad, topic), output_format)


@query_app.command("dyad")
def query_dyad(
    db: DbOption,
    a: Annotated[str, typer.Argument(help="First actor: code prefix or country.")],
    b: Annotated[str, typer.Argument(help="Second actor: code prefix or country.")],
    by: Annotated[str, typer.Option(help="day, week or month.")] = "month",
    directed: Annotated[
        bool, typer.Option(help="Only events from A to B (default: both directions).")
    ] = False,
    output_format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Merged events between two actors per period: counts by quad class, Goldstein sum, mean."""
    if by not in ("day", "week", "month"):
        raise typer.BadParameter(Msg.E046.format(value=by))
    period: Period = by  # type: ignore[assignment]  # checked just above
    _show(db, lambda reader: reader.dyad(a, b, period, directed), output_format)


@query_app.command("stances")
def query_stances(
    db: DbOption,
    topic: Annotated[
        str | None, typer.Option(help="Words the topic contains (any case).", metavar="WORDS")
    ] = None,
    output_format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Stances on a topic: each actor's positions in date order, changes marked."""
    _show(db, lambda reader: reader.stances(topic), output_format)


def _show(
    db: Path,
    ask: Callable[[StoreReader], Sequence[Any]],
    output_format: OutputFormat,
    columns: Sequence[str] | None = None,
) -> None:
    """Run one query on the store and print its rows in the chosen format."""
    with _shell_errors(), Store(db) as store:
        rows = ask(store.reader)
    typer.echo(render(rows, output_format, columns), nl=False)


@app.command("export")
def export_store(
    db: DbOption,
    export_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.", metavar="FILE")],
    factuality: FactualityFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
) -> None:
    """Write the store's records (jsonl) or events (plover, cameo-tsv, csv, parquet).

    The filters apply to the event formats (`query events` selects more finely, with
    --format csv or json); jsonl writes every stored record as coded.
    """
    where = EventFilter(factuality=factuality, since=since, until=until)
    with _shell_errors(), Store(db) as store:
        count = export(store.reader, export_format, output, where)
    noun = "records" if export_format is ExportFormat.JSONL else "events"
    typer.echo(f"thucydides: {count} {noun} written to {output}", err=True)


def _config(model: str | None, actors: list[Path] | None, verbs: list[Path] | None) -> Config:
    return Config(
        model=model,
        actor_files=tuple(str(p) for p in actors or ()),
        verb_files=tuple(str(p) for p in verbs or ()),
    )


def _open_output(output: Path | None) -> IO[str]:
    """The -o file, or standard output; a path that cannot be written is a usage error
    (exit status 2), reported before any work, as ``sort -o`` and ``curl -o`` do."""
    if output is None:
        return sys.stdout
    try:
        return output.open("w", encoding="utf-8")
    except OSError as exc:
        typer.echo(f"thucydides: {Msg.E016.format(path=output, detail=exc.strerror)}", err=True)
        raise typer.Exit(2) from None


def _fetch_settings(
    allow_private: bool, timeout: float, max_bytes: int, retries: int
) -> FetchSettings:
    return FetchSettings(
        timeout=timeout, max_bytes=max_bytes, retries=retries, allow_private=allow_private
    )


@contextmanager
def _shell_errors() -> Iterator[None]:
    """The engine, the store or the cluster cannot work: one line and exit status 2."""
    try:
        yield
    except ThucydidesError as exc:
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(2) from None


@contextmanager
def _coder(config: Config, dask: str | None) -> Iterator[BatchCoder]:
    if dask is None:
        yield LocalCoder(Pipeline(config))
        return
    from thucydides.distributed import DaskCoder

    with DaskCoder(dask, config) as coder:
        yield coder


@contextmanager
def _optional_store(path: Path | None) -> Iterator[Store | None]:
    if path is None:
        yield None
        return
    with Store(path) as store:
        yield store


def _summary(
    report: Report[Any], stored: int, skipped: int, store: Store, verb: str = "stored"
) -> None:
    counts = store.reader.counts()
    typer.echo(
        f"thucydides: {stored} documents {verb}, {skipped} already stored, "
        f"{report.failures} failed in {report.seconds:.1f} s; the store holds "
        f"{counts.documents} documents, {counts.events} events, "
        f"{counts.merged_events} merged events",
        err=True,
    )


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSON Lines).", metavar="GOLD.jsonl")],
    task: Annotated[
        str,
        typer.Option(
            help="auto, actors (NGEC format), timex (MEANTIME format), events (PETRARCH "
            "format) or speech (quotes, stances, agreements)."
        ),
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
    verbs: Annotated[
        list[Path] | None,
        typer.Option(
            "--verbs", help="Extra verb dictionary, as for `code`; repeatable.", metavar="FILE"
        ),
    ] = None,
    dyadic: Annotated[
        bool,
        typer.Option(
            help="Events: score only predicted events with both a source and a target "
            "(PETRARCH's require_dyad, for its validation suite)."
        ),
    ] = False,
) -> None:
    """Score the engine on a gold file and print the figures as JSON.

    Actors: country and sector accuracy. Time expressions: span precision, recall and F1
    (strict and relaxed) and type and value accuracy, for the engine and for dateparser alone.
    Events: (source, target, CAMEO code) triple and CAMEO-root precision, recall and F1, per
    root, factuality, and a confusion table.
    """
    from thucydides.evaluate.run import evaluate_file

    try:
        config = _config(None, actors, verbs)
        result = evaluate_file(gold, Pipeline(config), task, baseline, dyadic)
    except ConfigError as exc:
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(result, indent=2))


app.command("serve")(serve)


def main() -> None:
    app()
