"""`thucydides serve`: options, the token from the environment, and a missing extra."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from thucydides.cli import app


def _serve(monkeypatch: pytest.MonkeyPatch, *args: str, **env: str) -> tuple[Any, dict[str, Any]]:
    calls: dict[str, Any] = {}

    def run(application: Any, **options: Any) -> None:
        calls.update(options, app=application)

    monkeypatch.setattr(uvicorn, "run", run)
    result = CliRunner().invoke(app, ["serve", *args], env=env)
    return result, calls


def test_serve_builds_the_app_with_its_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "new.sqlite"
    result, calls = _serve(monkeypatch, "--db", str(db), "--port", "8123",
                           THUCYDIDES_TOKEN="from-env")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (calls["host"], calls["port"]) == ("127.0.0.1", 8123)
    settings = calls["app"].state.web.settings
    assert settings.token == "from-env" and not settings.private
    assert (settings.code_text_limit, settings.coding_capacity) == (50_000, 4)
    assert db.exists()  # the store is created and migrated
    calls["app"].state.web.close()


def test_serve_warns_when_reads_are_open_to_the_network(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result, calls = _serve(monkeypatch, "--db", str(tmp_path / "s.sqlite"), "--host", "0.0.0.0")
    assert result.exit_code == 0 and "W050" in result.output
    calls["app"].state.web.close()


def test_private_needs_a_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    result, calls = _serve(monkeypatch, "--db", str(tmp_path / "s.sqlite"), "--private")
    assert result.exit_code == 2 and "--private needs --token" in result.output and not calls


def test_a_missing_web_extra_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 2 and "E043" in result.output and "thucydides[web]" in result.output


def test_serve_sets_the_coding_budget(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    result, calls = _serve(monkeypatch, "--db", str(tmp_path / "s.sqlite"),
                           "--code-text-limit", "5000", "--coding-capacity", "2")  # fmt: skip
    assert result.exit_code == 0, result.output
    settings = calls["app"].state.web.settings
    assert (settings.code_text_limit, settings.coding_capacity) == (5000, 2)
    calls["app"].state.web.close()
