"""The engine version covers everything that shapes a record, so changing any of it marks
the stored documents for ``thucydides recode``."""

from __future__ import annotations

import pkgutil
import sys
from pathlib import Path

import thucydides
import thucydides.pipeline  # loads every module a pipeline stage runs
from thucydides.coding import coding_sources, engine_version
from thucydides.pipeline import Config

PACKAGE = Path(thucydides.__file__).resolve().parent
# Only store, serve, export or evaluate records, run the command line or place the work.
NOT_CODING = {"store", "web", "export", "evaluate"}
NOT_CODING_MODULES = {"cli", "cli_output", "distributed", "coding", "__main__"}


def _hashed() -> set[Path]:
    return {p.resolve() for p in coding_sources()}


def test_every_package_but_storage_serving_export_and_evaluation_is_hashed() -> None:
    packages = {m.name for m in pkgutil.iter_modules([str(PACKAGE)]) if m.ispkg}
    assert {"agreements", "events", "actors"} <= packages
    hashed = {p.relative_to(PACKAGE).parts[0] for p in _hashed() if p.is_relative_to(PACKAGE)}
    assert packages - NOT_CODING <= hashed
    assert hashed.isdisjoint(NOT_CODING)


def test_every_module_the_pipeline_runs_and_every_data_file_is_hashed() -> None:
    running = {
        Path(module.__file__).resolve()
        for name, module in list(sys.modules.items())
        if name.startswith("thucydides.")
        and module.__file__
        and name.split(".")[1] not in NOT_CODING | NOT_CODING_MODULES
    }
    data = {p.resolve() for p in (PACKAGE / "data").rglob("*") if p.is_file()}
    assert running and data
    assert (running | data) - _hashed() == set()


def test_user_verb_dictionaries_are_hashed(tmp_path: Path) -> None:
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("--- SNUB [111] ---\nSNUB\n", encoding="utf-8")
    plain = engine_version(Config())
    with_verbs = engine_version(Config(verb_files=(str(verbs),)))
    assert with_verbs != plain
    # The same file given as an actor dictionary is another engine.
    assert engine_version(Config(actor_files=(str(verbs),))) != with_verbs

    verbs.write_text("--- SNUB [111] ---\nSNUB\n- * (AT +) [112]\n", encoding="utf-8")
    engine_version.cache_clear()  # one version per configuration and process
    assert engine_version(Config(verb_files=(str(verbs),))) not in (with_verbs, plain)
