"""Regenerate ``src/thucydides/data/events/petrarch_verbs.tsv`` from PETRARCH-2's CAMEO.2.0.

The package ships PETRARCH-2's CAMEO verb pattern dictionary (MIT, ``shared/data/petrarch``)
as a table with one row per synonym-set member, verb and pattern, read by
``thucydides.events.verbdict.load_builtin_verbs``. ``tests/events/test_verbdict.py`` re-runs
:func:`convert` and fails when the shipped copy drifts from what this script writes.

Two lines of CAMEO.2.0.txt repeat the end of a phrase before the code (``(WITH VISIT)
VISIT)[042:043]``); PETRARCH-2 read a garbled code there. They are corrected below, each
naming the text it replaces, and each correction is a ``notice`` row of the table.

Usage: ``python scripts/convert_petrarch_verbs.py [PETRARCH_DIR]``
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from thucydides.events.verbdict import (
    BUILTIN_FILE,
    Correction,
    VerbDictionary,
    read_petrarch_verbs,
    render_tsv,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "petrarch"
OUTPUT = ROOT / "src" / "thucydides" / "data" / "events" / BUILTIN_FILE
DICTIONARY = "CAMEO.2.0.txt"

CORRECTIONS: dict[int, Correction] = {
    2374: (
        "- * VENTURE (WITH VISIT)                              VISIT)[042:043]  # MAKE",
        "- * VENTURE (WITH VISIT) [042:043]  # MAKE",
    ),
    7606: (
        "- STRONGLY * ATTACK (ON ^)                            ^)[111]       # CONDEMN",
        "- STRONGLY * ATTACK (ON ^) [111]  # CONDEMN",
    ),
}

FORMAT = """\
Rows are tab-separated, in the order of the original file; `line` is the line there.
  dictionary      id: the original file; text: its format
  synset          id: the set (&NAME); its members follow
  member          id: its set; text: the member as written ('_' joins words, a final '_'
                  asks for no plural); forms: the plural PETRARCH-2 makes
  block           id: the block; code: its default code; text: the name in its header
  verb            id: its block; code: its own code (empty: the block's); text: the verb
                  as written ({ } irregular forms, '+' the verb of a multi-word verb);
                  forms: every form it matches (regular ones made as PETRARCH-2 makes them)
  pattern         id: BLOCK.N; code; text: the words before and after the verb '*'
                  ($ source, + target, % source and target, ^ any noun phrase, &SET,
                  {noun phrase, head last}, (preposition and its object));
                  note: the verb the pattern was first written for
  transformation  text: PATTERN = RESULT (events about events)
  notice          text: what was read differently from the original file, and why
Codes: [---] no event, [042:043] source-to-target then target-to-source, [:020] only the
latter."""


def source_commit(source: Path) -> str:
    """The petrarch2 commit the shared copy was taken at, as its README states it."""
    readme = (source / "README.md").read_text(encoding="utf-8")
    match = re.search(r"commit\s+`([0-9a-f]{40})`", readme)
    if match is None:
        raise ValueError(f"no commit named in {source / 'README.md'}")
    return match[1]


def header(source: Path, dictionary: VerbDictionary) -> list[str]:
    blocks, patterns = len(dictionary.blocks), len(dictionary.patterns)
    counts = (
        f"{blocks} verb blocks, {len(dictionary.verbs)} verbs, {patterns} patterns, "
        f"{len(dictionary.synsets)} synonym sets, "
        f"{len(dictionary.transformations)} transformations"
    )
    licence = (source / "LICENSE").read_text(encoding="utf-8").strip().splitlines()
    return [
        "PETRARCH-2's CAMEO verb pattern dictionary, converted for thucydides.",
        f"Source: GitHub openeventdata/petrarch2, petrarch2/data/dictionaries/{DICTIONARY}",
        f"at commit {source_commit(source)}.",
        "Written by scripts/convert_petrarch_verbs.py; do not edit by hand: a test fails when",
        "this file differs from what the script writes.",
        "Dictionary development was funded by the U.S. National Science Foundation (KEDS,",
        "TABARI, PETRARCH); the file's own header reads 'Copyright (c) 2015 Open Event Data",
        "Alliance' under the MIT License; the repository's LICENSE follows.",
        f"Counts: {counts}.",
        "",
        *licence,
        "",
        *FORMAT.splitlines(),
    ]


def convert(source: Path) -> str:
    """The table the package ships, from the PETRARCH-2 dictionaries folder ``source``."""
    dictionary = read_petrarch_verbs(source / DICTIONARY, CORRECTIONS)
    return render_tsv(dictionary, header(source, dictionary))


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    OUTPUT.write_text(convert(source), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
