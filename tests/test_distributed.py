"""Coding on a 2-worker Dask LocalCluster gives exactly the single-process output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.corpus import synthetic_documents, write_jsonl
from thucydides.coding import code_in_order
from thucydides.errors import ClusterError, ConfigError
from thucydides.ingest import read_inputs
from thucydides.model import Document, Record
from thucydides.pipeline import Config

pytest.importorskip("distributed")

from thucydides.distributed import DaskCoder, loaded_pipelines, parse_address


def _short(count: int) -> list[dict[str, str]]:
    """Short documents: each synthetic article cut to its headline and first paragraph."""
    documents = synthetic_documents(count)
    for document in documents:
        paragraphs = document["text"].split("\n\n")
        document["text"] = "\n\n".join([*paragraphs[:2], paragraphs[-1]])
    return documents


def _code(
    source: Path, out: Path, *extra: str, seed: str = "0"
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "thucydides", "code", str(source), "-o", str(out), *extra]
    # Different hash seeds for the two runs: the output must not depend on them.
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def test_two_workers_give_the_single_process_output(tmp_path: Path) -> None:
    source = write_jsonl(_short(200), tmp_path / "docs.jsonl")
    with source.open("a") as handle:  # a broken line keeps its place among the results
        handle.write("{not json\n")
    single = _code(source, tmp_path / "single.jsonl")
    on_dask = _code(source, tmp_path / "dask.jsonl", "--dask", "local:2", seed="1")
    assert single.returncode == on_dask.returncode == 1  # the broken line
    assert "docs.jsonl:201: E006" in on_dask.stderr
    lines = (tmp_path / "single.jsonl").read_text().splitlines()
    assert len(lines) == 200
    assert (tmp_path / "dask.jsonl").read_text() == (tmp_path / "single.jsonl").read_text()


def test_each_worker_loads_the_pipeline_once() -> None:
    outcomes = list(read_inputs([str(EXAMPLES / "articles.jsonl")])) * 20
    with DaskCoder("local:2", Config()) as coder:
        results = list(code_in_order(coder, outcomes))
        assert set(coder.client.run(loaded_pipelines).values()) == {1}
    assert [r.document.id for r in results if isinstance(r, Record)] == [
        o.id for o in outcomes if isinstance(o, Document)
    ]


@pytest.mark.parametrize("value", ["local:0", "local:x", "local:", " "])
def test_bad_dask_addresses(value: str) -> None:
    with pytest.raises(ConfigError, match="E044"):
        parse_address(value)


def test_unreachable_scheduler_is_one_clear_error() -> None:
    with pytest.raises(ClusterError, match="E045"):
        DaskCoder("tcp://127.0.0.1:9", Config(), timeout=2)
