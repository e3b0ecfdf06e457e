"""Time and memory of coding very long texts: both must grow no faster than the text.

Usage: python benchmarks/robustness.py [--with-30mb] [--only unpunctuated|article]
                                      [--article-mb N ...] [--json OUT.json]

Two kinds of input, each coded by ``thucydides code`` in a fresh process (wall time and
peak resident memory, ru_maxrss, of that process alone, from ``os.wait4``):

- **unpunctuated**: words of a real article with no punctuation at all (125 KB, 250 KB,
  500 KB, 1 MB), where the parser makes sentences of thousands of words;
- **article**: ``examples/thailand_cambodia_ceasefire.txt`` repeated, paragraphs intact, to
  1, 3 and 10 MB (30 MB with ``--with-30mb``: about half an hour on one core).

The size limit is raised with ``--max-bytes``. A tiny document is coded first to measure
the start-up (loading the model); the time per MB is the rest. Acceptance (issue #20): time
per MB about constant as the size grows (linear time) and peak memory under 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "thailand_cambodia_ceasefire.txt"
KB = 1_000
MB = 1_000_000
UNPUNCTUATED_SIZES = (125 * KB, 250 * KB, 500 * KB, 1 * MB)
ARTICLE_SIZES = (1 * MB, 3 * MB, 10 * MB)
RSS_LIMIT_MB = 1_500


def unpunctuated(size: int) -> str:
    """The article's words without punctuation, in a fixed shuffled order, ``size`` long."""
    words = [w for w in ARTICLE.read_text(encoding="utf-8").split() if w.isalpha()]
    out: list[str] = []
    length = 0
    index = 0
    while length < size:
        word = words[(index * 7) % len(words)]
        out.append(word)
        length += len(word) + 1
        index += 1
    return " ".join(out)[:size]


def repeated_article(size: int) -> str:
    article = ARTICLE.read_text(encoding="utf-8").strip() + "\n\n"
    return (article * (size // len(article) + 1))[:size]


def code(path: Path, size: int) -> dict[str, float]:
    """Code one file in a child process; its wall time, peak memory and output size."""
    command = [
        sys.executable,
        "-m",
        "thucydides",
        "code",
        str(path),
        "--date",
        "2025-07-29",
        "--max-bytes",
        str(size + MB),
        "--no-progress",
    ]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out_bytes = out.tell()
        err.seek(0)
        errors = err.read().decode("utf-8", "replace").strip()
    if child.returncode != 0:
        raise SystemExit(f"coding {path} failed ({child.returncode}): {errors[-500:]}")
    return {"seconds": seconds, "rss_mb": usage.ru_maxrss / 1024, "output_mb": out_bytes / MB}


def measure(kind: str, sizes: tuple[int, ...], folder: Path, startup: float) -> list[dict]:
    make = unpunctuated if kind == "unpunctuated" else repeated_article
    rows = []
    for size in sizes:
        path = folder / f"{kind}_{size}.txt"
        path.write_text(make(size), encoding="utf-8")
        result = code(path, size)
        path.unlink()
        work = max(result["seconds"] - startup, 0.0)
        row = {"kind": kind, "mb": size / MB, **result, "seconds_per_mb": work / (size / MB)}
        rows.append(row)
        print(
            f"{kind:13} {size / MB:6.3f} MB  {result['seconds']:8.1f} s  "
            f"{row['seconds_per_mb']:6.1f} s/MB  peak RSS {result['rss_mb']:7.0f} MB  "
            f"output {result['output_mb']:7.1f} MB",
            flush=True,
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--with-30mb", action="store_true", help="Also code the 30 MB article.")
    parser.add_argument("--only", choices=("unpunctuated", "article"), default=None)
    parser.add_argument(
        "--article-mb", type=int, nargs="+", default=None, help="Article sizes to code, in MB."
    )
    parser.add_argument("--json", type=Path, default=None, help="Write the figures here.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        tiny = folder / "tiny.txt"
        tiny.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
        startup = code(tiny, tiny.stat().st_size)["seconds"]
        print(f"start-up and one 1.7 KB article: {startup:.1f} s", flush=True)
        rows: list[dict] = []
        if args.only in (None, "unpunctuated"):
            rows += measure("unpunctuated", UNPUNCTUATED_SIZES, folder, startup)
        if args.only in (None, "article"):
            sizes = ARTICLE_SIZES + ((30 * MB,) if args.with_30mb else ())
            if args.article_mb:
                sizes = tuple(n * MB for n in args.article_mb)
            rows += measure("article", sizes, folder, startup)
    worst = max(row["rss_mb"] for row in rows)
    print(f"peak RSS, largest: {worst:.0f} MB (limit {RSS_LIMIT_MB} MB)")
    for kind in ("unpunctuated", "article"):
        rates = [row["seconds_per_mb"] for row in rows if row["kind"] == kind]
        if len(rates) > 1:
            print(
                f"{kind}: s/MB from {rates[0]:.1f} to {rates[-1]:.1f} ({rates[-1] / rates[0]:.2f}x)"
            )
    if args.json:
        args.json.write_text(json.dumps({"startup": startup, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
