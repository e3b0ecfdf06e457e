"""Who did it and to whom, for a trigger the patterns coded: agents, recipients, the
reporting speaker, each found by small named rules over the parse (grammar/tree.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from thucydides.actors.kb import located
from thucydides.actors.resolve import DocumentActors
from thucydides.events.discourse import Discourse
from thucydides.events.frames import Frame
from thucydides.events.lexicon import Lexicon
from thucydides.events.records import actor_code
from thucydides.events.triggers import Triggers
from thucydides.grammar import tree
from thucydides.model import ActorRef
from thucydides.nlp import quotation_cue

STATEMENT_PREPS = frozenset({"about", "regarding", "concerning"})
# "in"/"at" after a verb give the place ("held talks in Riyadh"), not the recipient; after
# the object they give the target ("hit targets in Pakistan", see tree.OBJECT_PREPS).
RECIPIENT_PREPS = frozenset(
    {
        "against",
        "on",
        "with",
        "to",
        "toward",
        "towards",
        "into",
        "upon",
        "from",
        "over",
        "for",
        "by",
        "between",  # "mediated between Russia and Ukraine"
    }
)
# Sectors the place an event happens in says nothing of: international bodies, and the
# armed forces and officials of states, who act abroad ("its warplanes struck targets in
# Iraq"). Any other actor of no named country ("protesters", "militants", "police") is of
# the event's place.
UNPLACED_SECTORS = frozenset({"IGO", "NGO", "MIL", "GOV", "SPY"})
# Verbs of a protest's purpose clause that name whom it is aimed at.
PURPOSE_VERBS = frozenset({"demand", "press", "urge", "call", "protest", "denounce"})
# A locative phrase can only name a country (or its region) as the recipient.
PLACE_KINDS = frozenset({"country", "region"})
# Authorities whose acts on people of no named country are on their own people.
DOMESTIC_AUTHORITIES = frozenset({"GOV", "COP", "JUD", "LEG"})
# Armed groups of no state, who mostly fight where they are from.
IRREGULAR_FORCES = frozenset({"INS", "REB", "SEP", "PRM", "UAF", "CRM"})
# People a state's forces act on at home more often than abroad.
CIVIL_SECTORS = frozenset({"OPP", "CVL", "MED", "LAB", "EDU", "AGR", "HLH", "REL", "PTY"})
# Prepositions of where a march goes.
MARCH_PREPS = frozenset({"to", "into", "through", "toward", "towards", "across"})
# Prepositions that name the event an agentless passive happened in ("killed in shelling").
CAUSE_PREPS = frozenset({"in", "by", "during"})
# Nouns that stand for an earlier event when used as an actor ("The assault killed ...").
EVENT_ANAPHORS = frozenset(
    {"assault", "attack", "operation", "strike", "offensive", "raid", "bombardment", "strikes"}
)


@dataclass(frozen=True, slots=True)
class _RecipientSearch:
    """What the rules for a verb's recipient look at, and the event nouns passed so far."""

    trigger: Token
    frame: Frame
    actors: DocumentActors
    instruments: frozenset[str]
    agent_countries: frozenset[str | None]
    events: set[int] = field(default_factory=set)


def _is_the_trigger(search: _RecipientSearch, head: Token) -> bool:
    """ "Held talks in Riyadh": the event noun is not its own recipient."""
    return head.i == search.trigger.i


def _is_a_weapon(search: _RecipientSearch, head: Token) -> bool:
    """ "Fired artillery shells at Seoul": the weapon is not the target."""
    return head.lemma_.lower() in search.instruments


def _is_the_agents_own(search: _RecipientSearch, head: Token) -> bool:
    """ "Recalled its ambassador to France": the actor's own, not a target (but "hosted his
    Ugandan counterpart" is)."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children) and {
        r.actor.country for r in search.actors.resolve(head)
    } <= search.agent_countries | {None}


def _is_in_a_commented_event(search: _RecipientSearch, head: Token) -> bool:
    """ "Claimed responsibility for an attack on a checkpoint": a comment on an event is not
    addressed to the event's target."""
    return search.frame.statement and any(a.i in search.events for a in head.ancestors)


# Heads that are never a verb's recipient, in the order they are tried.
NOT_RECIPIENTS: tuple[Callable[[_RecipientSearch, Token], bool], ...] = (
    _is_the_trigger,
    _is_a_weapon,
    _is_the_agents_own,
    _is_in_a_commented_event,
)


class Participants:
    """Agents, recipients and speakers of events."""

    def __init__(self, lexicon: Lexicon, triggers: Triggers) -> None:
        self.lexicon = lexicon
        self._frames = lexicon.frames
        self._triggers = triggers
        # Verbs whose object does what their complement says: "urged the Council to meet",
        # "accused Pakistan of shelling".
        self._object_control = lexicon.object_control_verbs | lexicon.allegation_verbs

    # ---- agents -----------------------------------------------------------------------------

    def agents(
        self, verb: Token, actors: DocumentActors, discourse: Discourse
    ) -> tuple[list[ActorRef], bool]:
        heads = tree.subject_heads(verb, self._object_control)
        if not heads and tree.is_passive(verb):
            clause = tree.implicit_agent_clause(verb)
            if clause is not None:
                return self.agents(clause, actors, discourse)[0], True
            cause = self._cause_agents(verb, actors)
            if cause:
                return cause, False
        patient = tree.participle_patient(verb)
        if not heads and patient is not None:
            return [], False
        found: list[ActorRef] = []
        inferred = False
        for head in heads:
            refs = actors.resolve(head)
            if not refs and head.lemma_.lower() in self.lexicon.document_nouns:
                # "the Council adopted a resolution demanding a ceasefire": who adopted it
                refs = [r for h in tree.subject_heads(head.head) for r in actors.resolve(h)]
            if not refs and head.lemma_.lower() in EVENT_ANAPHORS:
                refs = discourse.latest_violent_actor()
                inferred = bool(refs)
            if not refs and head.lower_ in tree.REPORTED_PRONOUNS | {"he", "she"}:
                # "Iran said it was ready to talk": "it" is the one who said so; "the
                # minister said he was confident" likewise.
                # "Belarus denied that it was massing troops": the one who denied it
                reporter = self.reporter(verb) or self._denier(verb)
                if reporter is not None and reporter.i != verb.i:
                    refs = [r for h in tree.subject_heads(reporter) for r in actors.resolve(h)]
                    inferred = bool(refs)
            if refs and any(
                c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children
            ):
                # "Turkey's defence ministry said its warplanes had not struck ...": the
                # reporter's own forces
                refs = [self._reporters_own(r, verb, actors) for r in refs]
            inferred = inferred or head.pos_ == "PRON"
            found.extend(refs)
        return found, inferred

    def _reporters_own(self, ref: ActorRef, verb: Token, actors: DocumentActors) -> ActorRef:
        reporter = self.reporter(verb)
        if ref.actor.country is not None or ref.actor.sector is None or reporter is None:
            return ref
        speaker = actors.first(tree.subject_heads(reporter))
        country = speaker.actor.country if speaker is not None else None
        if country is None or country in ("IGO", "NGO"):
            return ref
        return replace(ref, actor=located(ref.actor, country))

    def _cause_agents(self, verb: Token, actors: DocumentActors) -> list[ActorRef]:
        """ "Killed in Israeli shelling", "wounded by an air strike by government forces":
        an agentless passive was done by the actor of the event it happened in."""
        for noun in tree.prepositional_objects(verb, CAUSE_PREPS):
            if self._triggers.is_event_noun(noun):
                agents = self.nominal_agents(noun, actors)
                if agents:
                    return agents
        return []

    def givers(self, verb: Token, actors: DocumentActors) -> list[ActorRef]:
        """Whom a received thing came from: "received weapons from the government"."""
        heads = tree.prepositional_objects(verb, frozenset({"from"}))
        for obj in tree.object_heads(verb):
            heads += tree.prepositional_objects(obj, frozenset({"from"}))
        for head in heads:
            refs = actors.resolve(head)
            if refs:
                return refs
        return []

    def placed_country(
        self, ref: ActorRef, verb: Token, actors: DocumentActors, agents: Sequence[ActorRef] = ()
    ) -> ActorRef:
        """ "Killed 200 civilians in villages south of Khartoum", "protesters marched
        through Tbilisi", "killed 30 militants in North Waziristan": people of no named
        country are those of the place where it happened. Given the ``agents`` (the actor is
        a recipient), "the government" protested against is the place's too, and with no
        place, those a state's authorities act on are their own ("Kenya's government warned
        protesters")."""
        actor = ref.actor
        unplaced = UNPLACED_SECTORS - {"GOV"} if agents else UNPLACED_SECTORS
        if actor.country is not None or actor.sector in (None, *unplaced):
            return ref
        clause = tree.clause_root(verb)
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            # "were beaten and tear-gassed by police": the place is the first verb's
            clause = tree.clause_root(clause.head)
        country = actors.place_country(clause, self._triggers.is_event_noun)
        if country is None:
            # the armed forces too, when what they act on is civil society ("the army chief
            # threatened opposition leader Bobi Wine")
            authorities = DOMESTIC_AUTHORITIES | (
                {"MIL"} if actor.sector in CIVIL_SECTORS else set()
            )
            country = next((a.actor.country for a in agents if a.actor.sector in authorities), None)
        return ref if country is None else replace(ref, actor=located(actor, country))

    # ---- recipients -------------------------------------------------------------------------

    def recipients(
        self,
        verb: Token,
        trigger: Token,
        actors: DocumentActors,
        agents: list[ActorRef],
        code: str,
    ) -> list[ActorRef]:
        frame = self._frames.of(code)
        heads = self._recipient_heads(verb, trigger, actors, frame)
        agent_codes = {a.actor.code for a in agents}
        agent_countries = frozenset(a.actor.country for a in agents)
        agent_starts = {a.span.start for a in agents}
        search = _RecipientSearch(
            trigger, frame, actors, frozenset(self.lexicon.instruments), agent_countries
        )
        uncoded: list[ActorRef] = []
        for head in heads:
            if any(rule(search, head) for rule in NOT_RECIPIENTS):
                continue
            if (
                head.pos_ == "NOUN"
                and not tree.prepositional_objects(head, frozenset({"between"}))
                and self._triggers.is_event_noun(head)
            ):
                # "condemned an attack by X in Y": aimed at whoever did the event, not at
                # the place it happened in
                doers = [
                    r for r in self.nominal_agents(head, actors) if r.actor.code not in agent_codes
                ]
                if doers:
                    return doers
                search.events.add(head.i)
            refs = [
                r
                for r in (
                    self._authors(head, actors)
                    or actors.resolve(head)
                    or self._owners(head, actors)
                )
                if (r.actor.code not in agent_codes or r.actor.code is None)
                and r.span.start not in agent_starts  # not the agent itself, unplaced yet
                and (not _placed(head) or r.actor.kind in PLACE_KINDS or _aimed(head, frame))
            ]
            refs = _placed_recipients(head, refs, frame, agent_countries)
            if refs:
                placed = [self.placed_country(r, verb, actors, agents) for r in refs]
                if any(actor_code(r) for r in placed):
                    return placed
                # "deployed troops to Somalia": "troops" of no country is what is sent,
                # so a later phrase that names someone is the recipient
                uncoded = uncoded or placed
        return uncoded

    def _recipient_heads(
        self, verb: Token, trigger: Token, actors: DocumentActors, frame: Frame
    ) -> list[Token]:
        """Tokens that may head the recipient phrase, most likely first."""
        # a visit is to the place it goes to: "arrived in Gondor"
        territorial = frame.territorial or frame.visit
        # "lashed out at Washington", "hit back at critics": a particle verb's "at" is aimed
        aimed = frame.aimed or any(c.dep_ == "prt" for c in verb.children)
        heads = recipient_candidates(verb, territorial, frame.theme_object, aimed)
        if frame.statement:
            for topic in self._topics(verb, trigger):
                heads += [topic, *tree.nested_objects(topic)]
        if trigger.i != verb.i:
            preps = (
                tree.OBJECT_PREPS if territorial else (tree.OBJECT_PREPS - tree.TERRITORIAL_PREPS)
            )
            heads = tree.prepositional_objects(trigger, preps) + heads
        if tree.is_passive(verb):
            clause = tree.implicit_agent_clause(verb)
            if clause is not None and not any(actors.resolve(h) for h in heads):
                heads = recipient_candidates(clause, territorial) + heads
        return heads

    def _topics(self, verb: Token, trigger: Token) -> list[Token]:
        """A comment is about someone: "upbeat about Egypt's prospects", "voiced optimism
        about the prospects for peace with Azerbaijan"."""
        topics = tree.prepositional_objects(verb, STATEMENT_PREPS)
        topics += tree.prepositional_objects(trigger, STATEMENT_PREPS)
        # "pessimistic about reaching a deal with the IMF": what the gerund is about;
        # "confident that a dispute with Argentina would be settled": the clause's
        # subject
        topics = [o for t in topics for o in ([t] if t.pos_ != "VERB" else tree.object_heads(t))]
        topics += [
            subject
            for clause in verb.children
            if clause.dep_ == "ccomp" and verb.lemma_.lower() not in self.lexicon.reporting_verbs
            for subject in clause.children
            if subject.dep_ in ("nsubj", "nsubjpass")
        ]
        return topics

    def _authors(self, head: Token, actors: DocumentActors) -> list[ActorRef]:
        """ "Vetoed a resolution drafted by the United States and Japan", "an
        Algerian-drafted resolution": an act on a text is aimed at whoever put it forward."""
        if head.pos_ != "NOUN":
            return []
        found: list[ActorRef] = []
        for verb in head.children:
            if verb.dep_ not in ("acl", "amod") or verb.lemma_.lower() not in (
                self.lexicon.authoring_verbs
            ):
                continue
            by = tree.prepositional_objects(verb, frozenset({"by"}))
            named = [c for c in verb.children if c.dep_ in ("npadvmod", "compound")]
            for author in [*by, *named]:
                for one in (author, *author.conjuncts):
                    found.extend(actors.resolve(one))
        return found

    def _owners(self, head: Token, actors: DocumentActors) -> list[ActorRef]:
        """ "A strike against the government's pension reform": a measure is aimed at whoever
        it belongs to, when it names no one itself."""
        if head.pos_ != "NOUN" or self._triggers.is_event_noun(head):
            return []
        return [
            r
            for owner in head.children
            if owner.dep_ == "poss" and owner.pos_ != "PRON"
            for r in actors.resolve(owner)
        ]

    def complement_recipients(
        self, verb: Token, actors: DocumentActors, agents: list[ActorRef]
    ) -> list[ActorRef]:
        """ "Demanded that Rwanda withdraw": whoever is to act; "threatened to impose
        tariffs on Colombia": whom the threatened act is aimed at."""
        own = {a.actor.code for a in agents}
        for complement in verb.children:
            if complement.dep_ == "advcl" and complement.lemma_.lower() in PURPOSE_VERBS:
                # "marched ..., demanding a change in the government's policy"; "rallied to
                # demand that Maduro step down"
                purpose = self.complement_recipients(complement, actors, agents) or (
                    self.recipients(complement, complement, actors, agents, "")
                )
                if purpose:
                    return purpose
            if complement.dep_ == "ccomp":
                for subject in tree.subject_heads(complement):
                    refs = [r for r in actors.resolve(subject) if r.actor.code not in own]
                    if refs:
                        return refs
            if complement.dep_ in ("xcomp", "ccomp") or tree.is_infinitive_clause(complement):
                recipients = self.recipients(complement, complement, actors, agents, "")
                if recipients:
                    return recipients
        return []

    def condition_party(
        self, verb: Token, actors: DocumentActors, agents: list[ActorRef]
    ) -> ActorRef | None:
        """ "Ready to pull troops back if India reciprocated": an offer is made to the party
        whose act is its condition."""
        own = {a.actor.code for a in agents}
        for governor in list(tree.governing_chain(verb))[:3]:
            for clause in governor.children:
                if clause.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in self.lexicon.conditional_markers
                    for m in clause.children
                ):
                    for subject in tree.subject_heads(clause):
                        for ref in actors.resolve(subject):
                            if ref.actor.code not in own:
                                return ref
        return None

    # ---- nominal events ---------------------------------------------------------------------

    def nominal_agents(self, noun: Token, actors: DocumentActors) -> list[ActorRef]:
        patient = noun.lemma_.lower() in self.lexicon.patient_nouns
        holders = [
            c
            for c in noun.children
            if c.dep_ in ("poss", "compound", "amod", "nmod")
            and not (patient and c.dep_ == "poss" and c.pos_ == "PRON")
        ]
        holders += tree.prepositional_objects(noun, frozenset({"by", "from"}))
        if self._triggers.is_weapon_or_force(noun):
            # "a bomb planted by militants", "missiles fired by the army" (but "a truce
            # mediated by Oman" is not Oman's truce)
            holders += [
                agent
                for participle in noun.children
                if participle.dep_ == "acl"
                for agent in tree.prepositional_objects(participle, frozenset({"by"}))
            ]
        for appos in (c for c in noun.children if c.dep_ == "appos"):
            holders += [c for c in appos.children if c.dep_ in ("poss", "compound", "amod")]
        if noun.dep_ == "appos":
            holders += [c for c in noun.head.children if c.dep_ in ("poss",)]
        between = tree.prepositional_objects(noun, frozenset({"between"}))
        for head in holders:
            # The holder of a nominal event must be identified ("Pakistan's response"), not
            # just typed ("a terrorist attack" names no actor).
            refs = [
                r
                for r in actors.resolve(head)
                if (r.actor.country or r.actor.code) and r.actor.kind != "region"
            ]
            if refs:
                return refs[:1]
        first = actors.first(between)
        return [] if first is None else [first]

    def nominal_recipients(
        self, noun: Token, actors: DocumentActors, pattern_code: str
    ) -> list[ActorRef]:
        preps = {"on", "against", "with", "between", "into", "to"}
        if self._frames.of(pattern_code).territorial:
            preps |= tree.TERRITORIAL_PREPS
        heads = tree.prepositional_objects(noun, frozenset(preps))
        for head in heads:
            refs = actors.resolve(head)
            if len(refs) > 1 and any(c.lower_ == "between" for c in head.ancestors):
                refs = refs[1:]
            if refs:
                return refs[:1]
        return []

    # ---- who reported it ------------------------------------------------------------------

    def _denier(self, verb: Token) -> Token | None:
        return _governor_among(verb, self.lexicon.denial_verbs)

    def reporter(self, verb: Token) -> Token | None:
        """The reporting verb an event is told under: "X said (that) ...", or the cue of the
        quotation the trigger stands in."""
        return _governor_among(verb, self.lexicon.reporting_verbs) or quotation_cue(
            verb, self.lexicon.reporting_verbs
        )

    def speaker(
        self, verb: Token, reporter: Token | None, actors: DocumentActors
    ) -> ActorRef | None:
        """The source a reported event is attributed to: "X said ...", "according to X"."""
        if reporter is not None:
            speaker = actors.first(tree.subject_heads(reporter))
            if speaker is not None:
                return speaker
        for token in verb.sent:
            if (
                token.lower_ == "according"
                and token.i + 1 < len(token.doc)
                and (token.nbor(1).lower_ == "to")
            ):
                speaker = actors.first(c for c in token.nbor(1).children if c.dep_ == "pobj")
                if speaker is not None:
                    return speaker
        return None


def recipient_candidates(
    verb: Token, territorial: bool = False, theme_object: bool = False, aimed: bool = False
) -> list[Token]:
    """Tokens that may head the recipient phrase, most likely first.

    ``territorial`` events (force, coercion) are done to the country they happen in:
    "struck targets in Pakistan" has Pakistan as recipient, "held talks in Riyadh" does not.
    With ``theme_object`` the object is what is moved, not whom it is aimed at ("deployed
    troops to its border with Cambodia"). ``aimed`` events (force, protest) are aimed "at"
    someone ("hurled stones at police").
    """
    objects, preps = (
        (tree.OBJECT_PREPS, RECIPIENT_PREPS | tree.TERRITORIAL_PREPS)
        if territorial
        else (tree.OBJECT_PREPS - tree.TERRITORIAL_PREPS, RECIPIENT_PREPS)
    )
    if aimed:
        objects, preps = objects | {"at"}, preps | {"at"}
    candidates: list[Token] = []
    for obj in tree.object_heads(verb):
        if theme_object and obj.head.dep_ == "dative":
            candidates.append(obj)  # "sent to the Lebanese border"
        elif theme_object:
            # "thousands of police officers" is all theme; "troops for Haiti" is not, nor
            # "troops near its border with Eritrea"
            candidates.extend(tree.nested_objects(obj, (objects | tree.DIRECTIONAL_PREPS) - {"of"}))
        else:
            candidates.append(obj)
            candidates.extend(tree.nested_objects(obj, objects, participles=territorial))
            for conjunct in obj.conjuncts:
                # "launched drones and missiles at Ukraine"
                candidates.extend(tree.nested_objects(conjunct, objects, participles=territorial))
    for head in tree.prepositional_objects(verb, preps):
        if head.pos_ == "VERB" and head.head.lower_ != "by":
            # "open to receiving help from the US": look inside ("by doing" is a means)
            candidates.extend(recipient_candidates(head, territorial))
        else:
            candidates.append(head)
            # "deployed troops to its border with Cambodia"
            candidates.extend(tree.nested_objects(head, objects - {"of"}))
    return candidates


def _placed_recipients(
    head: Token, refs: list[ActorRef], frame: Frame, agent_countries: frozenset[str | None]
) -> list[ActorRef]:
    """The recipients a phrase names, as the places they may be."""
    # "withdrew its troops from the town of Vuhledar": not done to its own country
    refs = [r for r in refs if not (_is_country(r) and r.actor.country in agent_countries)]
    if frame.protest and head.head.lower_ in MARCH_PREPS:
        # "students marched to Novi Sad": where they went, not whom at
        refs = [r for r in refs if r.actor.kind != "region"]
    if refs and _placed(head) and not _aimed(head, frame):
        # "imposed a curfew in Kathmandu": the place, not the government its capital
        # stands for; and no recipient at all when it is the actor's own country.
        refs = [_as_place(r) for r in refs]
        if {r.actor.country for r in refs} <= agent_countries:
            return []
    return refs


def of_the_territory(agent: ActorRef, recipients: list[ActorRef]) -> ActorRef:
    """ "Insurgents bombarded part of Aleppo": fighters of no named country who strike a
    place are that place's."""
    actor = agent.actor
    if actor.country is not None or actor.sector not in IRREGULAR_FORCES:
        return agent
    places = {r.actor.country for r in recipients if r.actor.kind in PLACE_KINDS}
    if len(places) != 1 or None in places:
        return agent
    return replace(agent, actor=located(actor, places.pop()))


def between(noun: Token, agents: list[ActorRef]) -> bool:
    """Whether the actor of a nominal event is one of the parties "between" it names."""
    parties = tree.prepositional_objects(noun, frozenset({"between"}))
    extents = [(p.left_edge.idx, p.right_edge.idx + len(p.right_edge)) for p in parties]
    return bool(parties) and all(
        any(start <= a.span.start and a.span.end <= end for start, end in extents) for a in agents
    )


def _is_country(ref: ActorRef) -> bool:
    return ref.actor.kind == "country" and ref.actor.sector is None


def _as_place(ref: ActorRef) -> ActorRef:
    country = ref.actor.country
    if ref.actor.sector is None or country is None:
        return ref
    return replace(ref, actor=replace(ref.actor, code=country, sector=None, kind="country"))


def _placed(head: Token) -> bool:
    """Whether ``head`` is the object of a locative preposition ("near the temple")."""
    return head.dep_ == "pobj" and head.head.lower_ in tree.TERRITORIAL_PREPS


def _aimed(head: Token, frame: Frame) -> bool:
    """ "Fired missiles at the government", "hurled stones at police": with force, "at"
    names the target."""
    return frame.aimed and head.head.lower_ == "at"


def _governor_among(verb: Token, lemmas: frozenset[str]) -> Token | None:
    """The nearest verb above ``verb`` whose lemma is one of ``lemmas`` ("said", "denied")."""
    for governor in tree.governing_chain(verb):
        if governor.i != verb.i and governor.lemma_.lower() in lemmas:
            return governor
    return None
