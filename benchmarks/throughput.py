"""Throughput of the engine beside the spaCy parse alone, on the same text.

Usage: python benchmarks/throughput.py [--runs 5] [--copies 12] [--json OUT.json]

Modes: ``spacy`` (the parse alone), ``engine`` (every stage) and ``core`` (the engine
without the speech and agreements stages), so the cost of quotes, stances and agreements
is the difference between the last two.

The corpus is the project's own example articles (``examples/``), each repeated
``--copies`` times as separate documents, so the figures are reproducible from the
repository alone. Each run of each mode executes in a fresh process so that its peak
resident memory (ru_maxrss) belongs to that mode alone; model loading is excluded from the
timings and reported separately. The table shows the median of the runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODES = ("spacy", "engine", "core")


def corpus(copies: int) -> list[str]:
    texts = [(ROOT / "examples" / "thailand_cambodia_ceasefire.txt").read_text(encoding="utf-8")]
    for line in (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return [text for _ in range(copies) for text in texts]


def run_once(mode: str, copies: int) -> dict[str, float]:
    """One measurement, in this process (called in a child process by ``main``)."""
    from thucydides import Pipeline, read_text_document
    from thucydides.nlp import load_model, parse
    from thucydides.pipeline import ActorStage, Engine, EventStage, TimeStage

    texts = corpus(copies)
    documents = [read_text_document(t, doc_id=f"bench-{n}") for n, t in enumerate(texts)]
    started = time.perf_counter()
    # The spaCy mode loads the model alone, so that its peak memory is the parse's own.
    nlp = load_model() if mode == "spacy" else None
    pipeline = None
    if mode == "engine":
        pipeline = Pipeline()
    elif mode == "core":
        engine = Engine()
        pipeline = Pipeline(stages=(ActorStage(engine), TimeStage(), EventStage(engine)),
                            engine=engine)  # fmt: skip
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    if nlp is not None:
        sentences = sum(len(list(doc.sents)) for doc in parse(nlp, texts, batch_size=16))
        events = 0
    else:
        assert pipeline is not None
        records = list(pipeline.pipe(documents, batch_size=16))
        sentences = sum(len(r.sentences) for r in records if not isinstance(r, Exception))
        events = sum(len(r.events) for r in records if not isinstance(r, Exception))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "documents": len(texts),
        "sentences": sentences,
        "events": events,
        "peak_rss_mb": peak_mb,
        "load_seconds": load_seconds,
    }


def measure(mode: str, copies: int, runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        output = subprocess.run(
            [sys.executable, __file__, "--child", mode, "--copies", str(copies)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results.append(json.loads(output))
    seconds = statistics.median(r["seconds"] for r in results)
    first = results[0]
    return {
        "mode": mode,
        "runs": runs,
        "documents": first["documents"],
        "sentences": first["sentences"],
        "events": first["events"],
        "median_seconds": round(seconds, 3),
        "sentences_per_s": round(first["sentences"] / seconds, 1),
        "documents_per_s": round(first["documents"] / seconds, 2),
        "peak_rss_mb": round(statistics.median(r["peak_rss_mb"] for r in results), 1),
        "load_seconds": round(statistics.median(r["load_seconds"] for r in results), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", choices=list(MODES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.child, args.copies)))
        return 0
    rows = [measure(mode, args.copies, args.runs) for mode in MODES]
    header = (
        f"{'mode':<8}{'docs':>6}{'sents':>7}{'median s':>10}{'sents/s':>9}"
        f"{'docs/s':>8}{'peak MB':>9}{'load s':>8}"
    )
    print(header)
    for row in rows:
        print(
            f"{row['mode']:<8}{row['documents']:>6}{row['sentences']:>7}"
            f"{row['median_seconds']:>10}{row['sentences_per_s']:>9}{row['documents_per_s']:>8}"
            f"{row['peak_rss_mb']:>9}{row['load_seconds']:>8}"
        )
    spacy, engine, core = rows
    ratio = engine["sentences_per_s"] / spacy["sentences_per_s"]
    speech_share = engine["median_seconds"] / core["median_seconds"] - 1
    print(
        f"engine throughput = {ratio:.0%} of the spaCy parse alone; "
        f"{engine['events']} events coded; speech and agreements add {speech_share:.0%} "
        "to the engine's time"
    )
    if args.json:
        summary = {"rows": rows, "ratio": ratio, "speech_share": speech_share}
        args.json.write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
