"""HTML pages: main text, title and publication date through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thucydides.errors import InputError, Msg, crash_detail
from thucydides.time.calendar import parse_iso_date

# A page whose main text is shorter than this is navigation or an error page, not an article.
MIN_ARTICLE_WORDS = 8


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    title: str | None
    published: date | None
    url: str | None


def extract_page(source: str, html: str, url: str | None = None) -> ExtractedPage:
    """Extract an article's main text and metadata.

    trafilatura drops navigation, footers and comment sections (``include_comments=False``);
    a page where it finds no body text is an error, not an empty document.
    """
    import trafilatura  # imported lazily: only HTML inputs need it

    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:
        # lxml and trafilatura refuse some pages outright (a tree nested too deep, broken
        # markup): one broken page is that page's error, not the batch's.
        raise InputError(source, Msg.E018, detail=crash_detail(exc, 200)) from None
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError(source, Msg.E004)
    published = _safe_date(getattr(extracted, "date", None))
    return ExtractedPage(
        text=_paragraphs(text),
        title=getattr(extracted, "title", None) or None,
        published=published,
        url=getattr(extracted, "url", None) or url,
    )


def _paragraphs(text: str) -> str:
    # trafilatura separates paragraphs by single newlines; the coder treats a blank line as
    # a hard sentence boundary, so make paragraphs explicit.
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _safe_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_iso_date(value[:10])
    except ValueError:
        return None
