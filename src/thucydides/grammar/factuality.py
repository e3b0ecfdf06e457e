"""Factuality: was the event reported as happening, as not happening, or as possible?

The closed word classes it reads (negation words, modal and reporting verbs, ...) are
passed in: the event lexicon loads them from ``data/events/grammar.yaml`` and has them all.
"""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Token

from thucydides.grammar.tree import has_to, is_infinitive_clause
from thucydides.model import Factuality


class FactualityWords(Protocol):
    """The closed word classes that decide factuality (lemmas, lower case)."""

    @property
    def negation_words(self) -> frozenset[str]: ...  # "not", "never", "no"
    @property
    def negation_nouns(self) -> frozenset[str]: ...  # "the lack of talks"
    @property
    def denial_verbs(self) -> frozenset[str]: ...  # "denied attacking"
    @property
    def allegation_verbs(self) -> frozenset[str]: ...  # "accused X of attacking"
    @property
    def reporting_verbs(self) -> frozenset[str]: ...  # pass their complement's through
    @property
    def possibility_verbs(self) -> frozenset[str]: ...  # "plans to", "may"
    @property
    def possibility_modifiers(self) -> frozenset[str]: ...  # "reportedly", "planned"
    @property
    def conditional_markers(self) -> frozenset[str]: ...  # "if", "unless"
    @property
    def proposal_nouns(self) -> frozenset[str]: ...  # "a proposal to deploy"


# Dependencies through which a governing word's modality reaches the trigger.
_PROPAGATING = frozenset(
    {
        "xcomp",
        "ccomp",
        "advcl",
        "conj",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "acl",
        "relcl",
        "nsubj",
        "nsubjpass",
        "attr",
    }
)


def factuality(trigger: Token, words: FactualityWords) -> Factuality:
    """``negated``, ``possible`` or ``asserted`` for the event triggered at ``trigger``.

    Looks at the trigger's own modifiers (negation, modal auxiliaries, "no", "rumored"),
    then up the chain of words governing it: a refusal or a denial of the noun ("the lack of
    talks"), a verb of intention or a modal ("plans to attack"), a condition ("if ...").
    Reporting verbs pass the modality of their complement through unchanged.
    """
    if _is_negated(trigger, words):
        return "negated"
    if _is_possible(trigger, words) or _proposed(trigger, words):
        return "possible"
    current = trigger
    for _ in range(8):
        if current.head.i == current.i or current.dep_ not in _PROPAGATING:
            break
        governor = current.head
        lemma = governor.lemma_.lower()
        if lemma in words.negation_nouns and current.dep_ in ("pobj", "prep"):
            return "negated"
        if lemma in words.denial_verbs and current.dep_ in ("ccomp", "xcomp", "dobj", "pcomp"):
            return "negated"
        if lemma in words.allegation_verbs and current.dep_ in ("ccomp", "prep", "pcomp", "pobj"):
            return "possible"
        if lemma in words.reporting_verbs:
            if _is_possible(governor, words):
                return "possible"
            break
        if _is_negated(governor, words) and current.dep_ in ("xcomp", "prep", "pobj", "dobj"):
            return "negated"
        if lemma in words.possibility_verbs and (
            # "a visit ... is planned for next week": the planned thing is its subject
            current.dep_ in ("xcomp", "ccomp", "dobj", "nsubjpass") or is_infinitive_clause(current)
        ):
            return "possible"
        if _is_possible(governor, words) and current.dep_ in ("xcomp", "conj"):
            return "possible"
        current = governor
    return "asserted"


def _proposed(trigger: Token, words: FactualityWords) -> bool:
    """ "A US proposal to deploy troops", "an offer to mediate": what is proposed."""
    return (
        trigger.dep_ in ("acl", "relcl")
        and trigger.head.lemma_.lower() in words.proposal_nouns
        and has_to(trigger)
    )


def _is_negated(token: Token, words: FactualityWords) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (
            child.dep_ in ("det", "advmod", "amod") and child.lower_ in words.negation_words
        ):
            return True
        if token.pos_ in ("VERB", "AUX") and _none_of(child):
            return True  # "no weapons have been delivered", "neither side has fired"
    return False


def _none_of(argument: Token) -> bool:
    """Whether a subject or object names no one or nothing: "no weapons", "neither India
    nor Pakistan"."""
    if argument.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    return any(
        c.dep_ in ("det", "preconj") and c.lower_ in ("no", "neither") for c in argument.children
    ) or argument.lower_ in ("nobody", "nothing", "none")


def _is_possible(token: Token, words: FactualityWords) -> bool:
    for child in token.children:
        lower = child.lower_
        if child.dep_ == "aux" and child.tag_ == "MD" and lower in words.possibility_verbs:
            return True
        if child.dep_ in ("amod", "advmod", "det") and lower in words.possibility_modifiers:
            return True
        if child.dep_ == "mark" and lower in words.conditional_markers:
            return True
    return False
