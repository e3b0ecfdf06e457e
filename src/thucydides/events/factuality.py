"""Factuality: was the event reported as happening, as not happening, or as possible?"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.events.lexicon import Lexicon
from thucydides.events.roles import has_to, is_infinitive_clause
from thucydides.model import Factuality

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


def factuality(trigger: Token, lexicon: Lexicon) -> Factuality:
    """``negated``, ``possible`` or ``asserted`` for the event triggered at ``trigger``.

    Looks at the trigger's own modifiers (negation, modal auxiliaries, "no", "rumored"),
    then up the chain of words governing it: a refusal or a denial of the noun ("the lack of
    talks"), a verb of intention or a modal ("plans to attack"), a condition ("if ...").
    Reporting verbs pass the modality of their complement through unchanged.
    """
    if _is_negated(trigger, lexicon):
        return "negated"
    if _is_possible(trigger, lexicon) or _proposed(trigger, lexicon):
        return "possible"
    current = trigger
    for _ in range(8):
        if current.head.i == current.i or current.dep_ not in _PROPAGATING:
            break
        governor = current.head
        lemma = governor.lemma_.lower()
        if lemma in lexicon.negation_nouns and current.dep_ in ("pobj", "prep"):
            return "negated"
        if lemma in lexicon.denial_verbs and current.dep_ in ("ccomp", "xcomp", "dobj", "pcomp"):
            return "negated"
        if lemma in lexicon.allegation_verbs and current.dep_ in ("ccomp", "prep", "pcomp", "pobj"):
            return "possible"
        if lemma in lexicon.reporting_verbs:
            if _is_possible(governor, lexicon):
                return "possible"
            break
        if _is_negated(governor, lexicon) and current.dep_ in ("xcomp", "prep", "pobj", "dobj"):
            return "negated"
        if lemma in lexicon.possibility_verbs and (
            # "a visit ... is planned for next week": the planned thing is its subject
            current.dep_ in ("xcomp", "ccomp", "dobj", "nsubjpass") or is_infinitive_clause(current)
        ):
            return "possible"
        if _is_possible(governor, lexicon) and current.dep_ in ("xcomp", "conj"):
            return "possible"
        current = governor
    return "asserted"


def _proposed(trigger: Token, lexicon: Lexicon) -> bool:
    """ "A US proposal to deploy troops", "an offer to mediate": what is proposed."""
    return (
        trigger.dep_ in ("acl", "relcl")
        and trigger.head.lemma_.lower() in lexicon.proposal_nouns
        and has_to(trigger)
    )


def _is_negated(token: Token, lexicon: Lexicon) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (
            child.dep_ in ("det", "advmod", "amod") and child.lower_ in lexicon.negation_words
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


def _is_possible(token: Token, lexicon: Lexicon) -> bool:
    for child in token.children:
        lower = child.lower_
        if child.dep_ == "aux" and child.tag_ == "MD" and lower in lexicon.possibility_verbs:
            return True
        if child.dep_ in ("amod", "advmod", "det") and lower in lexicon.possibility_modifiers:
            return True
        if child.dep_ == "mark" and lower in lexicon.conditional_markers:
            return True
    return False
