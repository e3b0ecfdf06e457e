"""Helpers for the corpus-layer tests: stores filled through the real pipeline."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.conftest import FIXTURES
from thucydides import Pipeline
from thucydides.coding import LocalCoder, engine_version
from thucydides.ingest import read_inputs
from thucydides.pipeline import Config
from thucydides.store import Store
from thucydides.store.ingest import IngestOutcome, ingest

# Eleven short articles written for these tests, reporting overlapping events in different
# words on different sites (their URLs): see test_merge.py for what they should merge into.
OVERLAPPING = FIXTURES / "corpus" / "overlapping.jsonl"


def fill(store: Store, pipeline: Pipeline, *sources: Path) -> list[IngestOutcome]:
    outcomes = list(
        ingest(
            store,
            LocalCoder(pipeline),
            read_inputs([str(s) for s in sources]),
            engine_version(Config()),
        )
    )
    store.merge()
    return outcomes


def example_texts() -> list[str]:
    """The articles shipped with the repository: examples/ and the test corpus."""
    from tests.conftest import EXAMPLES

    texts = [(EXAMPLES / "thailand_cambodia_ceasefire.txt").read_text(encoding="utf-8")]
    for source in (EXAMPLES / "articles.jsonl", OVERLAPPING):
        texts += [json.loads(line)["text"] for line in source.read_text().splitlines()]
    return texts


def synthetic_documents(count: int) -> list[dict[str, str]]:
    """``count`` distinct JSON Lines documents made from the example articles: each has its
    own id and publication date, its paragraphs in another order and a closing line of
    its own, so no two have the same text."""
    texts = example_texts()
    documents = []
    for n in range(count):
        paragraphs = [p for p in texts[n % len(texts)].split("\n\n") if p.strip()]
        head, body = paragraphs[:1], paragraphs[1:]
        shift = (n // len(texts)) % max(1, len(body))
        body = body[shift:] + body[:shift]
        closing = f"This is report {n + 1} in the series, filed by desk {n % 7 + 1}."
        day = date(2025, 1, 1) + timedelta(days=n % 300)
        text = "\n\n".join([*head, *body, closing])
        documents.append({"id": f"doc-{n:05d}", "published": day.isoformat(), "text": text})
    return documents


def write_jsonl(documents: list[dict[str, str]], path: Path) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    return path
