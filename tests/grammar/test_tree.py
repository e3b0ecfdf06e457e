"""Subjects, objects and clauses read off the dependency parse (grammar/tree.py)."""

from __future__ import annotations

from spacy.tokens import Token

from tests.grammar.parses import parse
from thucydides.grammar import tree


def _texts(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens]


def test_a_passive_is_done_by_its_by_agent_to_its_subject() -> None:
    # "Talks were mediated by Oman"
    doc = parse(
        ("Talks", 2, "nsubjpass", "NOUN", "NNS", "talk"),
        ("were", 2, "auxpass", "AUX", "VBD", "be"),
        ("mediated", 2, "ROOT", "VERB", "VBN", "mediate"),
        ("by", 2, "agent", "ADP", "IN", "by"),
        ("Oman", 3, "pobj", "PROPN", "NNP", "Oman"),
    )
    assert tree.is_passive(doc[2])
    assert _texts(tree.subject_heads(doc[2])) == ["Oman"]
    assert _texts(tree.object_heads(doc[2])) == ["Talks"]


def test_an_infinitive_takes_the_subject_of_the_verb_it_completes() -> None:
    # "India continues to refuse talks"
    doc = parse(
        ("India", 1, "nsubj", "PROPN", "NNP", "India"),
        ("continues", 1, "ROOT", "VERB", "VBZ", "continue"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("refuse", 1, "xcomp", "VERB", "VB", "refuse"),
        ("talks", 3, "dobj", "NOUN", "NNS", "talk"),
    )
    assert tree.has_to(doc[3]) and not tree.is_passive(doc[3])
    assert _texts(tree.subject_heads(doc[3])) == ["India"]
    assert _texts(tree.object_heads(doc[3])) == ["talks"]


def test_an_object_control_verb_lends_its_object_as_the_infinitives_subject() -> None:
    # "Egypt urged Russia to meet"
    doc = parse(
        ("Egypt", 1, "nsubj", "PROPN", "NNP", "Egypt"),
        ("urged", 1, "ROOT", "VERB", "VBD", "urge"),
        ("Russia", 1, "dobj", "PROPN", "NNP", "Russia"),
        ("to", 4, "aux", "PART", "TO", "to"),
        ("meet", 1, "xcomp", "VERB", "VB", "meet"),
    )
    assert _texts(tree.subject_heads(doc[4], frozenset({"urge"}))) == ["Russia"]
    assert _texts(tree.subject_heads(doc[4])) == ["Egypt"]


def test_an_infinitive_attached_as_an_adverbial_clause_is_a_complement() -> None:
    # "Qatar offered on Thursday to mediate"
    doc = parse(
        ("Qatar", 1, "nsubj", "PROPN", "NNP", "Qatar"),
        ("offered", 1, "ROOT", "VERB", "VBD", "offer"),
        ("on", 1, "prep", "ADP", "IN", "on"),
        ("Thursday", 2, "pobj", "PROPN", "NNP", "Thursday"),
        ("to", 5, "aux", "PART", "TO", "to"),
        ("mediate", 1, "advcl", "VERB", "VB", "mediate"),
    )
    assert tree.is_infinitive_clause(doc[5])
    assert not tree.is_infinitive_clause(doc[2])
    assert _texts(tree.prepositional_objects(doc[1], frozenset({"on"}))) == ["Thursday"]


def test_the_clause_of_a_word_and_the_verbs_governing_it() -> None:
    # "Iran said it would attack"
    doc = parse(
        ("Iran", 1, "nsubj", "PROPN", "NNP", "Iran"),
        ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("it", 4, "nsubj", "PRON", "PRP", "it"),
        ("would", 4, "aux", "AUX", "MD", "would"),
        ("attack", 1, "ccomp", "VERB", "VB", "attack"),
    )
    assert tree.clause_root(doc[2]).text == "attack"
    assert tree.clause_root(doc[4]).text == "attack"
    assert _texts(list(tree.governing_chain(doc[2]))) == ["it", "attack", "said"]
    assert doc[2].lower_ in tree.REPORTED_PRONOUNS


def test_objects_of_prepositions_two_levels_down() -> None:
    # "sought a resumption of ties with Eriador"
    doc = parse(
        ("sought", 0, "ROOT", "VERB", "VBD", "seek"),
        ("a", 2, "det", "DET", "DT", "a"),
        ("resumption", 0, "dobj", "NOUN", "NN", "resumption"),
        ("of", 2, "prep", "ADP", "IN", "of"),
        ("ties", 3, "pobj", "NOUN", "NNS", "tie"),
        ("with", 4, "prep", "ADP", "IN", "with"),
        ("Eriador", 5, "pobj", "PROPN", "NNP", "Eriador"),
    )
    assert _texts(tree.nested_objects(doc[2])) == ["ties", "Eriador"]
    # below the first level, "of" is the noun's own ("ties of friendship"), not a target
    assert _texts(tree.nested_objects(doc[2], frozenset({"with"}))) == []


def test_an_agentless_passive_takes_its_agent_from_a_temporal_clause() -> None:
    # "The treaty was suspended when India accused Pakistan"
    doc = parse(
        ("The", 1, "det", "DET", "DT", "the"),
        ("treaty", 3, "nsubjpass", "NOUN", "NN", "treaty"),
        ("was", 3, "auxpass", "AUX", "VBD", "be"),
        ("suspended", 3, "ROOT", "VERB", "VBN", "suspend"),
        ("when", 6, "advmod", "SCONJ", "WRB", "when"),
        ("India", 6, "nsubj", "PROPN", "NNP", "India"),
        ("accused", 3, "advcl", "VERB", "VBD", "accuse"),
        ("Pakistan", 6, "dobj", "PROPN", "NNP", "Pakistan"),
    )
    assert tree.subject_heads(doc[3]) == []
    clause = tree.implicit_agent_clause(doc[3])
    assert clause is not None and clause.text == "accused"
    assert _texts(tree.subject_heads(clause)) == ["India"]


def test_a_passive_participle_is_done_to_the_noun_it_modifies() -> None:
    # "a truce mediated by Oman"
    doc = parse(
        ("a", 1, "det", "DET", "DT", "a"),
        ("truce", 1, "ROOT", "NOUN", "NN", "truce"),
        ("mediated", 1, "acl", "VERB", "VBN", "mediate"),
        ("by", 2, "agent", "ADP", "IN", "by"),
        ("Oman", 3, "pobj", "PROPN", "NNP", "Oman"),
    )
    patient = tree.participle_patient(doc[2])
    assert patient is not None and patient.text == "truce"
    assert _texts(tree.subject_heads(doc[2])) == ["Oman"]
