"""The verb-dictionary matcher on hand-built parses (independent of the statistical model),
and the dictionary layers' place in the coder's precedence."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from thucydides import Pipeline, read_text_document
from thucydides.events.dictionary import VerbLayer
from thucydides.events.verbdict import read_verbs
from thucydides.pipeline import Config

VERBS = """\
&CURRENCY
+DOLLAR
+EURO

--- CONTRIBUTE [070] ---
CONTRIBUTE
DONATE [071]
- * &CURRENCY (TO +) [071]
- * TROOPS [074]
- $ * {PEACEKEEPING TROOPS} [0743]

--- CORDON [---] ---
+CORDON_OFF
- * ROAD [144]

--- MEET [040:040] ---
MEET
- * (FOR TALKS) [046:046]
- * CALLS [:020]
"""


@pytest.fixture(scope="module")
def layer(tmp_path_factory: pytest.TempPathFactory) -> VerbLayer:
    path = tmp_path_factory.mktemp("verbs") / "test.verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    return VerbLayer(read_verbs(path))


def parse(rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """A parse from (word, lemma, pos, dep, head index) rows."""
    words, lemmas, pos, deps, heads = zip(*rows, strict=True)
    doc = Doc(
        Vocab(),
        words=list(words),
        lemmas=list(lemmas),
        pos=list(pos),
        deps=list(deps),
        heads=list(heads),
        sent_starts=[True] + [False] * (len(rows) - 1),
    )
    return doc


# "Japan contributed a million dollars to Haiti."
DONATION = [
    ("Japan", "Japan", "PROPN", "nsubj", 1),
    ("contributed", "contribute", "VERB", "ROOT", 1),
    ("a", "a", "DET", "quantmod", 3),
    ("million", "million", "NUM", "nummod", 4),
    ("dollars", "dollar", "NOUN", "dobj", 1),
    ("to", "to", "ADP", "prep", 1),
    ("Haiti", "Haiti", "PROPN", "pobj", 5),
    (".", ".", "PUNCT", "punct", 1),
]


def test_a_pattern_matches_the_verbs_dependents_through_a_synset(layer: VerbLayer) -> None:
    doc = parse(DONATION)
    match = layer.match(doc[1])
    assert match is not None
    assert match.code.text == "071"
    assert match.rule == "test.verbs.txt:8"
    assert match.words == 2  # "dollars" and "to"; a slot is no word
    assert match.target is not None and match.target.text == "Haiti"


def test_a_verb_without_a_matching_pattern_takes_its_block_code(layer: VerbLayer) -> None:
    # "Japan contributed aid to Haiti.": no currency, no troops
    rows = [*DONATION[:2], ("aid", "aid", "NOUN", "dobj", 1), *DONATION[5:]]
    for i, row in enumerate(rows):
        if row[4] > 2:
            rows[i] = (*row[:4], row[4] - 2)
    match = layer.match(parse(rows)[1])
    assert match is not None and match.code.text == "070" and match.words == 0


def test_a_verb_with_its_own_code_keeps_it(layer: VerbLayer) -> None:
    rows = [DONATION[0], ("donated", "donate", "VERB", "ROOT", 1), *DONATION[5:]]
    rows = [(w, lem, p, d, 1 if h > 1 else h) for w, lem, p, d, h in rows]
    rows[2] = ("to", "to", "ADP", "prep", 1)
    rows[3] = ("Haiti", "Haiti", "PROPN", "pobj", 2)
    match = layer.match(parse(rows)[1])
    assert match is not None and match.code.text == "071"


def test_words_in_a_clause_of_their_own_are_not_the_verbs(layer: VerbLayer) -> None:
    # "Japan contributed, and France sent troops.": "troops" belongs to "sent"
    doc = parse(
        [
            ("Japan", "Japan", "PROPN", "nsubj", 1),
            ("contributed", "contribute", "VERB", "ROOT", 1),
            (",", ",", "PUNCT", "punct", 1),
            ("and", "and", "CCONJ", "cc", 1),
            ("France", "France", "PROPN", "nsubj", 5),
            ("sent", "send", "VERB", "conj", 1),
            ("troops", "troop", "NOUN", "dobj", 5),
        ]
    )
    match = layer.match(doc[1])
    assert match is not None and match.code.text == "070"


def test_a_noun_phrase_needs_its_modifier_in_the_heads_own_phrase(layer: VerbLayer) -> None:
    # "Ghana contributed peacekeeping troops."
    doc = parse(
        [
            ("Ghana", "Ghana", "PROPN", "nsubj", 1),
            ("contributed", "contribute", "VERB", "ROOT", 1),
            ("peacekeeping", "peacekeeping", "NOUN", "compound", 3),
            ("troops", "troop", "NOUN", "dobj", 1),
        ]
    )
    match = layer.match(doc[1])
    assert match is not None and match.code.text == "0743"
    assert match.source is not None and match.source.text == "Ghana"


def test_a_multi_word_verb_needs_its_particle(layer: VerbLayer) -> None:
    rows = [
        ("Troops", "troop", "NOUN", "nsubj", 1),
        ("cordoned", "cordon", "VERB", "ROOT", 1),
        ("off", "off", "ADP", "prt", 1),
        ("the", "the", "DET", "det", 4),
        ("road", "road", "NOUN", "dobj", 1),
    ]
    match = layer.match(parse(rows)[1])
    assert match is not None and match.code.text == "144"
    bare = [rows[0], rows[1], (*rows[3][:4], 3), (*rows[4][:4], 1)]
    assert not layer.lists(parse(bare)[1])  # "cordoned the road": not +CORDON_OFF


def test_pairs_and_reverse_only_codes(layer: VerbLayer) -> None:
    talks = parse(
        [
            ("Chad", "Chad", "PROPN", "nsubj", 1),
            ("met", "meet", "VERB", "ROOT", 1),
            ("Niger", "Niger", "PROPN", "dobj", 1),
            ("for", "for", "ADP", "prep", 1),
            ("talks", "talk", "NOUN", "pobj", 3),
        ]
    )
    match = layer.match(talks[1])
    assert match is not None and (match.code.forward, match.code.reverse) == ("046", "046")
    calls = parse(
        [
            ("Chad", "Chad", "PROPN", "nsubj", 1),
            ("met", "meet", "VERB", "ROOT", 1),
            ("calls", "call", "NOUN", "dobj", 1),
        ]
    )
    match = layer.match(calls[1])
    assert match is not None and (match.code.forward, match.code.reverse) == (None, "020")


def test_a_user_dictionary_decides_the_verbs_it_lists(pipeline: Pipeline, tmp_path: Path) -> None:
    """Precedence: a verb a user dictionary lists is coded by it alone; ``[---]`` codes
    nothing, even where the project's patterns would."""
    silent = tmp_path / "silent.verbs.txt"
    silent.write_text("--- CONDEMN [---] ---\nCONDEMN\n- * ATTACK [112]\n", encoding="utf-8")
    text = "France condemned Russia on Monday."
    default = {e.type.cameo for e in pipeline(read_text_document(text)).events}
    assert "111" in default
    user = Pipeline(Config(verb_files=(str(silent),)))
    assert not user(read_text_document(text)).events
    coded = user(read_text_document("France condemned the attack by Russia on Monday.")).events
    condemnation = [e for e in coded if e.trigger.text == "condemned"]
    assert [e.type.cameo for e in condemnation] == ["112"]
    assert condemnation[0].actor is not None and condemnation[0].actor.actor.code == "FRA"
