"""Resolve a free-standing actor string ("Pakistan's Foreign Office spokesperson") to an
actor, the way the in-text resolver does: used by evaluations, user tools and the API."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from thucydides.actors.kb import KnowledgeBase, country_actor, located
from thucydides.actors.matcher import MentionMatcher
from thucydides.actors.resolve import DocumentActors, PlaceLookup
from thucydides.model import Actor

# Words that can head a parse of a phrase without being its subject: "Several of the
# largest trade unions", "one of the soldiers".
_QUANTIFIER_POS = frozenset({"DET", "NUM", "ADJ", "PRON", "ADV"})


def phrase_head(doc: Doc, collective: frozenset[str] = frozenset()) -> Token | None:
    """The token that heads an actor phrase parsed on its own."""
    if not len(doc):
        return None
    head = next(iter(doc.sents)).root
    for _ in range(4):
        if head.pos_ not in _QUANTIFIER_POS and head.lower_ not in collective:
            break
        objects = [
            g
            for c in head.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if not objects:
            break
        head = objects[0]
    if head.pos_ in ("VERB", "AUX", "ADP"):
        nouns = [t for t in doc if t.pos_ in ("NOUN", "PROPN")]
        return nouns[-1] if nouns else head
    return head


def resolve_phrase(
    nlp: Language,
    kb: KnowledgeBase,
    matcher: MentionMatcher,
    text: str,
    context: str | None = None,
    day: date | None = None,
    places: PlaceLookup | None = None,
) -> Actor | None:
    """The actor ``text`` names on ``day``; ``context`` (a country or adjective that the
    surrounding text gives, e.g. "Mexican") supplies a missing country."""
    doc = nlp(text)
    head = phrase_head(doc, kb.collective_heads)
    if head is None:
        return None
    actors = DocumentActors(doc, kb, matcher, day, places)
    refs = actors.resolve(head)
    if not refs or refs[0].actor.country is None:
        refs = actors.resolve_whole(head) or refs
    actor = refs[0].actor if refs else None
    if context and (actor is None or actor.country is None):
        fallback = resolve_phrase(nlp, kb, matcher, context, None, day, places)
        if fallback is not None and fallback.country is not None:
            if actor is None:
                return country_actor(fallback.country)
            return located(actor, fallback.country)
    return actor
