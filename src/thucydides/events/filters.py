"""Sentence filters: codings a sentence's other codings or its page make wrong (HeidelTime's
negative rules). Each takes the sentence's codings and returns those that stay."""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Span, Token

from thucydides.events.frames import Frames
from thucydides.events.records import Coding, actor_code, identity
from thucydides.grammar import tree

SCORE = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])")


def on_sports_pages(
    sentence: Span, sports_words: frozenset[str], vote_words: frozenset[str] = frozenset()
) -> bool:
    """ "Spain beat England 2-1 in the final": a match, not a use of force."""
    if SCORE.search(sentence.text) and not any(t.lemma_.lower() in vote_words for t in sentence):
        return True  # "voted 13-0 to condemn the attack" is a tally, not a score
    words = [t.lower_ for t in sentence]
    phrases = {*words, *(f"{a} {b}" for a, b in pairwise(words))}
    return not phrases.isdisjoint(sports_words)


def without_force(codings: list[Coding], frames: Frames) -> list[Coding]:
    """On the sports pages: "attacked relentlessly" is play."""
    return [c for c in codings if not frames.of(c.code).force]


def without_history(codings: list[Coding]) -> list[Coding]:
    return [c for c in codings if not _history(c.trigger)]


def _history(trigger: Token) -> bool:
    """ "... almost five years after crowds trashed its embassy": an event recalled as the
    background years back is history, not news of the day."""
    clause = tree.clause_root(trigger)
    return (
        clause.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in ("after", "since") for m in clause.children)
        and any(
            c.dep_ == "npadvmod" and c.lemma_.lower() in ("year", "decade", "century")
            for c in clause.children
        )
    )


def without_protest_demands(codings: list[Coding], frames: Frames) -> list[Coding]:
    """ "Marched through Tbilisi, demanding a change of policy": the demand is what the
    protest is for, not a second event."""
    # the protest's verb, or the light verb whose object names it ("launched a strike")
    protests = {
        i for c in codings if frames.of(c.code).protest for i in (c.trigger.i, c.trigger.head.i)
    }
    return [
        c
        for c in codings
        if not (
            frames.of(c.code).protest_purpose
            and c.trigger.dep_ in ("advcl", "xcomp")
            and c.trigger.head.i in protests
        )
    ]


def without_asked_acts(codings: list[Coding], frames: Frames) -> list[Coding]:
    """ "Demanded that Rwanda withdraw its troops": the appeal or demand (coded by what it
    asks for) stands for the act asked for, which is not coded as well."""
    asked = {
        complement.i
        for c in codings
        if frames.of(c.code).asks
        for complement in c.trigger.children
        if complement.dep_ in ("ccomp", "xcomp") or tree.is_infinitive_clause(complement)
    }
    # the act asked for, or an event noun inside it ("to accept Turkish mediation")
    return [
        c
        for c in codings
        if not (
            c.factuality == "possible"
            and (c.trigger.i in asked or any(a.i in asked for a in c.trigger.ancestors))
        )
    ]


def without_consequences(codings: list[Coding], frames: Frames) -> list[Coding]:
    """ "Bombed a school, killing 20 children": the killing is what the bombing did, not a
    second attack."""
    force = {c.trigger.i for c in codings if frames.of(c.code).violent}
    return [
        c
        for c in codings
        if not (
            frames.of(c.code).violent
            and c.trigger.dep_ == "advcl"
            and c.trigger.tag_ == "VBG"
            and c.trigger.head.i in force
        )
    ]


def deduplicate(codings: list[Coding], frames: Frames) -> list[Coding]:
    """One event per (actor, recipient, root) in a sentence: keep the most specific coding."""
    best: dict[tuple[str | None, str | None, str], Coding] = {}
    order: list[tuple[str | None, str | None, str]] = []
    for coding in codings:
        actor = identity(coding.actor)
        recipient = identity(coding.recipient)
        key = (actor, recipient, coding.code[:2])
        current = best.get(key)
        if current is None:
            best[key] = coding
            order.append(key)
        elif frames.of(coding.code).yields_to == current.code:
            continue  # "bombed ... struck": the code the other yields to stays, in any order
        elif (len(coding.code), coding.specificity) > (len(current.code), current.specificity) or (
            frames.of(current.code).yields_to == coding.code
        ):
            best[key] = coding
    # A coding without a recipient is dropped when the same actor has one with a recipient.
    result = [best[k] for k in order]
    # A coding whose recipient is not identified ("killing at least five people") is
    # dropped likewise.
    # The same actor is the same person, not only the same code: in "Rubio met Lavrov and
    # Trump met the press", Trump's meeting is not Rubio's.
    with_recipient = {(identity(c.actor), c.code[:2]) for c in result if actor_code(c.recipient)}
    return [
        c
        for c in result
        if actor_code(c.recipient) or (identity(c.actor), c.code[:2]) not in with_recipient
    ]
