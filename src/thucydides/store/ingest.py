"""Filling a store: read sources, code what is new, store each document atomically.

Ingestion is idempotent and resumable: a document whose id or text is already stored is
neither coded nor stored again, and a URL already stored is not even fetched, so running
an interrupted ingest again finishes it. Outcomes come back in input order, one per
document: :class:`Stored`, :class:`Skipped` or an :class:`~thucydides.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO

import httpx

from thucydides.coding import BatchCoder, code_in_order
from thucydides.errors import InputError
from thucydides.ingest import read_inputs
from thucydides.ingest.fetch import Fetcher, looks_like_url
from thucydides.model import Document, Record
from thucydides.store import Store, content_hash


@dataclass(frozen=True, slots=True)
class Stored:
    doc_id: str
    source: str
    events: int


@dataclass(frozen=True, slots=True)
class Skipped:
    """Already in the store (same id, same text or same URL): not coded again."""

    doc_id: str
    source: str


IngestOutcome = Stored | Skipped | InputError


def is_url(name: str) -> bool:
    """Whether a source is fetched: any ``scheme:`` name that is not a file (see
    :func:`~thucydides.ingest.fetch.looks_like_url`); the fetcher refuses all but http(s)."""
    return looks_like_url(name)


def site_of(url: str | None) -> str | None:
    """The site a document came from, which counts as one source however many articles."""
    if not url:
        return None
    try:
        host = httpx.URL(url).host.lower()
    except (httpx.InvalidURL, ValueError):  # a JSON record's url may be anything
        return None
    return host.removeprefix("www.") or None


def read_sources(
    sources: Iterable[str],
    fetcher: Fetcher,
    *,
    published: date | None = None,
    stdin: IO[bytes] | None = None,
    store: Store | None = None,
) -> Iterator[Document | InputError]:
    """Documents from files, directories, JSON Lines, ``-``, URLs and feeds, in order.

    With a ``store``, URLs it already holds are not fetched. The fetcher's ``max_bytes`` is
    the one size limit of a document, fetched or local.
    """
    known = store.writer.is_url_stored if store is not None else (lambda _url: False)
    limit = fetcher.settings.max_bytes
    for name in sources:
        if is_url(name):
            yield from fetcher.read(name, published, known)
        else:
            yield from read_inputs([name], published=published, stdin=stdin, max_bytes=limit)


def ingest(
    store: Store,
    coder: BatchCoder,
    outcomes: Iterable[Document | InputError],
    engine_version: str,
) -> Iterator[IngestOutcome]:
    """Code and store the documents not stored yet; one outcome per document, in order.

    Each document is stored and its events merged in one transaction; merging first also
    finishes, or repairs, what an earlier version or an interrupted run left unmerged."""
    store.merge()
    fresh = _unseen(store, outcomes)
    for result in code_in_order(coder, fresh):
        if isinstance(result, Record):
            yield store_record(store, result, engine_version)
        else:
            assert isinstance(result, Skipped | InputError)  # what _unseen passes on
            yield result


def to_recode(store: Store, engine_version: str, everything: bool = False) -> list[Document]:
    """The documents to re-code: those another engine version coded, and with
    ``everything`` all of them, unless an unfinished such run is left to resume."""
    if everything:
        store.writer.queue_recode()
    return store.writer.to_recode(engine_version)


def recode(
    store: Store,
    coder: BatchCoder,
    engine_version: str,
    everything: bool = False,
    documents: list[Document] | None = None,
) -> Iterator[Stored | InputError]:
    """Re-code stored documents (``documents``, by default :func:`to_recode`'s), each
    replaced and re-merged in one transaction: a killed run loses nothing and runs on."""
    if documents is None:
        documents = to_recode(store, engine_version, everything)
    for document, result in zip(documents, code_in_order(coder, documents), strict=True):
        if isinstance(result, Record):
            store.writer.replace(result, engine_version)
            yield Stored(document.id, document.source, len(result.events))
        else:
            store.writer.unqueue(document.id)
            yield result


def store_record(store: Store, record: Record, engine_version: str) -> Stored | Skipped:
    """Store one coded record unless its document is already stored."""
    document = record.document
    if store.writer.add(record, engine_version, site_of(document.url)):
        return Stored(document.id, document.source, len(record.events))
    return Skipped(document.id, document.source)


def _unseen(
    store: Store, outcomes: Iterable[Document | InputError]
) -> Iterator[Document | InputError | Skipped]:
    """Pass on the documents neither stored nor met earlier in this run; mark the others."""
    ids: set[str] = set()
    hashes: set[str] = set()
    for outcome in outcomes:
        if isinstance(outcome, Document):
            text_hash = content_hash(outcome.text)
            if (
                outcome.id in ids
                or text_hash in hashes
                or store.writer.is_stored(outcome.id, text_hash)
            ):
                yield Skipped(outcome.id, outcome.source)
                continue
            ids.add(outcome.id)
            hashes.add(text_hash)
        yield outcome
