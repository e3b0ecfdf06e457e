"""The PETRARCH validation suite, scored as PETRARCH scores it (#14, acceptance point 1).

Usage: python benchmarks/petrarch_suite.py [--no-verbs] [--json OUT.json]

Codes the ``udpetr_validate_2_02`` subset of ``../shared/data/dev/petrarch_validation``
with the suite's own actor, agent and verb dictionaries loaded as user dictionaries (as
``--actors`` and ``--verbs`` load them) and prints, per sentence over the sets of
(source, target, code) triples of asserted dyadic events: correct, uncoded (missed), extra,
correct / (correct + uncoded) and extra / records, overall and per category. UD-PETRARCH
scores 0.685 and 0.212 counted this way. ``--no-verbs`` leaves the suite's verb dictionary
out (the engine's own knowledge only). Exits with a message, status 0, when the suite is
absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT.parent / "shared" / "data" / "dev" / "petrarch_validation"
SUBSET = "udpetr_validate_2_02"


def suite_items(folder: Path = SUITE) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (folder / "gold.jsonl").read_text().splitlines()]
    return [row for row in rows if row.get("subset") == SUBSET]


def suite_config(folder: Path = SUITE, verbs: bool = True) -> Any:
    from thucydides.pipeline import Config

    actors = (folder / "PETR_Validate_actors_2_02.txt", folder / "PETR_Validate_agents_2_02.txt")
    verb_files = (folder / "PETR_Validate_verbs_2_02.txt",) if verbs else ()
    return Config(actor_files=tuple(map(str, actors)), verb_files=tuple(map(str, verb_files)))


def measure(folder: Path = SUITE, verbs: bool = True) -> dict[str, Any]:
    from thucydides import Pipeline
    from thucydides.evaluate.events import evaluate_events
    from thucydides.evaluate.run import event_coder

    pipeline = Pipeline(suite_config(folder, verbs))
    # each sentence coded once, though scored overall and in its category
    coder = cache(event_coder(pipeline))
    items = suite_items(folder)
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_category[str(item["gold"].get("category"))].append(item)
    overall = evaluate_events(items, coder, dyadic=True)
    return {
        "overall": overall.petrarch(),
        "triple": overall.triple.as_dict(),
        "root": overall.root.as_dict(),
        "categories": {
            name: evaluate_events(group, coder, dyadic=True).petrarch()
            for name, group in sorted(by_category.items())
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-verbs", action="store_true", help="leave the suite's verbs out")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not (SUITE / "gold.jsonl").exists():
        print(f"petrarch_suite: {SUITE} not found; nothing measured")
        sys.exit(0)
    figures = measure(verbs=not args.no_verbs)
    o = figures["overall"]
    print(
        f"correct / (correct + uncoded) {o['correct_rate']:.3f}   extra / records "
        f"{o['extra_rate']:.3f}   (correct {o['correct']}, uncoded {o['uncoded']}, extra "
        f"{o['extra']}, records {o['records']})"
    )
    t = figures["triple"]
    print(f"triple precision {t['precision']:.3f} recall {t['recall']:.3f} F1 {t['f1']:.3f}")
    for name, c in figures["categories"].items():
        print(
            f"  {name:10} correct {c['correct']:3}  uncoded {c['uncoded']:3}  "
            f"extra {c['extra']:3}  records {c['records']:3}"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
