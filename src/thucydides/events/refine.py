"""Code refinements: cues in the sentence make a generic code specific. The frames table
names each code's refinement (``refine=protest_aim``); the refiners are registered here by
that name. Beside them: a state actor's own code (``state_code``) and a meeting's third
location (044)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Token

from thucydides.actors.resolve import DocumentActors
from thucydides.events.frames import Refinement
from thucydides.events.lexicon import Lexicon, Pattern
from thucydides.events.triggers import CIRCUMSTANCE_PREPS, Triggers
from thucydides.grammar import tree
from thucydides.model import ActorRef

STATE_KINDS = frozenset({"country"})
STATE_SECTORS = frozenset({"GOV", "MIL"})

Refiner = Callable[[str, Token], str]


class Refinements:
    """Makes codes specific by what the sentence says."""

    def __init__(self, lexicon: Lexicon, triggers: Triggers) -> None:
        self.lexicon = lexicon
        self._frames = lexicon.frames
        self._triggers = triggers
        self.refiners: Mapping[Refinement, Refiner] = {
            "protest_aim": self._protest_aim,
            "investigation": self._investigated,
            "aid_kind": self._aid_kind,
            "aid_kind_sibling": self._aid_kind_sibling,
            "weapon": self._weapon,
        }

    def refine(self, code: str, trigger: Token) -> str:
        """Weapons named in the clause make a generic military code specific (missiles →
        195); what a protest is against or for makes it specific too (cuts → 1412)."""
        refinement = self._frames.of(code).refine
        return code if refinement is None else self.refiners[refinement](code, trigger)

    def _weapon(self, code: str, trigger: Token) -> str:
        """ "Missiles" in the clause of a generic attack or fight make it an aerial one (195)."""
        clause = tree.clause_root(trigger)
        scope = [trigger, *trigger.subtree, *clause.subtree]
        for token in scope:
            refined = self.lexicon.instruments.get(token.lemma_.lower())
            if refined is not None:
                return refined
        return code

    def _aid_kind(self, code: str, trigger: Token) -> str:
        """ "Appealed for financial help" (0231), "suspended military aid" (1622): the kind
        of aid its words name makes an aid code specific."""
        digit = _cued_digit(self.lexicon.aid_kinds, _argument_lemmas(trigger))
        return code if digit is None else code + digit

    def _aid_kind_sibling(self, code: str, trigger: Token) -> str:
        """070 "provide aid" has its kinds beside it (071 ...), the others below."""
        digit = _cued_digit(self.lexicon.aid_kinds, _argument_lemmas(trigger))
        return code if digit is None else code[:-1] + digit

    def _investigated(self, code: str, trigger: Token) -> str:
        """ "Opened an investigation into alleged abuses by the army" (092), "an insurrection
        probe" (091): an investigation is coded as investigating what it is into."""
        # what it is into, not who investigates ("the human rights office's inquiry")
        words = _argument_lemmas(trigger)
        for pattern in self.lexicon.verbs.get("investigate", ()):
            if pattern.objects & words:
                return pattern.code
        return code

    def _protest_aim(self, code: str, trigger: Token) -> str:
        """ "Marched against President Milei's cuts" (1412), "demanding his resignation"
        (1411): the aim a protest's phrase or purpose clause names."""
        clause = tree.clause_root(trigger)
        # the clause without its subordinate clauses of time or cause ("as anger over a
        # finance bill spilled onto the streets" is not what the stones were thrown for)
        aside = {
            t.i
            for c in clause.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children)
            for t in c.subtree
        }
        words = {t.lemma_.lower() for t in (*trigger.subtree, *clause.subtree) if t.i not in aside}
        digit = _cued_digit(self.lexicon.protest_aims, words)
        return code if digit is None else code + digit

    def venue(
        self,
        code: str,
        verb: Token,
        agent: ActorRef | None,
        recipient: ActorRef | None,
        actors: DocumentActors,
    ) -> str:
        """A meeting or talks held in a country neither side is from is CAMEO's meeting at
        a third location (044): "Rubio met Lavrov in Riyadh"."""
        third_location = self._frames.of(code).third_location
        if third_location is None or agent is None or recipient is None:
            return code
        sides = {agent.actor.country, recipient.actor.country}
        if None in sides or sides & {"IGO", "NGO"}:
            return code
        # the place the verb's own phrases name, not the subject's ("the US commander in
        # Iraq held talks in Beirut")
        places = {
            actors.place_country(child, self._triggers.is_event_noun)
            for child in verb.children
            if child.dep_ not in ("nsubj", "nsubjpass", "agent", "advcl", "ccomp", "conj")
        } - {None}
        return third_location if len(places) == 1 and not places & sides else code


def state_code(pattern: Pattern, code: str, agent: ActorRef | None) -> str:
    """A pattern's own code for an act of a state ("state_code")."""
    if pattern.state_code and agent is not None and _is_state(agent):
        return pattern.state_code
    return code


def _is_state(ref: ActorRef) -> bool:
    actor = ref.actor
    return actor.kind in STATE_KINDS or (actor.sector in STATE_SECTORS and actor.kind != "group")


def _cued_digit(table: Mapping[str, frozenset[str]], words: set[str]) -> str | None:
    """The first digit of ``table`` whose cue words appear among ``words`` (the kind of aid,
    the aim of a protest), or None."""
    return next((digit for digit, cues in table.items() if not words.isdisjoint(cues)), None)


def _argument_lemmas(trigger: Token) -> set[str]:
    """Lemmas of what a trigger's phrase is about, leaving out who does it."""
    return {
        t.lemma_.lower()
        for child in trigger.children
        if child.dep_ not in ("nsubj", "nsubjpass", "poss", "agent", "punct", "cc", "advcl")
        # nor when or why: "suspended its membership after the military coup"
        and not (child.dep_ == "prep" and child.lower_ in CIRCUMSTANCE_PREPS)
        for t in child.subtree
    }
