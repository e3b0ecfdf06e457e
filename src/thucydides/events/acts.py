"""Acts about acts: appeals, demands, threats, intentions, refusals, declines and rejected
offers. Each has a governing verb or code and an embedded act (a clause, or an event noun),
and is coded by one table of grammar.yaml that maps the embedded act's code (by its longest
prefix) to the result: "urged them to resume talks" is 026, "threatened to impose
tariffs" 1312, "refused to meet" 125.

What stays apart are the ways the embedded act is found, one function each: a complement
clause ("urged them to resume talks"), the clause of a rejected offer's object ("turned
down an offer to mediate"), a refusing verb above it ("refused to meet"), a negated
acceptance ("would not accept mediation"), a declared refusal ("will not attend"), a verb
of intention above it ("vowed to retaliate").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from thucydides.events.lexicon import Lexicon
from thucydides.events.triggers import Triggers
from thucydides.grammar import tree
from thucydides.grammar.factuality import factuality
from thucydides.model import Factuality
from thucydides.nlp import sentence_lemmas

AboutKind = Literal["appeal", "demand", "threat", "intent", "rejection", "accusation"]
FUTURE_AUXILIARIES = frozenset({"will", "would", "wo", "'ll", "shall"})


@dataclass(frozen=True, slots=True)
class Intention:
    """A declared intention to act: the verb declaring it ("vowed"), how factual the
    declaration is, and whether it can only be a threat ("threatened to ...")."""

    governor: Token
    factuality: Factuality
    threat_only: bool


class Acts:
    """Codes acts about acts by the act they are about."""

    def __init__(self, lexicon: Lexicon, triggers: Triggers) -> None:
        self.lexicon = lexicon
        self._frames = lexicon.frames
        self._triggers = triggers
        self._tables: Mapping[AboutKind, Mapping[str, str]] = {
            "appeal": lexicon.appeal_codes,
            "demand": lexicon.demand_codes,
            "threat": lexicon.threat_codes,
            "intent": lexicon.intent_codes,
            "rejection": lexicon.refusal_codes,
            "accusation": lexicon.accusation_codes,
        }

    def about(self, kind: AboutKind, code: str) -> str | None:
        """The code of an act of ``kind`` about the act ``code``, or None: the entry for
        the longest key of the kind's table that ``code`` starts with."""
        table = self._tables[kind]
        for length in (4, 3, 2):
            if code[:length] in table:
                return table[code[:length]]
        return None

    def rejection(self, code: str) -> str:
        """Refusing ``code``: "refused to meet" is 125, not 04x; anything else is 120."""
        return self.about("rejection", code) or self._frames.generic("rejection")

    def intent(self, code: str, threat_only: bool = False) -> str | None:
        """What stating the intention to do ``code`` is: 03x or 13x, or None."""
        return self.about("threat", code) or (None if threat_only else self.about("intent", code))

    # ---- where the embedded act is ---------------------------------------------------------

    def asked_for(self, verb: Token, code: str) -> str:
        """An appeal, demand or warning coded by what it asks for or warns of ("urged them
        to resume talks" is 026); a code the pattern already made specific stays."""
        kind = self._frames.of(code).act
        if kind == "accusation":
            return self.accused_of(verb) or code
        if kind is None or kind == "rejection":
            return code
        lemmas = sentence_lemmas(verb)
        for complement in verb.children:
            if complement.dep_ in ("xcomp", "ccomp") or tree.is_infinitive_clause(complement):
                act = self._triggers.act_pattern(complement, lemmas)
                if act is None:
                    continue
                # "warned that Kyiv would walk away from the talks" threatens to halt
                # negotiations (134)
                asked = self.about(kind, act.code)
                if asked:
                    return asked
        return code

    def accused_of(self, verb: Token) -> str | None:
        """An accusation coded by the act it accuses of: "accused Algeria of shooting down
        one of its drones" (1123), "blamed the RSF for the killing of civilians" (1122)."""
        lemmas = sentence_lemmas(verb)
        for act in tree.prepositional_objects(verb, frozenset({"of", "for"})):
            pattern = (
                self._triggers.act_pattern(act, lemmas)
                if act.pos_ in ("VERB", "AUX")
                else self._triggers.noun_pattern(act, lemmas)
            )
            if pattern is None:
                continue
            code = self.about("accusation", pattern.state_code or pattern.code)
            victims = {o.lemma_.lower() for o in tree.object_heads(act)}
            if code and victims & self.lexicon.civilian_victims:
                return self.lexicon.civilian_abuse
            return code
        return None

    def rejected_offer(self, verb: Token, code: str) -> str:
        """A rejection coded by what the rejected offer or call was to do: "turned down an
        offer to mediate" (126), "rejected calls to lift the embargo" (1244)."""
        if self._frames.of(code).act != "rejection":
            return code
        lemmas = sentence_lemmas(verb)
        for obj in tree.object_heads(verb):
            for clause in obj.children:
                if clause.dep_ in ("acl", "relcl") and tree.has_to(clause):
                    act = self._triggers.act_pattern(clause, lemmas)
                    if act is not None:
                        return self.rejection(act.code)
        return code

    def refused(self, verb: Token, code: str, fact: Factuality) -> tuple[str, Factuality]:
        """ "Refused to meet", "would not accept mediation": a rejection, not a meeting or
        an acceptance; one that is itself only alleged ("accused of failing to meet") stays
        possible. The code and factuality of the act otherwise."""
        refusal = self._refusal(verb)
        accepted_not = (
            fact == "negated"
            and verb.lemma_.lower() in self.lexicon.acceptance_verbs
            and negated_here(verb)
            and not _perfect(verb)  # "have still not agreed" is a state, not a refusal
        )
        if refusal is None and not accepted_not:
            return code, fact
        alleged = refusal is not None and factuality(refusal, self.lexicon) != "asserted"
        return self.rejection(code), "possible" if alleged else "asserted"

    def _refusal(self, verb: Token) -> Token | None:
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.lexicon.refusal_verbs:
            return verb.head
        return None

    def declines(self, verb: Token, code: str, fact: Factuality) -> bool:
        """ "Said he would not provide support to Israel": saying one will not cooperate is
        itself a rejection (12x), which did happen."""
        return self._frames.of(code).cooperative and fact == "negated" and _will_not(verb)

    def intention(self, verb: Token) -> Intention | None:
        """ "Ready to meet Zelensky", "vowed to retaliate against India": saying one means to
        act is itself an event, the intent (03x) or threat (13x) to do it."""
        governor = verb
        while governor.dep_ == "conj" and governor.head.pos_ == "VERB":
            governor = governor.head  # "pledged to help train and equip": as "train"
        for _ in range(3):
            if not (governor.dep_ == "xcomp" or tree.is_infinitive_clause(governor)):
                return None
            governor = governor.head
            if self._triggers.lemma(governor) not in self.lexicon.phase_verbs:
                break  # "willing to start easing sanctions": past "start" to "willing"
        lemma = self._triggers.lemma(governor)
        if lemma not in self.lexicon.intention_verbs or negated_here(governor):
            return None
        fact = factuality(governor, self.lexicon)
        if fact == "negated":
            return None
        return Intention(governor, fact, lemma == "threaten")


def _will_not(verb: Token) -> bool:
    """ "will not attend", "would not provide": a declared refusal, not a report that
    something did not happen."""
    return negated_here(verb) and any(
        c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in verb.children
    )


def _perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def negated_here(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)
