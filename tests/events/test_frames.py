"""The CAMEO frames table (data/events/frames.tsv) and the ratchet on code literals.

How a code takes its roles is codebook knowledge: it lives in the frames table, not in
Python. The number of CAMEO code literals in the event coder may only go down.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import get_args

import pytest

from thucydides.cameo import load_codebook
from thucydides.errors import ConfigError
from thucydides.events.frames import (
    FLAGS,
    FRAMES_FILE,
    VALUES,
    Refinement,
    load_frames,
    read_frames,
)
from thucydides.events.lexicon import load_lexicon
from thucydides.events.refine import Refinements
from thucydides.events.triggers import Triggers
from thucydides.resources import data_path, read_tsv

EVENTS = Path(__file__).resolve().parents[2] / "src" / "thucydides" / "events"
CODE_LITERAL = re.compile(r"^\d{2,4}$")
# The count reached when the frames table took them over; lower it when it falls.
MAX_CODE_LITERALS = 0


def _code_literals(path: Path) -> list[str]:
    return [
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CODE_LITERAL.match(node.value)
    ]


def test_cameo_code_literals_in_the_event_coder_only_go_down() -> None:
    found = {p.name: _code_literals(p) for p in sorted(EVENTS.glob("*.py"))}
    assert sum(len(v) for v in found.values()) <= MAX_CODE_LITERALS, {
        k: v for k, v in found.items() if v
    }


def test_frames_file_names_codebook_codes_and_known_properties() -> None:
    codes = frozenset(load_codebook())
    rows = read_tsv(data_path(*FRAMES_FILE))
    assert rows
    prefixes = [row["prefix"] for row in rows]
    assert len(prefixes) == len(set(prefixes)), "a prefix listed twice"
    for row in rows:
        assert row["prefix"] in codes, row  # a CAMEO code or root of the codebook
        assert set(row) == {"prefix", "properties", "example"}, row
        for word in row["properties"].split():
            name, _, value = word.partition("=")
            assert (name in FLAGS and not value) or (name in VALUES and value), row
    load_frames(codes)  # values checked too: acts, refinements, codes


def test_a_frame_gathers_the_flags_of_its_prefixes_and_its_own_values() -> None:
    frames = load_frames(frozenset(load_codebook()))
    assert frames.of("1823").violent and frames.of("1823").territorial
    assert frames.of("141").refine == "protest_aim"
    assert frames.of("1411").protest and frames.of("1411").refine is None  # already specific
    assert frames.of("046").third_location == "044" and frames.of("046").mutual
    assert frames.generic("appeal") == "020" and frames.generic("rejection") == "120"
    assert frames.of("") == frames.of("zz")  # no code, no frame


@pytest.mark.parametrize(
    "properties", ["territorial=yes", "territorail", "refine=colour", "third_location=999"]
)
def test_a_misspelt_or_unknown_frame_property_is_rejected(properties: str) -> None:
    codes = frozenset(load_codebook())
    with pytest.raises(ConfigError):
        read_frames([{"prefix": "18", "properties": properties}], codes, "<test>")


def test_a_frame_prefix_must_be_a_codebook_code() -> None:
    with pytest.raises(ConfigError):
        read_frames([{"prefix": "99", "properties": "violent"}], frozenset({"18"}), "<test>")


def test_every_refinement_a_frame_can_name_has_a_refiner() -> None:
    codes = frozenset(load_codebook())
    lexicon = load_lexicon(codes)
    refinements = Refinements(lexicon, Triggers(lexicon, codes=codes))
    assert set(refinements.refiners) == set(get_args(Refinement))
