"""Regenerate ``src/thucydides/data/cameo/codebook.tsv`` from the reference tables.

The package ships one merged codebook (code, name, Goldstein weight, quad class, PLOVER
type/mode/context) derived from three third-party tables kept in ``shared/data/reference``.
``tests/knowledge/test_codebook.py`` re-runs :func:`build_rows` and fails when the shipped
copy drifts from its sources.

Usage: ``python scripts/build_codebook.py [REFERENCE_DIR]``
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "data" / "reference"
OUTPUT = ROOT / "src" / "thucydides" / "data" / "cameo" / "codebook.tsv"
COLUMNS = ("code", "name", "goldstein", "quad", "plover", "mode", "context")

# POLECAT renamed PLOVER's DEMAND to REQUEST; the contract uses the POLECAT name.
PLOVER_RENAMES = {"DEMAND": "REQUEST"}


def quad_class(code: str) -> int:
    """GDELT quad class: 1 verbal coop (01-05), 2 material coop (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def build_rows(reference: Path) -> list[dict[str, str]]:
    codes = _read_tsv(reference / "cameo_event_codes.tsv")
    names = {r["code"]: r["description"].strip() for r in codes}
    weights = {
        r["code"]: r["goldstein"].strip() for r in _read_tsv(reference / "cameo_goldstein.tsv")
    }
    plover = {r["cameo"]: r for r in _read_tsv(reference / "cameo_to_plover_2021.tsv")}
    rows = []
    for code, name in names.items():
        # Two-digit roots have no crosswalk row: they take their "X0" code's type.
        mapped = plover.get(code) or plover.get(code + "0")
        event = (mapped or {}).get("plover_event", "").strip()
        if not event and code.startswith("02"):
            event = "REQUEST"  # PLOVER drops appeals; POLECAT files them as requests
        mode = (mapped or {}).get("plover_mode", "").strip() if code in plover else ""
        context = (mapped or {}).get("plover_context", "").strip()
        rows.append(
            {
                "code": code,
                "name": name,
                "goldstein": str(float(weights[code])),
                "quad": str(quad_class(code)),
                "plover": PLOVER_RENAMES.get(event, event),
                "mode": mode,
                "context": context,
            }
        )
    return rows


def render(rows: list[dict[str, str]]) -> str:
    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join(row[c] for c in COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    reference = Path(argv[1]) if len(argv) > 1 else DEFAULT_REFERENCE
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(render(build_rows(reference)), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
