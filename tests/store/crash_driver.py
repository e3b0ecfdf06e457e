"""A process to kill: runs ``ingest``, ``recode --all`` or ``merge`` on a store through the
library, with a coder that hands out records coded beforehand instead of loading spaCy, so
that a kill test can afford many trials.

    python -m tests.store.crash_driver ingest|recode|merge|rebuild STORE RECORDS.pickle DELAY

It writes ``ready`` on standard output once imported, then works; ``DELAY`` seconds pass per
document coded, spreading the run so a kill can land anywhere in it.
"""

from __future__ import annotations

import pickle
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from thucydides.coding import Coded
from thucydides.model import Document, Record
from thucydides.store import Store
from thucydides.store.ingest import ingest, recode

VERSION = "crash-test"


class RecordedCoder:
    """Codes a document into the record coded for its id beforehand."""

    def __init__(self, records: Iterable[Record], delay: float) -> None:
        self.records = {r.document.id: r for r in records}
        self.delay = delay

    def map(self, batches: Iterable[Sequence[Document]]) -> Iterator[list[Coded]]:
        for batch in batches:
            coded: list[Coded] = []
            for document in batch:
                time.sleep(self.delay)
                coded.append(self.records[document.id])
            yield coded


def run(command: str, db: Path, records: list[Record], delay: float = 0.0) -> None:
    coder = RecordedCoder(records, delay)
    with Store(db) as store:
        if command == "ingest":
            documents = [r.document for r in records]
            for _ in ingest(store, coder, documents, VERSION):
                pass
            store.merge()
        elif command == "recode":
            for _ in recode(store, coder, VERSION, everything=True):
                pass
            store.merge()
        else:
            store.merge(rebuild=command == "rebuild")


def main(argv: list[str]) -> None:
    command, db, pickled, delay = argv
    records = pickle.loads(Path(pickled).read_bytes())
    print("ready", flush=True)
    run(command, Path(db), records, float(delay))


if __name__ == "__main__":
    main(sys.argv[1:])
