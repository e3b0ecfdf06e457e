"""The shipped CAMEO codebook: complete, consistent, and in step with its sources."""

from __future__ import annotations

from types import ModuleType

from tests.conftest import ROOT, SHARED, load_script, need_shared
from thucydides.cameo import load_codebook
from thucydides.resources import data_path

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def _build_script() -> ModuleType:
    return load_script(ROOT / "scripts" / "build_codebook.py")


def test_every_cameo_code_is_present_once() -> None:
    codebook = load_codebook()
    assert len(codebook) == 311  # 20 roots and 291 three- and four-digit codes
    roots = {code[:2] for code in codebook}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_derived_fields_are_consistent() -> None:
    for code, kind in load_codebook().items():
        assert -10.0 <= kind.goldstein <= 10.0, code
        assert kind.quad in (1, 2, 3, 4), code
        if code[:2] == "01":
            assert kind.plover is None, code
        else:
            assert kind.plover in PLOVER_TYPES, code
    codebook = load_codebook()
    assert codebook["038"].plover == "AGREE" and codebook["038"].goldstein == 7.0
    assert codebook["0871"].plover == "RETREAT" and codebook["0871"].quad == 2
    assert codebook["112"].quad == 3 and codebook["195"].quad == 4
    assert codebook["020"].plover == "REQUEST"


def test_shipped_codebook_matches_its_sources() -> None:
    """Fails when data/cameo/codebook.tsv drifts from shared/data/reference: rerun
    scripts/build_codebook.py."""
    reference = need_shared(SHARED / "data" / "reference")
    script = _build_script()
    expected = script.render(script.build_rows(reference))
    shipped = data_path("cameo", "codebook.tsv").read_text(encoding="utf-8")
    assert shipped == expected
