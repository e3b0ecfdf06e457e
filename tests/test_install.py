"""The install: what the README's one command gives with the pip that ships with Python 3.11.

F1 of #20: pip 23.2.1 ignored ``lxml[html_clean]`` (trafilatura's way of asking for the HTML
cleaner), so a fresh install could not read any HTML page.
"""

from __future__ import annotations

import importlib
import json
import re
from importlib.metadata import requires

from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from thucydides.cli import app


def _declared() -> set[str]:
    names = set()
    for requirement in requires("thucydides") or []:
        if "extra ==" in requirement:
            continue
        names.add(re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-"))
    return names


def test_the_html_cleaner_is_declared_and_importable() -> None:
    assert "lxml-html-clean" in _declared()
    importlib.import_module("lxml_html_clean")


def test_an_html_page_is_coded_from_the_command_line() -> None:
    page = EXAMPLES / "thailand_cambodia_ceasefire.html"
    result = CliRunner().invoke(app, ["code", str(page), "--date", "2025-07-29"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["events"]
    assert "Subscribe to our newsletter" not in result.stdout
