"""Find event triggers in parsed sentences and code them in CAMEO with their roles.

For each sentence the coder looks for

1. verb triggers (and predicative adjectives: "is open to") matched against the pattern
   lexicon, most specific pattern first;
2. light verbs whose object noun is a trigger ("began Operation Sindoor", "served as
   mediators"), coded as the noun's event with the verb's subject as actor;
3. nominal triggers with their own actor ("Pakistan's response", "strikes by India");

then fills in actors and recipients from the parse, factuality, the reporting speaker, a
refusal ("refused to meet" is a rejection), weapon refinements (missiles → 195), and drops
duplicate codings of one event within a sentence. Dates and places are added afterwards.

The knowledge lives beside this orchestration, one module per kind: which pattern a word
takes (``triggers``), who did it to whom (``participants``), acts about acts (``acts``),
refinements by cues (``refine``), sentence filters (``filters``), what earlier sentences
said (``discourse``), and how each CAMEO code takes its roles (``frames``, from
``data/events/frames.tsv``). The English grammar they read the parse with (subjects,
objects, clauses, factuality) is ``thucydides.grammar``, shared with speech and agreements.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Span, Token

from thucydides.actors.resolve import DocumentActors
from thucydides.events import filters
from thucydides.events.acts import Acts, Intention
from thucydides.events.dictionary import VerbLayer
from thucydides.events.discourse import Discourse
from thucydides.events.lexicon import Lexicon, Pattern
from thucydides.events.participants import Participants, between, of_the_territory
from thucydides.events.records import Coding, EventReport, actor_code, identity
from thucydides.events.refine import Refinements, state_code
from thucydides.events.triggers import Triggers, phrase_lemmas
from thucydides.grammar import tree
from thucydides.grammar.factuality import factuality
from thucydides.model import ActorRef, Factuality
from thucydides.nlp import sentence_lemmas

__all__ = ["Coding", "EventCoder"]

# Nouns of a response, aimed at whoever last acted against the responder.
RESPONSE_NOUNS = frozenset({"response", "retaliation", "reprisal"})


class EventCoder:
    """Codes sentences with the project's patterns and verb-dictionary layers.

    Precedence for a verb: (1) the user's verb dictionaries, the last given first — a verb
    one of them lists is coded by it alone, ``[---]`` meaning no event; (2) the project's
    patterns, most specific first; (3) the built-in CAMEO.2.0 dictionary, where no project
    pattern matches (see :mod:`thucydides.events.triggers`).
    """

    def __init__(
        self,
        lexicon: Lexicon,
        user_layers: Sequence[VerbLayer] = (),
        builtin_layer: VerbLayer | None = None,
        codes: frozenset[str] = frozenset(),
    ) -> None:
        self.lexicon = lexicon
        self._frames = lexicon.frames
        self.triggers = Triggers(lexicon, user_layers, builtin_layer, codes)
        self.participants = Participants(lexicon, self.triggers)
        self.acts = Acts(lexicon, self.triggers)
        self.refinements = Refinements(lexicon, self.triggers)

    def code_sentence(
        self, index: int, sentence: Span, actors: DocumentActors, previous: Sequence[Coding]
    ) -> list[Coding]:
        lemmas = sentence_lemmas(sentence[0])
        codings: list[Coding] = []
        used_nouns: set[int] = set()
        for token in sentence:
            discourse = Discourse(previous, tuple(codings), self._frames)
            for found in self._code_token(token, lemmas, actors, discourse, used_nouns):
                codings.append(replace(found, sentence=index))
        return self._filtered(sentence, codings)

    def _filtered(self, sentence: Span, codings: list[Coding]) -> list[Coding]:
        """The sentence's codings without those its other codings or its page make wrong."""
        frames = self._frames
        codings = filters.without_history(codings)
        if filters.on_sports_pages(sentence, self.lexicon.sports_words, self.lexicon.vote_words):
            codings = filters.without_force(codings, frames)
        codings = filters.without_protest_demands(codings, frames)
        codings = filters.without_asked_acts(codings, frames)
        codings = filters.without_consequences(codings, frames)
        return filters.deduplicate(codings, frames)

    # ---- triggers ---------------------------------------------------------------------------

    def _code_token(
        self,
        token: Token,
        lemmas: frozenset[str],
        actors: DocumentActors,
        discourse: Discourse,
        used_nouns: set[int],
    ) -> Iterator[Coding]:
        triggers = self.triggers
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            light = triggers.light_event(token, lemmas)
            if light is not None:
                used_nouns.add(light[0].i)
                yield from self._verbal(token, light[0], light[1], actors, discourse)
                return
            verbal = triggers.verbal_pattern(token, lemmas)
            if verbal is not None:
                codings = _with_reverse(
                    verbal, self._verbal(token, token, verbal, actors, discourse)
                )
                if verbal.dyadic:
                    codings = (
                        c for c in codings if actor_code(c.actor) and actor_code(c.recipient)
                    )
                yield from codings
        elif token.pos_ in ("NOUN", "PROPN") and token.i not in used_nouns:
            if triggers.is_no_trigger(token):
                return
            adjective = self.lexicon.stance_nouns.get(triggers.lemma(token))
            if adjective is not None:
                yield from self._disposition(token, adjective, lemmas, actors, discourse)
                return
            pattern = triggers.noun_pattern(token, lemmas)
            if pattern is not None:
                yield from self._nominal(token, pattern, actors, discourse)

    def _disposition(
        self,
        noun: Token,
        adjective: str,
        lemmas: frozenset[str],
        actors: DocumentActors,
        discourse: Discourse,
    ) -> Iterator[Coding]:
        """ "its openness to mediation": coded like "open to mediation"; the holder is the
        possessor ("Pakistan's openness") or else the subject of the governing verb."""
        objects = frozenset(
            w
            for prep in noun.children
            if prep.dep_ == "prep"
            for obj in prep.children
            if obj.dep_ in ("pobj", "pcomp")
            for w in phrase_lemmas(obj)
        )
        for pattern in self.lexicon.verbs.get(adjective, ()):
            if pattern.particles or (pattern.objects and not pattern.objects & objects):
                continue  # "openness to talks" is not "open fire"
            if pattern.context and not pattern.context & lemmas:
                continue
            owners = [c for c in noun.children if c.dep_ == "poss"]
            holders = [r for o in owners for r in actors.resolve(o)]
            if not holders and noun.dep_ in ("dobj", "attr"):
                holders, _ = self.participants.agents(noun.head, actors, discourse)
            verb = noun.head if noun.dep_ in ("dobj", "attr") else noun
            fact = factuality(noun, self.lexicon)
            report = self._report(noun, verb, fact, pattern, False, actors)
            recipients = self.participants.nominal_recipients(noun, actors, pattern.code)
            for holder in holders:
                for recipient in _or_none(recipients):
                    yield report.coding(pattern.code, holder, recipient)
            return

    # ---- verbal events ------------------------------------------------------------------------

    def _verbal(
        self,
        verb: Token,
        trigger: Token,
        pattern: Pattern,
        actors: DocumentActors,
        discourse: Discourse,
    ) -> Iterator[Coding]:
        participants, acts = self.participants, self.acts
        agents, inferred = participants.agents(verb, actors, discourse)
        if not agents and not tree.is_passive(verb):
            return  # an active verb with no identifiable subject codes nothing
        # "protesters marched through Tbilisi": people of no named country are the place's
        agents = [participants.placed_country(a, verb, actors) for a in agents]
        if pattern.converse:
            agents, recipients = participants.givers(verb, actors), agents
        else:
            recipients = participants.recipients(verb, trigger, actors, agents, pattern.code)
        frame = self._frames.of(pattern.code)
        if not recipients and frame.complement_recipient:
            recipients = participants.complement_recipients(verb, actors, agents)
        if frame.territorial:
            agents = [of_the_territory(a, recipients) for a in agents]
        code = acts.rejected_offer(verb, acts.asked_for(verb, pattern.code))
        code, fact = acts.refused(verb, code, factuality(verb, self.lexicon))
        if agents and not recipients and self._frames.of(code).belligerents:
            recipients = [
                r
                for r in discourse.belligerents()
                if r.actor.code not in {a.actor.code for a in agents}
            ]
        report = self._report(trigger, verb, fact, pattern, inferred, actors)
        intention = self._intention(verb, pattern, inferred, actors)
        # "ready to pull troops back if India reciprocated": an offer is made to the party
        # whose act is its condition
        addressee = participants.condition_party(verb, actors, agents) if intention else None
        if (
            not recipients
            and len(agents) > 1
            and (self._frames.of(code).mutual or _reciprocal(verb))
        ):
            # Coordinated actors doing something together: each is the other's recipient.
            refined = self.refinements.refine(code, verb)
            for one in agents:
                for other in agents:
                    if identity(other) != identity(one):
                        yield from self._act_or_intent(
                            report, intention, refined, verb, one, other, other, actors
                        )
            return
        declined = acts.declines(verb, code, fact)
        for agent in _or_none(agents):
            resolved = self.refinements.refine(state_code(pattern, code, agent), verb)
            for recipient in _or_none(recipients):
                if agent is not None or recipient is not None:
                    addressed = recipient if actor_code(recipient) else addressee
                    yield from self._act_or_intent(
                        report, intention, resolved, verb, agent, recipient, addressed, actors
                    )
                    if declined and agent is not None:
                        # "said he would not provide support to Israel": saying one will
                        # not cooperate is itself a rejection (12x), which did happen.
                        yield replace(
                            report.coding(acts.rejection(code), agent, recipient),
                            factuality="asserted",
                        )

    def _act_or_intent(
        self,
        report: EventReport,
        intention: tuple[EventReport, bool] | None,
        code: str,
        verb: Token,
        agent: ActorRef | None,
        recipient: ActorRef | None,
        addressed: ActorRef | None,
        actors: DocumentActors,
    ) -> Iterator[Coding]:
        """The act, and the intent to do it when it is only declared (addressed to
        ``addressed``): an intent to cooperate (03x) stands for the act, a threat (13x) is
        coded beside it ("attack" by an army is military force: a threat of force)."""
        intended = (
            list(self._intended(intention, code, agent, addressed)) if agent is not None else []
        )
        if not any(self._frames.of(i.code).stands_for_act for i in intended):
            venue = self.refinements.venue(code, verb, agent, recipient, actors)
            yield report.coding(venue, agent, recipient)
        yield from intended

    def _intention(
        self, verb: Token, pattern: Pattern, inferred: bool, actors: DocumentActors
    ) -> tuple[EventReport, bool] | None:
        """ "Ready to meet Zelensky", "vowed to retaliate against India": the report of the
        declared intention, and whether it can only be a threat ("threatened to ...")."""
        intention: Intention | None = self.acts.intention(verb)
        if intention is None:
            return None
        governor = intention.governor
        report = self._report(governor, governor, intention.factuality, pattern, inferred, actors)
        return report, intention.threat_only

    def _intended(
        self,
        intention: tuple[EventReport, bool] | None,
        code: str,
        agent: ActorRef,
        recipient: ActorRef | None,
    ) -> Iterator[Coding]:
        if intention is not None:
            report, threat_only = intention
            intent = self.acts.intent(code, threat_only)
            if intent is not None:
                yield report.coding(intent, agent, recipient)

    def _report(
        self,
        trigger: Token,
        clause: Token,
        fact: Factuality,
        pattern: Pattern,
        inferred: bool,
        actors: DocumentActors,
    ) -> EventReport:
        reporter = self.participants.reporter(clause)
        speaker = self.participants.speaker(clause, reporter, actors)
        return EventReport(
            trigger, fact, reporter, speaker, pattern.specificity, inferred, pattern.rule
        )

    # ---- nominal events ---------------------------------------------------------------------

    def _nominal(
        self, noun: Token, pattern: Pattern, actors: DocumentActors, discourse: Discourse
    ) -> Iterator[Coding]:
        participants = self.participants
        agents = participants.nominal_agents(noun, actors)
        frame = self._frames.of(pattern.code)
        if frame.third_party and between(noun, agents):
            return  # "its mediation between Israel and Hamas" is not done by either party
        if not agents:
            # An indefinite truce with no parties named ("A truce ... ended the conflict")
            # is between the sides of the latest fighting; "the ceasefire" refers back.
            if frame.belligerent_actors and not _definite(noun):
                agents = discourse.belligerents()
            if not agents:
                return
        agents = agents[:1]  # one coding per event; the other side is the recipient
        agent_codes = {agents[0].actor.code}
        recipients = [
            r
            for r in participants.nominal_recipients(noun, actors, pattern.code)
            if r.actor.code not in agent_codes
        ]
        if not recipients and noun.lemma_.lower() in RESPONSE_NOUNS:
            recipients = discourse.last_attacker_of(agents[0])
        if not recipients and frame.belligerents:
            recipients = [r for r in discourse.belligerents() if r.actor.code not in agent_codes]
        fact = factuality(noun, self.lexicon)
        report = self._report(noun, noun, fact, pattern, False, actors)
        # "a ceasefire between Israel and Hezbollah", "a call between the two ministers":
        # something the parties do together is coded for each of them.
        mutual = frame.mutual and between(noun, agents)
        for agent in agents:
            code = self.refinements.refine(state_code(pattern, pattern.code, agent), noun)
            for recipient in _or_none(recipients):
                yield report.coding(code, agent, recipient)
                if mutual and recipient is not None:
                    yield report.coding(code, recipient, agent)


# ---- helpers --------------------------------------------------------------------------------


def _with_reverse(pattern: Pattern, codings: Iterable[Coding]) -> Iterator[Coding]:
    """A dictionary's ``[042:043]`` codes the recipient's act back too; ``[:020]`` only it."""
    for coding in codings:
        if pattern.forward:
            yield coding
        if (pattern.reverse or not pattern.forward) and coding.actor and coding.recipient:
            code = pattern.reverse or pattern.code
            yield replace(coding, code=code, actor=coding.recipient, recipient=coding.actor)


def _reciprocal(verb: Token) -> bool:
    """ "Postponed their meeting", "accused each other": what coordinated actors do to
    one another."""
    for child in verb.children:
        if child.dep_ in ("dobj", "pobj", "prep") and any(
            g.dep_ == "poss" and g.lower_ == "their" for g in child.children
        ):
            return True
    words = [t.lower_ for t in verb.subtree]
    return any((a, b) in (("each", "other"), ("one", "another")) for a, b in pairwise(words))


def _or_none(refs: list[ActorRef]) -> list[ActorRef | None]:
    """The actors, or a single unknown one: an event may lack an actor or a recipient."""
    return list(refs) if refs else [None]


def _definite(noun: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss")
        and c.lower_ in ("the", "this", "that", "these", "those", "its", "their")
        for c in noun.children
    )
