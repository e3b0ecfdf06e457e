"""Plain text into a Document: decoding, boilerplate trimming, language check, stable ids."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import cache

from thucydides.errors import InputError, Msg
from thucydides.model import Document
from thucydides.resources import data_path, read_tsv
from thucydides.time.dateline import find_dateline

# Below this many letters the language guess is noise; such short texts are assumed English.
_MIN_LETTERS_FOR_LANGUAGE_ID = 40
_SHORT_TEXT_LETTERS = 400
# Trailing furniture is searched for in this many last lines; shorter lines without
# sentence punctuation between furniture lines are taken as form labels.
_TAIL_LINES = 15
_FORM_LABEL_MAX = 40
# Control characters other than white space: a stray one is noise in an article, a text
# made of them is binary data that happens to be valid UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_MAX_CONTROL_SHARE = 0.01


@cache
def _boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    rows = read_tsv(data_path("ingest", "boilerplate.tsv"))
    return tuple(re.compile(row["pattern"], re.IGNORECASE) for row in rows)


def decode(source: str, raw: bytes) -> str:
    """Strict UTF-8 decoding (a BOM is dropped); binary data is refused, not guessed at."""
    if b"\x00" in raw:
        raise InputError(source, Msg.E003)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, Msg.E003) from exc


def trim_boilerplate(text: str) -> str:
    """Cut trailing page furniture (comment forms, share bars) from a plain-text article.

    The cut starts at the earliest furniture line among the last lines of the text after
    which only blank lines, more furniture or short form labels ("Name *", "Website")
    follow; furniture words inside the body ("Share this" in a story) are kept.
    """
    lines = text.rstrip().split("\n")
    patterns = _boilerplate_patterns()
    cut = len(lines)
    for index in range(len(lines) - 1, max(-1, len(lines) - 1 - _TAIL_LINES), -1):
        stripped = lines[index].strip()
        if not stripped:
            continue
        if any(p.fullmatch(stripped) for p in patterns):
            cut = index
        elif len(stripped) > _FORM_LABEL_MAX or stripped.endswith((".", "!", "?", '"', "”")):
            break
    return "\n".join(lines[:cut]).rstrip()


def _check_is_text(source: str, body: str) -> None:
    """Refuse what is not prose: mostly control characters, or not a single letter."""
    controls = len(_CONTROL.findall(body))
    if controls > _MAX_CONTROL_SHARE * len(body):
        raise InputError(source, Msg.E015, share=controls / len(body))
    if not any(ch.isalpha() for ch in body):
        raise InputError(source, Msg.E017)


def detect_language(text: str) -> str:
    letters = sum(ch.isalpha() for ch in text[:5000])
    if letters < _MIN_LETTERS_FOR_LANGUAGE_ID:
        return "en"
    import py3langid  # imported lazily: loading its model costs a second

    ranked = py3langid.rank(text[:5000])
    if letters < _SHORT_TEXT_LETTERS and "en" in (code for code, _ in ranked[:3]):
        # A short passage thick with names ("Kenyan President William Ruto hosted ...")
        # can score closer to an English-based creole than to English itself.
        return "en"
    return str(ranked[0][0])


def stable_id(url: str | None, text: str) -> str:
    """A stable document id: the hash of the URL when there is one, else of the text."""
    basis = url if url else text
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def make_document(
    source: str,
    text: str,
    *,
    published: date | None = None,
    doc_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    require_english: bool = True,
) -> Document:
    """Check and normalise one article's text; raise :class:`InputError` if it can't be coded."""
    body = trim_boilerplate(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not body.strip():
        raise InputError(source, Msg.E002)
    _check_is_text(source, body)
    language = detect_language(body)
    if require_english and language != "en":
        raise InputError(source, Msg.E005, language=language)
    return Document(
        id=doc_id or stable_id(url, body),
        text=body,
        source=source,
        published=published or find_dateline(body),
        title=title,
        url=url,
        language=language,
    )
