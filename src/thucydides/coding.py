"""Coding many documents in input order, in this process or elsewhere (see distributed).

:func:`code_in_order` cuts a stream of documents (and the input errors met while reading
them) into batches, hands the batches to a :class:`BatchCoder` and puts the results back
in input order, errors included. The batches are the same whichever coder runs them, so a
Dask cluster returns exactly what one process does.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Protocol, TypeVar

from thucydides.errors import InputError
from thucydides.model import Document, Record
from thucydides.nlp import MODEL_CASCADE
from thucydides.pipeline import Config, Pipeline
from thucydides.resources import data_path

BATCH = 16
Coded = Record | InputError
T = TypeVar("T")
# What does not decide what a document is coded into: storing, serving, exporting and
# evaluating records, the command line, running the coding elsewhere. Everything else in the
# package, code and data, counts towards the engine version, so a new package counts at once.
_NOT_CODING = frozenset(
    {"store", "web", "export", "evaluate", "cli.py", "cli_output.py", "distributed.py"}
    | {"coding.py", "__main__.py", "__pycache__"}
)


class BatchCoder(Protocol):
    def map(self, batches: Iterable[Sequence[Document]]) -> Iterator[list[Coded]]:
        """Code each batch, yielding one result per document, batches in order."""
        ...


class LocalCoder:
    """Codes in this process with one pipeline."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def map(self, batches: Iterable[Sequence[Document]]) -> Iterator[list[Coded]]:
        for batch in batches:
            yield list(self.pipeline.pipe(batch, batch_size=BATCH))


def code_in_order(
    coder: BatchCoder, outcomes: Iterable[Document | T], batch_size: int = BATCH
) -> Iterator[Record | InputError | T]:
    """Code the documents among ``outcomes``; anything else (an input error, a document
    marked as already stored) passes through. Everything comes out in input order."""
    iterator = iter(outcomes)
    chunks: deque[list[Document | T]] = deque()

    def document_batches() -> Iterator[list[Document]]:
        while chunk := list(islice(iterator, batch_size)):
            chunks.append(chunk)
            yield [o for o in chunk if isinstance(o, Document)]

    for coded in coder.map(document_batches()):
        results = iter(coded)
        for outcome in chunks.popleft():
            yield next(results) if isinstance(outcome, Document) else outcome


@cache
def engine_version(config: Config) -> str:
    """The package version and a digest of everything else that decides the output: the
    code and data of the coding stages, the spaCy model and version, the user actor and verb
    dictionaries. A store re-codes documents coded under another engine version
    (``thucydides recode``).
    """
    from thucydides import __version__

    digest = hashlib.sha256()
    for part in _file_parts(coding_sources() + [Path(name) for name in config.actor_files]):
        digest.update(part)
    if config.verb_files:  # marked apart: the same file read as actors or as verbs differs
        digest.update(b"\0verbs\0")
        for part in _file_parts([Path(name) for name in config.verb_files]):
            digest.update(part)
    model = config.model or next(
        (name for name in MODEL_CASCADE if importlib.util.find_spec(name)), "none"
    )
    digest.update(f"{model}={_distribution_version(model)}".encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _file_parts(files: list[Path]) -> Iterator[bytes]:
    """Each file's name and content, as the engine version digests them."""
    for path in files:
        yield path.name.encode()
        yield path.read_bytes() if path.is_file() else b""


def coding_sources() -> list[Path]:
    """The package's code and data files that shape a record, in a stable order."""
    package = Path(__file__).resolve().parent
    files = [
        path
        for path in sorted(package.rglob("*"))
        if path.is_file() and _NOT_CODING.isdisjoint(path.relative_to(package).parts)
    ]
    data = Path(str(data_path())).resolve()
    if not data.is_relative_to(package):  # data installed apart from the code
        files += sorted(p for p in data.rglob("*") if p.is_file())
    return files


def _distribution_version(name: str) -> str:
    try:
        return importlib.metadata.version(name.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
