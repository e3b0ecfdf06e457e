"""Load on the web API: concurrent clients asking /api/events of a 10,000-event store.

Usage: python benchmarks/api_load.py [--events 10000] [--clients 100] [--requests 10000]
                                     [--store PATH] [--json OUT.json]

The store is built once (then reused) from the project's own articles: ``examples/``, the
overlapping-reports test corpus and, when present, the seed article in ``../shared``. Each
is coded once; the records are then stored again and again through the store's writer
under new ids and publication dates, with their day-precise event dates shifted by the
same number of days, until the store holds ``--events`` events.

The server is ``thucydides serve`` in its own process on 127.0.0.1 (one uvicorn worker);
the clients are httpx AsyncClients in this process, each making requests one after the
other until ``--requests`` have been made in all. The requests cycle through pages and the
filters of ``thucydides query events``. Reported: errors (non-200 answers and failures),
throughput, and latency percentiles.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from itertools import count
from pathlib import Path

import httpx

from thucydides import Pipeline
from thucydides.coding import engine_version
from thucydides.ingest import make_document
from thucydides.model import Record
from thucydides.pipeline import Config
from thucydides.store import Store
from thucydides.time.calendar import parse_iso_date

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORE = ROOT / "benchmarks" / "results" / "api_load.sqlite"
# The requests cycle through these (the offset varies with the request's number).
QUERIES = (
    "limit=50&offset={page}",
    "actor=IND&limit=50&offset={page}",
    "country=PAK&limit=20",
    "quad=4&limit=50&offset={page}",
    "type=ASSAULT&since=2025-03-01&until=2025-09-30&limit=50",
    "text=ceasefire&limit=20",
    "actor=THA&recipient=KHM&limit=50",
    "cameo=19&factuality=asserted&limit=100&offset={page}",
)


def _articles() -> list[tuple[str, str | None]]:
    """(text, publication date) of every article the repository holds."""
    articles: list[tuple[str, str | None]] = [
        ((ROOT / "examples" / "thailand_cambodia_ceasefire.txt").read_text(), "2025-07-29")
    ]
    for source in (ROOT / "examples" / "articles.jsonl",
                   ROOT / "tests" / "fixtures" / "corpus" / "overlapping.jsonl"):  # fmt: skip
        for line in source.read_text().splitlines():
            record = json.loads(line)
            articles.append((record["text"], record.get("published")))
    seed = ROOT.parent / "shared" / "seed" / "000_993e496b5e3d19a7.txt"
    if seed.exists():
        articles.append((seed.read_text(), "2025-08-09"))
    return articles


def build_store(path: Path, events: int) -> int:
    """Fill a store with at least ``events`` events; return how many it holds."""
    with Store(path) as store:
        held = store.reader.counts().events
    if held >= events:
        return held
    pipeline = Pipeline()
    records = [
        pipeline(make_document("bench", text, published=parse_iso_date(day) if day else None))
        for text, day in _articles()
    ]
    version = engine_version(Config())
    with Store(path) as store:
        for copy in count():
            if store.reader.counts().events >= events:
                break
            for n, record in enumerate(records):
                store.writer.add(shifted(record, copy, n), version)
        return store.reader.counts().events


def shifted(record: Record, copy: int, n: int) -> Record:
    """Copy ``copy`` of a record: its own id, text, publication date and event dates."""
    days = timedelta(days=(copy * 3) % 240)
    document = record.document
    published = document.published + days if document.published else None
    events = tuple(
        replace(
            e, date=replace(e.date, value=(date.fromisoformat(e.date.value) + days).isoformat())
        )
        if e.date is not None and e.date.precision == "day"
        else e
        for e in record.events
    )
    text = f"{document.text}\n\nCopy {copy} of article {n}."
    moved = replace(document, id=f"bench-{copy:05d}-{n:02d}", text=text, published=published)
    return replace(record, document=moved, events=events)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(store: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "thucydides", "serve", "--db", str(store),
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    detail = server.stderr.read().decode() if server.stderr else ""
    raise RuntimeError(f"the server did not start: {detail}")


async def load(base: str, clients: int, requests: int, total_events: int) -> dict[str, object]:
    """``clients`` concurrent clients making ``requests`` requests in all."""
    numbers = iter(range(requests))
    latencies: list[float] = []
    failures: list[str] = []
    pages = max(1, total_events // 50)

    async def client() -> None:
        # One client with one connection each: a shared pool of a hundred connections
        # costs httpx more CPU per request than the server spends answering it.
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            await http.get("/api/events?limit=1")
            await ready.wait()
            for number in numbers:
                query = QUERIES[number % len(QUERIES)].format(page=(number * 37 % pages) * 50)
                started = time.perf_counter()
                try:
                    response = await http.get(f"/api/events?{query}")
                    if response.status_code != 200 or not response.content.startswith(b'{"total"'):
                        failures.append(f"{response.status_code} {query}")
                except httpx.HTTPError as exc:
                    failures.append(f"{type(exc).__name__} {query}")
                latencies.append(time.perf_counter() - started)

    ready = asyncio.Event()
    tasks = [asyncio.create_task(client()) for _ in range(clients)]
    await asyncio.sleep(0.5)  # every client connected and warmed up
    started = time.perf_counter()
    ready.set()
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "clients": clients,
        "errors": len(failures),
        "first_errors": failures[:5],
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "latency_ms": {
            "p50": round(cuts[49] * 1000, 1),
            "p95": round(cuts[94] * 1000, 1),
            "p99": round(cuts[98] * 1000, 1),
            "max": round(max(latencies) * 1000, 1),
            "mean": round(statistics.fmean(latencies) * 1000, 1),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    args.store.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    events = build_store(args.store, args.events)
    built = time.perf_counter() - started
    port = free_port()
    server = start_server(args.store, port)
    try:
        result = asyncio.run(load(f"http://127.0.0.1:{port}", args.clients, args.requests, events))
    finally:
        server.terminate()
        server.wait(30)
    result = {"store_events": events, "store_seconds": round(built, 1), **result}
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
