"""Factuality from the parse and the closed word classes passed in (grammar/factuality.py):
the grammar reads no stage's lexicon, any object with the word classes will do."""

from __future__ import annotations

from dataclasses import dataclass

from tests.grammar.parses import parse
from thucydides.grammar.factuality import FactualityWords, factuality


@dataclass(frozen=True)
class Words:
    negation_words: frozenset[str] = frozenset({"not", "n't", "never", "no"})
    negation_nouns: frozenset[str] = frozenset({"lack"})
    denial_verbs: frozenset[str] = frozenset({"deny"})
    allegation_verbs: frozenset[str] = frozenset({"accuse"})
    reporting_verbs: frozenset[str] = frozenset({"say"})
    possibility_verbs: frozenset[str] = frozenset({"plan", "may"})
    possibility_modifiers: frozenset[str] = frozenset({"reportedly"})
    conditional_markers: frozenset[str] = frozenset({"if"})
    proposal_nouns: frozenset[str] = frozenset({"proposal"})


WORDS: FactualityWords = Words()


def test_a_negated_verb_did_not_happen() -> None:
    # "India did not attack"
    doc = parse(
        ("India", 3, "nsubj", "PROPN", "NNP", "India"),
        ("did", 3, "aux", "AUX", "VBD", "do"),
        ("not", 3, "neg", "PART", "RB", "not"),
        ("attack", 3, "ROOT", "VERB", "VB", "attack"),
    )
    assert factuality(doc[3], WORDS) == "negated"


def test_an_act_under_a_verb_of_intention_or_a_modal_is_only_possible() -> None:
    # "India plans to attack"
    doc = parse(
        ("India", 1, "nsubj", "PROPN", "NNP", "India"),
        ("plans", 1, "ROOT", "VERB", "VBZ", "plan"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("attack", 1, "xcomp", "VERB", "VB", "attack"),
    )
    assert factuality(doc[3], WORDS) == "possible"
    # "India may attack"
    doc = parse(
        ("India", 2, "nsubj", "PROPN", "NNP", "India"),
        ("may", 2, "aux", "AUX", "MD", "may"),
        ("attack", 2, "ROOT", "VERB", "VB", "attack"),
    )
    assert factuality(doc[2], WORDS) == "possible"


def test_a_reporting_verb_passes_its_complement_through() -> None:
    # "Iran said it attacked"
    doc = parse(
        ("Iran", 1, "nsubj", "PROPN", "NNP", "Iran"),
        ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("it", 3, "nsubj", "PRON", "PRP", "it"),
        ("attacked", 1, "ccomp", "VERB", "VBD", "attack"),
    )
    assert factuality(doc[3], WORDS) == "asserted"
    # and an accusation puts it in doubt: "Iran accused Iraq of attacking"
    doc = parse(
        ("Iran", 1, "nsubj", "PROPN", "NNP", "Iran"),
        ("accused", 1, "ROOT", "VERB", "VBD", "accuse"),
        ("Iraq", 1, "dobj", "PROPN", "NNP", "Iraq"),
        ("of", 1, "prep", "ADP", "IN", "of"),
        ("attacking", 3, "pcomp", "VERB", "VBG", "attack"),
    )
    assert factuality(doc[4], WORDS) == "possible"


def test_what_is_proposed_is_possible() -> None:
    # "a proposal to deploy"
    doc = parse(
        ("a", 1, "det", "DET", "DT", "a"),
        ("proposal", 1, "ROOT", "NOUN", "NN", "proposal"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("deploy", 1, "acl", "VERB", "VB", "deploy"),
    )
    assert factuality(doc[3], WORDS) == "possible"
