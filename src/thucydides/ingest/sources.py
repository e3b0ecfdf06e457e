"""Input sources: files, directories, JSON Lines and standard input.

:func:`read_inputs` resolves each input argument in order:

1. ``-`` reads standard input (JSON Lines if every non-blank line is a JSON object, HTML if
   it looks like markup, plain text otherwise);
2. a directory is walked in sorted order for ``.txt``, ``.html``/``.htm`` and
   ``.jsonl``/``.ndjson`` files;
3. a ``.jsonl``/``.ndjson`` file yields one document per non-blank line;
4. a ``.html``/``.htm`` file is reduced to its main text with trafilatura;
5. any other file is read as plain UTF-8 text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, Any

from thucydides.errors import InputError, Msg
from thucydides.ingest.html import extract_page
from thucydides.ingest.text import decode, make_document
from thucydides.model import Document
from thucydides.time.calendar import parse_iso_date

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
DIRECTORY_SUFFIXES = HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES - {""}

Outcome = Document | InputError


def read_inputs(
    inputs: Iterable[str],
    *,
    published: date | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Outcome]:
    """Yield a Document or an InputError for every document named by ``inputs``, in order.

    ``published`` is the publication date given on the command line; it overrides dates
    found in page metadata or JSON fields.
    """
    for name in inputs:
        if name == "-":
            raw = stdin.read() if stdin is not None else b""
            yield from _read_bytes("<stdin>", raw, published, sniff=True)
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in DIRECTORY_SUFFIXES:
                    yield from _read_path(child, published)
        else:
            yield from _read_path(path, published)


def _read_path(path: Path, published: date | None) -> Iterator[Outcome]:
    source = str(path)
    if not path.exists():
        yield InputError(source, Msg.E001)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(source, Msg.E010, detail=exc.strerror or exc)
        return
    suffix = path.suffix.lower()
    kind = "jsonl" if suffix in JSONL_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "text"
    yield from _read_bytes(source, raw, published, kind=kind, default_id=path.stem)


def _read_bytes(
    source: str,
    raw: bytes,
    published: date | None,
    *,
    kind: str = "text",
    sniff: bool = False,
    default_id: str | None = None,
) -> Iterator[Outcome]:
    try:
        content = decode(source, raw)
    except InputError as error:
        yield error
        return
    if sniff:
        kind = _sniff_kind(content)
    if kind == "jsonl":
        yield from _read_jsonl(source, content, published)
        return
    yield _guard(partial(_plain_or_html, source, content, kind, published, default_id), source)


def _plain_or_html(
    source: str, content: str, kind: str, published: date | None, default_id: str | None
) -> Document:
    if kind == "html":
        page = extract_page(source, content)
        return make_document(
            source,
            page.text,
            published=published or page.published,
            title=page.title,
            url=page.url,
            doc_id=default_id,
        )
    return make_document(source, content, published=published, doc_id=default_id)


def _read_jsonl(source: str, content: str, published: date | None) -> Iterator[Outcome]:
    for number, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            where = f"{source}:{number}"
            yield _guard(partial(_json_document, where, line, published), where)


def _json_document(source: str, line: str, published: date | None) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, Msg.E006, detail=exc.msg) from exc
    if not isinstance(record, dict):
        raise InputError(source, Msg.E006, detail="expected an object per line")
    doc_id = _optional_str(record.get("id"))
    url = _optional_str(record.get("url"))
    title = _optional_str(record.get("title"))
    given = _record_date(source, record)
    if isinstance(record.get("text"), str):
        text = record["text"]
    elif isinstance(record.get("html"), str):
        page = extract_page(source, record["html"], url=url)
        text, title, url = page.text, title or page.title, url or page.url
        given = given or page.published
    else:
        raise InputError(source, Msg.E007)
    return make_document(
        source, text, published=published or given, doc_id=doc_id, title=title, url=url
    )


def _record_date(source: str, record: dict[str, Any]) -> date | None:
    value = record.get("published", record.get("date"))
    if value in (None, ""):
        return None
    try:
        return parse_iso_date(str(value)[:10])
    except ValueError as exc:
        raise InputError(source, Msg.E008, value=value) from exc


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _sniff_kind(content: str) -> str:
    lines = [line for line in content.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith("{") for line in lines):
        return "jsonl"
    head = content.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"


def _guard(build: Callable[[], Document], source: str) -> Outcome:
    """Run one document's reader, turning its failure into an InputError value."""
    try:
        result: Document = build()
    except InputError as error:
        return error
    return result


def read_text_document(
    text: str, *, source: str = "<text>", published: date | None = None, doc_id: str | None = None
) -> Document:
    """A Document from a string of plain text (the library's convenience entry point)."""
    return make_document(source, text, published=published, doc_id=doc_id)
