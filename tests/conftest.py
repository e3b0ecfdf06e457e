"""Shared fixtures: one pipeline per test session (loading spaCy costs seconds)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

from thucydides import Pipeline, Record, read_text_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_993e496b5e3d19a7.txt"
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Every property test tries the same examples on every run and in CI, and keeps no example
# database in the work tree: a red CI run is reproducible, never a flake.
settings.register_profile("thucydides", derandomize=True, database=None)
settings.load_profile("thucydides")


def load_script(path: Path) -> ModuleType:
    """A script or benchmark of the repository (not a package module), imported by path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def need_shared(path: Path) -> Path:
    """Tests on ../shared data run wherever it exists and skip, saying why, elsewhere."""
    if not path.exists():
        pytest.skip(f"{path} not found: the ../shared folder beside the repository is absent")
    return path


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


CodeText = Callable[..., Record]


@pytest.fixture(scope="session")
def code_text(pipeline: Pipeline) -> CodeText:
    def run(text: str, published: date | None = date(2025, 8, 9)) -> Record:
        return pipeline(read_text_document(text, published=published))

    return run
