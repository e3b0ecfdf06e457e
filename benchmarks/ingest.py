"""Ingestion throughput and store size: N documents into a new SQLite store, then again.

Usage: python benchmarks/ingest.py [--documents 1000] [--dask local:2] [--keep DIR]

The documents are generated from the repository's own articles (``examples/`` and the
test corpus): each has its own id, date, paragraph order and closing line (see
``tests/corpus.py``). The first ingest codes, stores and merges them all; the second,
of the same source, must add nothing. Model loading is timed apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import synthetic_documents, write_jsonl  # noqa: E402

from thucydides.coding import BatchCoder, LocalCoder, engine_version  # noqa: E402
from thucydides.ingest import read_inputs  # noqa: E402
from thucydides.pipeline import Config, Pipeline  # noqa: E402
from thucydides.store import Store  # noqa: E402
from thucydides.store.ingest import Skipped, Stored, ingest  # noqa: E402


def run(source: Path, db: Path, coder: BatchCoder) -> dict[str, float]:
    started = time.perf_counter()
    with Store(db) as store:
        outcomes = list(ingest(store, coder, read_inputs([str(source)]), engine_version(Config())))
        store.merge()
        counts = store.reader.counts()
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - started
    stored = sum(isinstance(o, Stored) for o in outcomes)
    return {
        "seconds": round(seconds, 2),
        "stored": stored,
        "skipped": sum(isinstance(o, Skipped) for o in outcomes),
        "failed": len(outcomes) - stored - sum(isinstance(o, Skipped) for o in outcomes),
        "documents_per_s": round(len(outcomes) / seconds, 2),
        "store_documents": counts.documents,
        "store_events": counts.events,
        "store_merged_events": counts.merged_events,
        "store_sentences": counts.sentences,
        "store_mb": round(db.stat().st_size / 1e6, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--dask", default=None, help="scheduler address or local:N")
    parser.add_argument("--keep", type=Path, default=None, help="write the store here")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="thucydides-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = write_jsonl(synthetic_documents(args.documents), folder / "documents.jsonl")
    db = folder / "store.sqlite"
    started = time.perf_counter()
    coder: BatchCoder
    if args.dask:
        from thucydides.distributed import DaskCoder

        coder = DaskCoder(args.dask, Config())
    else:
        coder = LocalCoder(Pipeline())
    load = round(time.perf_counter() - started, 2)
    first = run(source, db, coder)
    second = run(source, db, coder)
    print(json.dumps({"load_seconds": load, "first": first, "second": second}, indent=2))
    return 0 if second["stored"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
