"""The README stays true: every code of the error catalogue is documented there."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from thucydides.errors import Msg


def test_every_error_code_is_in_the_readme() -> None:
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"\b[EW]\d{3}\b", readme))
    missing = [msg.name for msg in Msg if msg.name not in documented]
    assert not missing, f"error codes not documented in README.md: {missing}"
