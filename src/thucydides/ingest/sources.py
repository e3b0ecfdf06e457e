"""Input sources: files, directories, JSON Lines and standard input.

:func:`read_inputs` resolves each input argument in order:

1. ``-`` reads standard input (JSON Lines if its first line with text, or most of its
   lines, open a JSON object; HTML if it looks like markup; plain text otherwise);
2. a directory is walked in sorted order for ``.txt``, ``.html``/``.htm`` and
   ``.jsonl``/``.ndjson`` files; one that cannot be listed is reported;
3. a ``.jsonl``/``.ndjson`` file yields one document per non-blank line, read a line at a
   time;
4. a ``.html``/``.htm`` file is reduced to its main text with trafilatura;
5. any other file is read as plain UTF-8 text.

Only regular files are read, and no document may be longer than ``max_bytes``.
"""

from __future__ import annotations

import errno
import io
import itertools
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, Any, BinaryIO

from thucydides.errors import InputError, Msg, crash_detail, one_line
from thucydides.ingest.html import extract_page
from thucydides.ingest.text import decode, make_document
from thucydides.model import Document
from thucydides.time.calendar import parse_iso_date

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
DIRECTORY_SUFFIXES = HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES - {""}
# The largest document read, in bytes: a text or HTML file, a JSON line, standard input
# that is not JSON Lines. A JSON Lines file is read a line at a time, so it may be larger.
DEFAULT_MAX_BYTES = 10_000_000
# A line longer than the limit is skipped to its end in reads of this size.
_SKIP_CHUNK = 1 << 16
# The longest detail a reader's error message quotes.
_DETAIL_CHARS = 200
# Wrong types in a JSON record are named as JSON names them.
_JSON_TYPES = {dict: "object", list: "array", bool: "boolean", int: "number", float: "number"}

Outcome = Document | InputError


def read_inputs(
    inputs: Iterable[str],
    *,
    published: date | None = None,
    stdin: IO[bytes] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Outcome]:
    """Yield a Document or an InputError for every document named by ``inputs``, in order.

    ``published`` is the publication date given on the command line; it overrides dates
    found in page metadata or JSON fields. No read takes more than ``max_bytes`` for one
    document, and only regular files are opened: a FIFO or a device (``/dev/zero``) is an
    error, not a wait or an endless read.
    """
    for name in inputs:
        if name == "-":
            yield from _read_stdin(stdin or io.BytesIO(), published, max_bytes)
        elif Path(name).is_dir():
            for found in _walk(Path(name)):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield from _read_path(found, published, max_bytes)
        else:
            yield from _read_path(Path(name), published, max_bytes)


def _walk(directory: Path) -> Iterator[Path | InputError]:
    """The readable files under ``directory`` in sorted order (symbolic links to
    directories are not followed, so there are no cycles); a directory that cannot be
    listed is an error, not a silent gap in the batch."""
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(str(directory), Msg.E010, detail=exc.strerror or exc)
        return
    for entry in entries:
        path = directory / entry.name
        if _is_directory(entry):
            yield from _walk(path)
        elif path.suffix.lower() in DIRECTORY_SUFFIXES:
            yield path


def _is_directory(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _read_path(path: Path, published: date | None, max_bytes: int) -> Iterator[Outcome]:
    source = str(path)
    try:
        stream = _open_regular(path)
    except InputError as error:
        yield error
        return
    suffix = path.suffix.lower()
    with stream:
        if suffix in JSONL_SUFFIXES:
            try:
                yield from _read_jsonl(source, _lines(stream, max_bytes), published, max_bytes)
            except OSError as exc:  # the disk failed under a batch: the lines read stand
                yield InputError(source, Msg.E010, detail=exc.strerror or exc)
            return
        try:
            raw = _read_limited(source, stream, max_bytes)
        except InputError as error:
            yield error
            return
    kind = "html" if suffix in HTML_SUFFIXES else "text"
    yield _guard(partial(_plain_or_html, source, raw, kind, published, path.stem), source)


def _open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; anything else is refused before a read."""
    source = str(path)
    try:
        # Non-blocking: opening a FIFO would otherwise wait for a writer, forever.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(source, Msg.E001) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket
            raise InputError(source, Msg.E012) from None
        raise InputError(source, Msg.E010, detail=exc.strerror or exc) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise InputError(source, Msg.E012)
    return os.fdopen(descriptor, "rb")


def _read_limited(source: str, stream: IO[bytes], max_bytes: int, head: bytes = b"") -> bytes:
    """The rest of ``stream`` after ``head``, refused if the whole is over ``max_bytes``."""
    if len(head) > max_bytes:
        raise InputError(source, Msg.E013, limit=max_bytes)
    try:
        raw = head + stream.read(max_bytes + 1 - len(head))
    except OSError as exc:
        raise InputError(source, Msg.E010, detail=exc.strerror or exc) from None
    if len(raw) > max_bytes:
        raise InputError(source, Msg.E013, limit=max_bytes)
    return raw


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """The lines of ``stream``, each read whole only if it has at most ``max_bytes``;
    ``None`` stands for a longer line, skipped to its end."""
    while line := stream.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _read_stdin(stream: IO[bytes], published: date | None, max_bytes: int) -> Iterator[Outcome]:
    """Standard input: JSON Lines, read a line at a time, if its first line with text opens
    an object; otherwise one document of at most ``max_bytes``, sniffed as below."""
    source = "<stdin>"
    try:
        blank, first = _head(source, stream, max_bytes)
    except InputError as error:
        yield error  # an endless first line (``- < /dev/zero``) is not skipped: it has no end
        return
    if first.lstrip().startswith(b"{"):
        start = blank.count(b"\n") + 1
        everything = itertools.chain([first], _lines(stream, max_bytes))
        yield from _read_jsonl(source, everything, published, max_bytes, start)
        return
    try:
        content = decode(source, _read_limited(source, stream, max_bytes, blank + first))
    except InputError as error:
        yield error
        return
    kind = _sniff_kind(content)
    if kind == "jsonl":
        parts = (part.encode("utf-8") for part in content.split("\n"))
        yield from _read_jsonl(source, parts, published, max_bytes)
        return
    yield _guard(partial(_document, source, content, kind, published, None), source)


def _head(source: str, stream: IO[bytes], max_bytes: int) -> tuple[bytes, bytes]:
    """The blank lines that start ``stream`` and its first line with text, together at
    most ``max_bytes`` long."""
    blank = b""
    while line := stream.readline(max_bytes + 1 - len(blank)):
        if len(blank) + len(line) > max_bytes:
            raise InputError(source, Msg.E013, limit=max_bytes)
        if line.strip():
            return blank, line
        blank += line
    return blank, b""


def _plain_or_html(
    source: str, raw: bytes, kind: str, published: date | None, default_id: str | None
) -> Document:
    return _document(source, decode(source, raw), kind, published, default_id)


def _document(
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


def _read_jsonl(
    source: str,
    lines: Iterable[bytes | None],
    published: date | None,
    max_bytes: int,
    start: int = 1,
) -> Iterator[Outcome]:
    """One document per line with text, each line an error of its own if it is broken."""
    for number, line in enumerate(lines, start=start):
        where = f"{source}:{number}"
        if line is None:
            yield InputError(where, Msg.E013, limit=max_bytes)
        elif line.strip():
            yield _guard(partial(_json_document, where, line, published), where)


def _json_document(source: str, line: bytes, published: date | None) -> Document:
    record = _json_object(source, decode(source, line))
    doc_id = _string_field(source, record, "id", numbers=True)
    url = _string_field(source, record, "url")
    title = _string_field(source, record, "title")
    given = _record_date(source, record)
    text = _string_field(source, record, "text")
    html = _string_field(source, record, "html")
    if text is None and html is not None:
        page = extract_page(source, html, url=url)
        text, title, url = page.text, title or page.title, url or page.url
        given = given or page.published
    if text is None:
        raise InputError(source, Msg.E007)
    return make_document(
        source, text, published=published or given, doc_id=doc_id, title=title, url=url
    )


def _json_object(source: str, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except RecursionError:
        raise InputError(source, Msg.E006, detail="nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise InputError(source, Msg.E006, detail=exc.msg) from None
    except ValueError as exc:  # a number too long to convert, among others
        raise InputError(source, Msg.E006, detail=one_line(str(exc), _DETAIL_CHARS)) from None
    if not isinstance(record, dict):
        raise InputError(source, Msg.E006, detail="expected an object per line")
    return record


def _string_field(
    source: str, record: dict[str, Any], name: str, numbers: bool = False
) -> str | None:
    """A text field of a JSON record: a string or absent (an id may also be a number);
    anything else is refused, not turned into its Python form ("['a', 'b']")."""
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise InputError(source, Msg.E014, field=name, kind=_JSON_TYPES.get(type(value), "value"))


def _record_date(source: str, record: dict[str, Any]) -> date | None:
    name = "published" if "published" in record else "date"
    value = _string_field(source, record, name)
    if not value:
        return None
    try:
        return parse_iso_date(value[:10])
    except ValueError:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise InputError(source, Msg.E008, value=shown) from None


def _sniff_kind(content: str) -> str:
    """JSON Lines if a line is a record (an object with a text or an html field), or if a
    line opens an object and most lines are JSON: a stray ``[1, 2]`` or ``null`` line among
    records is a broken record, not a sign of prose."""
    lines = [line.strip() for line in content.splitlines() if line.strip()]
    objects = [line for line in lines if line.startswith("{")]
    if any(_is_record(line) for line in objects):
        return "jsonl"
    if objects and 2 * sum(_looks_like_json(line) for line in lines) >= len(lines):
        return "jsonl"
    head = content.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"


def _is_record(line: str) -> bool:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and ("text" in value or "html" in value)


def _looks_like_json(line: str) -> bool:
    if line.startswith(("{", "[", '"')):
        return True
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def _guard(build: Callable[[], Document], source: str) -> Outcome:
    """Run one document's reader, turning its failure into an InputError value: whatever
    one document does to a parser, the batch goes on."""
    try:
        result: Document = build()
    except InputError as error:
        return error
    except Exception as exc:  # one document's crash must not stop a batch
        return InputError(source, Msg.E011, detail=crash_detail(exc, _DETAIL_CHARS))
    return result


def read_text_document(
    text: str, *, source: str = "<text>", published: date | None = None, doc_id: str | None = None
) -> Document:
    """A Document from a string of plain text (the library's convenience entry point)."""
    return make_document(source, text, published=published, doc_id=doc_id)
