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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.tokens import Span, Token

from thucydides.actors.kb import located
from thucydides.actors.resolve import DocumentActors
from thucydides.events import roles
from thucydides.events.dictionary import DictionaryMatch, VerbLayer
from thucydides.events.factuality import factuality
from thucydides.events.frames import Frame, Frames
from thucydides.events.lexicon import Lexicon, Pattern
from thucydides.model import ActorRef, Factuality
from thucydides.nlp import quotation_cue, sentence_lemmas

STATE_KINDS = frozenset({"country"})
BUILTIN_RULE = "CAMEO.2.0.txt:"  # the rule of a coding made by the built-in dictionary
STATEMENT_PREPS = frozenset({"about", "regarding", "concerning"})
# Sectors the place an event happens in says nothing of: international bodies, and the
# armed forces and officials of states, who act abroad ("its warplanes struck targets in
# Iraq"). Any other actor of no named country ("protesters", "militants", "police") is of
# the event's place.
UNPLACED_SECTORS = frozenset({"IGO", "NGO", "MIL", "GOV", "SPY"})
# Verbs of a protest's purpose clause that name whom it is aimed at.
PURPOSE_VERBS = frozenset({"demand", "press", "urge", "call", "protest", "denounce"})
# A locative phrase can only name a country (or its region) as the recipient.
PLACE_KINDS = frozenset({"country", "region"})
STATE_SECTORS = frozenset({"GOV", "MIL"})
SCORE = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])")
# Adverbs the parser makes of a phrasal verb's particle ("walk away from").
PARTICLES = frozenset({"away", "out", "back", "off", "down"})
TIME_NOUNS = frozenset({"hour", "minute", "day", "week", "month", "year", "while", "time"})
FUTURE_AUXILIARIES = frozenset({"will", "would", "wo", "'ll", "shall"})
# Authorities whose acts on people of no named country are on their own people.
DOMESTIC_AUTHORITIES = frozenset({"GOV", "COP", "JUD", "LEG"})
# Armed groups of no state, who mostly fight where they are from.
IRREGULAR_FORCES = frozenset({"INS", "REB", "SEP", "PRM", "UAF", "CRM"})
# People a state's forces act on at home more often than abroad.
CIVIL_SECTORS = frozenset({"OPP", "CVL", "MED", "LAB", "EDU", "AGR", "HLH", "REL", "PTY"})
# Verbs that make a demand of what they tell someone they must do.
TELLING_VERBS = frozenset({"tell", "inform", "remind", "notify"})
OBLIGATION_MODALS = frozenset({"must", "should"})
# Prepositions of a circumstance, not of what an act is about.
CIRCUMSTANCE_PREPS = frozenset(
    {"after", "before", "during", "since", "amid", "following", "despite", "because"}
)
# Prepositions that aim a weapon at someone.
AIMING_PREPS = frozenset({"at", "against", "toward", "towards"})
# Prepositions of where a march goes.
MARCH_PREPS = frozenset({"to", "into", "through", "toward", "towards", "across"})
# Prepositions that name the event an agentless passive happened in ("killed in shelling").
CAUSE_PREPS = frozenset({"in", "by", "during"})
# Nouns that stand for an earlier event when used as an actor ("The assault killed ...").
EVENT_ANAPHORS = frozenset(
    {"assault", "attack", "operation", "strike", "offensive", "raid", "bombardment", "strikes"}
)


@dataclass(frozen=True, slots=True)
class Coding:
    """An event found in a sentence, before it is dated and placed."""

    sentence: int
    trigger: Token
    code: str
    actor: ActorRef | None
    recipient: ActorRef | None
    factuality: Factuality
    speaker: ActorRef | None
    specificity: int
    inferred: bool  # an actor came from coreference or an implicit agent
    reporter: Token | None = None  # the verb reporting the event: "he said"
    rule: str = ""  # the pattern that made it: ``patterns_cameo.yaml#12``, ``CAMEO.2.0.txt:5437``


@dataclass(frozen=True, slots=True)
class _Frame:
    """What all codings of one trigger share: its factuality and who reported it."""

    trigger: Token
    factuality: Factuality
    reporter: Token | None
    speaker: ActorRef | None
    specificity: int
    inferred: bool
    rule: str

    def coding(self, code: str, actor: ActorRef | None, recipient: ActorRef | None) -> Coding:
        return Coding(
            0,
            self.trigger,
            code,
            actor,
            recipient,
            self.factuality,
            self.speaker,
            self.specificity,
            self.inferred,
            self.reporter,
            self.rule,
        )


class EventCoder:
    """Codes sentences with the project's patterns and verb-dictionary layers.

    Precedence for a verb: (1) the user's verb dictionaries, the last given first — a verb
    one of them lists is coded by it alone, ``[---]`` meaning no event; (2) the project's
    patterns, most specific first; (3) the built-in CAMEO.2.0 dictionary, where no project
    pattern matches.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        user_layers: Sequence[VerbLayer] = (),
        builtin_layer: VerbLayer | None = None,
        codes: frozenset[str] = frozenset(),
    ) -> None:
        self.lexicon = lexicon
        self._user_layers = tuple(reversed(user_layers))
        self._builtin_layer = builtin_layer
        self._codes = codes
        self._frames = lexicon.frames
        # Verbs whose object does what their complement says: "urged the Council to meet",
        # "accused Pakistan of shelling".
        self._object_control = lexicon.object_control_verbs | lexicon.allegation_verbs
        self._known_verbs = frozenset(lexicon.verbs) | lexicon.light_verbs
        # Verbs the grammar gives a job of its own (reporting, intending, asking, refusing,
        # light verbs ...): the built-in dictionary codes them as events ("said" 010, "plans"
        # 030) where the coder reads them as frames of the act they govern.
        self._grammar_verbs = (
            lexicon.reporting_verbs
            | lexicon.possibility_verbs
            | lexicon.intention_verbs
            | lexicon.phase_verbs
            | lexicon.appeal_verbs
            | lexicon.refusal_verbs
            | lexicon.allegation_verbs
            | lexicon.denial_verbs
            | lexicon.acceptance_verbs
            | lexicon.object_control_verbs
            | lexicon.participation_verbs
            | lexicon.light_verbs
            | TELLING_VERBS
        )
        self._user_verbs = frozenset(
            word.lower() for layer in user_layers for word in layer.verb_words
        )

    def code_sentence(
        self, index: int, sentence: Span, actors: DocumentActors, previous: list[Coding]
    ) -> list[Coding]:
        lemmas = sentence_lemmas(sentence[0])
        codings: list[Coding] = []
        used_nouns: set[int] = set()
        for token in sentence:
            for found in self._code_token(token, lemmas, actors, previous + codings, used_nouns):
                codings.append(replace(found, sentence=index))
        codings = [c for c in codings if not _history(c.trigger)]
        if self._on_sports_pages(sentence):
            codings = [c for c in codings if not self._frames.of(c.code).force]
        frames = self._frames
        return _deduplicate(
            _without_consequences(
                _without_asked_acts(_without_protest_demands(codings, frames), frames), frames
            ),
            frames,
        )

    def _on_sports_pages(self, sentence: Span) -> bool:
        """ "Spain beat England 2-1 in the final": a match, not a use of force."""
        if SCORE.search(sentence.text):
            return True
        words = [t.lower_ for t in sentence]
        phrases = {*words, *(f"{a} {b}" for a, b in pairwise(words))}
        return not phrases.isdisjoint(self.lexicon.sports_words)

    # ---- triggers ---------------------------------------------------------------------------

    def _code_token(
        self,
        token: Token,
        lemmas: frozenset[str],
        actors: DocumentActors,
        earlier: list[Coding],
        used_nouns: set[int],
    ) -> Iterator[Coding]:
        lemma = self._lemma(token)
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            light = self._light_event(token, lemmas)
            if light is not None:
                used_nouns.add(light[0].i)
                yield from self._verbal(token, light[0], light[1], actors, earlier)
                return
            verbal = (
                self._verb_pattern(token, lemmas)
                or self._appeal_pattern(token)
                or self._obligation_pattern(token)
            )
            if verbal is not None:
                codings = _with_reverse(verbal, self._verbal(token, token, verbal, actors, earlier))
                if verbal.rule.startswith(BUILTIN_RULE):
                    # as PETRARCH codes its dictionary's events: with both parties known
                    codings = (c for c in codings if _code(c.actor) and _code(c.recipient))
                yield from codings
        elif token.pos_ in ("NOUN", "PROPN") and token.i not in used_nouns:
            if _remembered(token, self.lexicon.commemoration_nouns):
                return  # "the anniversary of the revolt" is no revolt now
            if token.dep_ == "compound" and token.head.pos_ == "NOUN":
                return  # "the Warsaw Uprising monument" names a monument
            adjective = self.lexicon.stance_nouns.get(lemma)
            if adjective is not None:
                yield from self._disposition(token, adjective, lemmas, actors, earlier)
                return
            pattern = self._noun_pattern(token, lemmas)
            if pattern is not None:
                yield from self._nominal(token, pattern, actors, earlier)

    def _disposition(
        self,
        noun: Token,
        adjective: str,
        lemmas: frozenset[str],
        actors: DocumentActors,
        earlier: list[Coding],
    ) -> Iterator[Coding]:
        """ "its openness to mediation": coded like "open to mediation"; the holder is the
        possessor ("Pakistan's openness") or else the subject of the governing verb."""
        objects = frozenset(
            w
            for prep in noun.children
            if prep.dep_ == "prep"
            for obj in prep.children
            if obj.dep_ in ("pobj", "pcomp")
            for w in _phrase_lemmas(obj)
        )
        for pattern in self.lexicon.verbs.get(adjective, ()):
            if pattern.particles or (pattern.objects and not pattern.objects & objects):
                continue  # "openness to talks" is not "open fire"
            if pattern.context and not pattern.context & lemmas:
                continue
            owners = [c for c in noun.children if c.dep_ == "poss"]
            holders = [r for o in owners for r in actors.resolve(o)]
            if not holders and noun.dep_ in ("dobj", "attr"):
                holders, _ = self._agents(noun.head, actors, earlier)
            verb = noun.head if noun.dep_ in ("dobj", "attr") else noun
            fact = factuality(noun, self.lexicon)
            frame = self._frame(noun, verb, fact, pattern, False, actors)
            recipients = self._nominal_recipients(noun, actors, pattern.code)
            for holder in holders:
                for recipient in _or_none(recipients):
                    yield frame.coding(pattern.code, holder, recipient)
            return

    def _verb_pattern(self, verb: Token, lemmas: frozenset[str]) -> Pattern | None:
        """The pattern deciding a verb, by the precedence of the class docstring."""
        if verb.pos_ == "VERB" and self._user_verbs:
            for layer in self._user_layers:
                if layer.lists(verb):
                    return self._dictionary_pattern(layer, verb)
        own = self._own_pattern(verb, lemmas)
        if own is not None or self._builtin_layer is None or verb.pos_ != "VERB":
            return own
        lemma = self._lemma(verb)
        if lemma in self._grammar_verbs or lemma in self.lexicon.verbs:
            return None  # the grammar frames it, or the project's patterns rejected it
        if verb.tag_ in ("VB", "VBG") and verb.dep_ != "ROOT":
            return None  # "to lead a mission", "citing threats": not a reported act
        match = self._builtin_layer.match(verb)
        if match is None or not match.words:
            # A verb's bare default ("think" 040, "need" 100, "see" 010) was right for few
            # verbs of real news (see the README): only the dictionary's constructions code.
            return None
        return self._dictionary_pattern(self._builtin_layer, verb, match)

    def _dictionary_pattern(
        self, layer: VerbLayer, verb: Token, match: DictionaryMatch | None = None
    ) -> Pattern | None:
        match = match or layer.match(verb)
        if match is None:
            return None
        forward, reverse = (self._known_code(c) for c in (match.code.forward, match.code.reverse))
        code = forward or reverse
        if code is None:
            return None  # [---], or codes the codebook does not know
        return Pattern(
            code=code,
            kind="verb",
            lemma=self._lemma(verb),
            particles=(),
            objects=frozenset(),
            context=frozenset(),
            state_code=None,
            rule=match.rule,
            reverse=reverse if forward else None,
            forward=forward is not None,
        )

    def _known_code(self, code: str | None) -> str | None:
        """A dictionary's code, or its longest prefix the codebook knows (``1951`` → 195)."""
        if code is None:
            return None
        for length in range(len(code), 1, -1):
            if code[:length] in self._codes:
                return code[:length]
        return None

    def _own_pattern(self, verb: Token, lemmas: frozenset[str]) -> Pattern | None:
        if (
            verb.pos_ == "ADJ"
            and not any(c.dep_ == "cop" for c in verb.head.children)
            and (verb.dep_ != "acomp")
        ):
            return None
        candidates = self.lexicon.verbs.get(self._lemma(verb), ())
        if not candidates:
            return None
        nearby = _nearby_lemmas(verb)
        objects = _object_lemmas(verb)
        for pattern in candidates:
            if pattern.particles and not set(pattern.particles) <= nearby:
                continue
            if pattern.objects and not pattern.objects & objects:
                continue
            if pattern.context and not pattern.context & lemmas:
                continue
            frame = self._frames.of(pattern.code)
            if frame.visit and pattern.particles and not _travels(verb):
                continue
            if frame.unaimed and _aimed_at_someone(verb):
                continue  # "launched missiles at Ukraine" is an attack, not a show of force
            return pattern
        return None

    def _appeal_pattern(self, verb: Token) -> Pattern | None:
        """ "Asked the US to share intelligence": an appeal, though "ask" alone is not."""
        lemma = self._lemma(verb)
        if lemma not in self.lexicon.appeal_verbs or not _asks_someone_to_act(verb):
            return None
        appeal = self._frames.generic("appeal")
        return Pattern(
            appeal, "verb", lemma, (), frozenset(), frozenset(), None, rule="coder:appeal"
        )

    def _obligation_pattern(self, verb: Token) -> Pattern | None:
        """ "Told Rwanda that it must pull its troops out": telling someone what they must
        do is a demand, coded by what it demands."""
        lemma = self._lemma(verb)
        if lemma not in TELLING_VERBS:
            return None
        for clause in verb.children:
            if clause.dep_ == "ccomp" and any(
                c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in clause.children
            ):
                return Pattern(
                    self._frames.generic("demand"),
                    "verb",
                    lemma,
                    (),
                    frozenset(),
                    frozenset(),
                    None,
                    rule="coder:obligation",
                )
        return None

    def _asked_for(self, verb: Token, code: str) -> str:
        """An appeal, demand or warning coded by what it asks for or warns of ("urged them
        to resume talks" is 026); a code the pattern already made specific stays."""
        kind = self._frames.of(code).act
        if kind is None or kind == "rejection":
            return code
        lemmas = sentence_lemmas(verb)
        for complement in verb.children:
            if complement.dep_ in ("xcomp", "ccomp") or roles.is_infinitive_clause(complement):
                act = self._act_pattern(complement, lemmas)
                if act is None:
                    continue
                # "warned that Kyiv would walk away from the talks" threatens to halt
                # negotiations (134)
                asked = (
                    self.lexicon.intent_code(act.code, threat_only=True)
                    if kind == "threat"
                    else self.lexicon.asked_code(kind, act.code)
                )
                if asked:
                    return asked
        return code

    def _rejected(self, verb: Token, code: str) -> str:
        """A rejection coded by what the rejected offer or call was to do: "turned down an
        offer to mediate" (126), "rejected calls to lift the embargo" (1244)."""
        if self._frames.of(code).act != "rejection":
            return code
        lemmas = sentence_lemmas(verb)
        for obj in roles.object_heads(verb):
            for clause in obj.children:
                if clause.dep_ in ("acl", "relcl") and roles.has_to(clause):
                    act = self._act_pattern(clause, lemmas)
                    if act is not None:
                        return self.lexicon.refusal_code(act.code)
        return code

    def _act_pattern(self, verb: Token, lemmas: frozenset[str]) -> Pattern | None:
        """The pattern of the act a complement verb names ("to resume talks")."""
        light = self._light_event(verb, lemmas)
        return light[1] if light is not None else self._verb_pattern(verb, lemmas)

    def _light_event(self, verb: Token, lemmas: frozenset[str]) -> tuple[Token, Pattern] | None:
        """A light verb's event noun and its pattern ("launched an attack", "took part in
        a march"), or None."""
        if self._lemma(verb) not in self.lexicon.light_verbs and not self._takes_part(verb):
            return None
        for noun in self._light_objects(verb):
            pattern = self._noun_pattern(noun, lemmas)
            if pattern is not None:
                return noun, pattern
        return None

    def _lemma(self, token: Token) -> str:
        """The token's lemma, mended where the lemmatiser cuts a known verb wrong
        ("staged" → "stag", "cordoned" → "cordone")."""
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or not token.lower_.endswith("ed"):
            return lemma
        if lemma in self._known_verbs:
            return lemma
        for mended in (lemma + "e", lemma[:-1]):
            if mended in self._known_verbs:
                return mended
        return lemma

    def _noun_pattern(self, noun: Token, lemmas: frozenset[str]) -> Pattern | None:
        lemma = noun.lemma_.lower()
        # "general strike", "military operation": the words before the head, compounded
        # or adjectives, in any company ("a 24-hour general strike")
        modifiers = {
            word
            for child in noun.children
            if child.dep_ in ("compound", "amod")
            for word in child.lemma_.lower().split()
        }
        for pattern in self.lexicon.nouns.get(lemma, ()):
            if " " in pattern.lemma and not set(pattern.lemma.split()[:-1]) <= modifiers:
                continue
            if pattern.context and not pattern.context & lemmas:
                continue
            return pattern
        return None

    def _light_objects(self, verb: Token) -> list[Token]:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        objects += roles.prepositional_objects(verb, frozenset({"as"}))
        if self._takes_part(verb):
            # "took part in a march", "engaged Filipino peacekeepers in a firefight"
            objects += roles.prepositional_objects(verb, frozenset({"in"}))
        return objects

    def _takes_part(self, verb: Token) -> bool:
        """ "Participate in", "engage in", "take part in": the event is the "in" object."""
        lemma = self._lemma(verb)
        if lemma == "take":
            return any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)
        return lemma in self.lexicon.participation_verbs

    # ---- verbal events ------------------------------------------------------------------------

    def _verbal(
        self,
        verb: Token,
        trigger: Token,
        pattern: Pattern,
        actors: DocumentActors,
        earlier: list[Coding],
    ) -> Iterator[Coding]:
        agents, inferred = self._agents(verb, actors, earlier)
        if not agents and not roles.is_passive(verb):
            return  # an active verb with no identifiable subject codes nothing
        # "protesters marched through Tbilisi": people of no named country are the place's
        agents = [self._placed_country(a, verb, actors) for a in agents]
        if pattern.converse:
            agents, recipients = self._givers(verb, actors), agents
        else:
            recipients = self._recipients(verb, trigger, actors, agents, pattern.code)
        if not recipients and self._frames.of(pattern.code).complement_recipient:
            recipients = self._complement_recipients(verb, actors, agents)
        if self._frames.of(pattern.code).territorial:
            agents = [_of_the_territory(a, recipients) for a in agents]
        code = self._rejected(verb, self._asked_for(verb, pattern.code))
        fact = factuality(verb, self.lexicon)
        refusal = self._refusal(verb)
        accepted_not = (
            fact == "negated"
            and verb.lemma_.lower() in self.lexicon.acceptance_verbs
            and _negated_here(verb)
            and not _perfect(verb)  # "have still not agreed" is a state, not a refusal
        )
        if refusal is not None or accepted_not:
            # "refused to meet", "would not accept mediation": a rejection, not a meeting
            # or an acceptance; one that is itself only alleged ("accused of failing to
            # meet") stays possible.
            code = self.lexicon.refusal_code(code)
            alleged = refusal is not None and factuality(refusal, self.lexicon) != "asserted"
            fact = "possible" if alleged else "asserted"
        if agents and not recipients and self._frames.of(code).belligerents:
            recipients = [
                r
                for r in _belligerents(earlier, self._frames)
                if r.actor.code not in {a.actor.code for a in agents}
            ]
        frame = self._frame(trigger, verb, fact, pattern, inferred, actors)
        intention = self._intention(verb, code, pattern, inferred, actors)
        # "ready to pull troops back if India reciprocated": an offer is made to the party
        # whose act is its condition
        addressee = self._condition_party(verb, actors, agents) if intention else None
        if (
            not recipients
            and len(agents) > 1
            and (self._frames.of(code).mutual or _reciprocal(verb))
        ):
            # Coordinated actors doing something together: each is the other's recipient.
            refined = self._refine(code, verb)
            for one in agents:
                for other in agents:
                    if _identity(other) != _identity(one):
                        yield from self._act_or_intent(
                            frame, intention, refined, verb, one, other, other, actors
                        )
            return
        declined = self._frames.of(code).cooperative and fact == "negated" and _will_not(verb)
        for agent in _or_none(agents):
            resolved = self._refine(self._state_code(pattern, code, agent), verb)
            for recipient in _or_none(recipients):
                if agent is not None or recipient is not None:
                    addressed = recipient if _code(recipient) else addressee
                    yield from self._act_or_intent(
                        frame, intention, resolved, verb, agent, recipient, addressed, actors
                    )
                    if declined and agent is not None:
                        # "said he would not provide support to Israel": saying one will
                        # not cooperate is itself a rejection (12x), which did happen.
                        yield replace(
                            frame.coding(self.lexicon.refusal_code(code), agent, recipient),
                            factuality="asserted",
                        )

    def _act_or_intent(
        self,
        frame: _Frame,
        intention: tuple[_Frame, bool] | None,
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
            yield frame.coding(self._venue(code, verb, agent, recipient, actors), agent, recipient)
        yield from intended

    def _venue(
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
            actors.place_country(child, self._is_event_noun)
            for child in verb.children
            if child.dep_ not in ("nsubj", "nsubjpass", "agent", "advcl", "ccomp", "conj")
        } - {None}
        return third_location if len(places) == 1 and not places & sides else code

    def _intention(
        self, verb: Token, code: str, pattern: Pattern, inferred: bool, actors: DocumentActors
    ) -> tuple[_Frame, bool] | None:
        """ "Ready to meet Zelensky", "vowed to retaliate against India": saying one means to
        act is itself an event, the intent (03x) or threat (13x) to do it. The frame of that
        statement, and whether it can only be a threat ("threatened to ...")."""
        governor = verb
        while governor.dep_ == "conj" and governor.head.pos_ == "VERB":
            governor = governor.head  # "pledged to help train and equip": as "train"
        for _ in range(3):
            if not (governor.dep_ == "xcomp" or roles.is_infinitive_clause(governor)):
                return None
            governor = governor.head
            if self._lemma(governor) not in self.lexicon.phase_verbs:
                break  # "willing to start easing sanctions": past "start" to "willing"
        lemma = self._lemma(governor)
        if lemma not in self.lexicon.intention_verbs or _negated_here(governor):
            return None
        fact = factuality(governor, self.lexicon)
        if fact == "negated":
            return None
        frame = self._frame(governor, governor, fact, pattern, inferred, actors)
        return frame, lemma == "threaten"

    def _condition_party(
        self, verb: Token, actors: DocumentActors, agents: list[ActorRef]
    ) -> ActorRef | None:
        own = {a.actor.code for a in agents}
        for governor in list(roles.governing_chain(verb))[:3]:
            for clause in governor.children:
                if clause.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in self.lexicon.conditional_markers
                    for m in clause.children
                ):
                    for subject in roles.subject_heads(clause):
                        for ref in actors.resolve(subject):
                            if ref.actor.code not in own:
                                return ref
        return None

    def _intended(
        self,
        intention: tuple[_Frame, bool] | None,
        code: str,
        agent: ActorRef,
        recipient: ActorRef | None,
    ) -> Iterator[Coding]:
        if intention is not None:
            frame, threat_only = intention
            intent = self.lexicon.intent_code(code, threat_only)
            if intent is not None:
                yield frame.coding(intent, agent, recipient)

    def _frame(
        self,
        trigger: Token,
        clause: Token,
        fact: Factuality,
        pattern: Pattern,
        inferred: bool,
        actors: DocumentActors,
    ) -> _Frame:
        reporter = self._reporter(clause)
        speaker = self._speaker(clause, reporter, actors)
        return _Frame(trigger, fact, reporter, speaker, pattern.specificity, inferred, pattern.rule)

    def _agents(
        self, verb: Token, actors: DocumentActors, earlier: list[Coding]
    ) -> tuple[list[ActorRef], bool]:
        heads = roles.subject_heads(verb, self._object_control)
        if not heads and roles.is_passive(verb):
            clause = roles.implicit_agent_clause(verb)
            if clause is not None:
                return self._agents(clause, actors, earlier)[0], True
            cause = self._cause_agents(verb, actors)
            if cause:
                return cause, False
        patient = roles.participle_patient(verb)
        if not heads and patient is not None:
            return [], False
        found: list[ActorRef] = []
        inferred = False
        for head in heads:
            refs = actors.resolve(head)
            if not refs and head.lemma_.lower() in self.lexicon.document_nouns:
                # "the Council adopted a resolution demanding a ceasefire": who adopted it
                refs = [r for h in roles.subject_heads(head.head) for r in actors.resolve(h)]
            if not refs and head.lemma_.lower() in EVENT_ANAPHORS:
                refs = _anaphoric_actor(earlier, self._frames)
                inferred = bool(refs)
            if not refs and head.lower_ in roles.REPORTED_PRONOUNS | {"he", "she"}:
                # "Iran said it was ready to talk": "it" is the one who said so; "the
                # minister said he was confident" likewise.
                # "Belarus denied that it was massing troops": the one who denied it
                reporter = self._reporter(verb) or self._denier(verb)
                if reporter is not None and reporter.i != verb.i:
                    refs = [r for h in roles.subject_heads(reporter) for r in actors.resolve(h)]
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
        reporter = self._reporter(verb)
        if ref.actor.country is not None or ref.actor.sector is None or reporter is None:
            return ref
        speaker = actors.first(roles.subject_heads(reporter))
        country = speaker.actor.country if speaker is not None else None
        if country is None or country in ("IGO", "NGO"):
            return ref
        return replace(ref, actor=located(ref.actor, country))

    def _recipients(
        self,
        verb: Token,
        trigger: Token,
        actors: DocumentActors,
        agents: list[ActorRef],
        code: str,
    ) -> list[ActorRef]:
        agent_codes = {a.actor.code for a in agents}
        frame = self._frames.of(code)
        # a visit is to the place it goes to: "arrived in Gondor"
        territorial = frame.territorial or frame.visit
        # "lashed out at Washington", "hit back at critics": a particle verb's "at" is aimed
        aimed = frame.aimed or any(c.dep_ == "prt" for c in verb.children)
        heads = roles.recipient_candidates(verb, territorial, frame.theme_object, aimed)
        if frame.statement:
            # A comment is about someone: "upbeat about Egypt's prospects", "voiced
            # optimism about the prospects for peace with Azerbaijan".
            topics = roles.prepositional_objects(verb, STATEMENT_PREPS)
            topics += roles.prepositional_objects(trigger, STATEMENT_PREPS)
            # "pessimistic about reaching a deal with the IMF": what the gerund is about;
            # "confident that a dispute with Argentina would be settled": the clause's
            # subject
            topics = [
                o for t in topics for o in ([t] if t.pos_ != "VERB" else roles.object_heads(t))
            ]
            topics += [
                subject
                for clause in verb.children
                if clause.dep_ == "ccomp"
                and verb.lemma_.lower() not in self.lexicon.reporting_verbs
                for subject in clause.children
                if subject.dep_ in ("nsubj", "nsubjpass")
            ]
            for topic in topics:
                heads += [topic, *roles.nested_objects(topic)]
        if trigger.i != verb.i:
            preps = (
                roles.OBJECT_PREPS
                if territorial
                else (roles.OBJECT_PREPS - roles.TERRITORIAL_PREPS)
            )
            heads = roles.prepositional_objects(trigger, preps) + heads
        if roles.is_passive(verb):
            clause = roles.implicit_agent_clause(verb)
            if clause is not None and not any(actors.resolve(h) for h in heads):
                heads = roles.recipient_candidates(clause, territorial) + heads
        agent_countries = {a.actor.country for a in agents}
        agent_starts = {a.span.start for a in agents}
        events: set[int] = set()
        uncoded: list[ActorRef] = []
        for head in heads:
            if head.i == trigger.i:
                continue  # "held talks in Riyadh": the event noun is not its own recipient
            if head.lemma_.lower() in self.lexicon.instruments:
                continue  # "fired artillery shells at Seoul": the weapon is not the target
            if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children) and {
                r.actor.country for r in actors.resolve(head)
            } <= agent_countries | {None}:
                # "recalled its ambassador to France": the actor's own, not a target (but
                # "hosted his Ugandan counterpart" is)
                continue
            if frame.statement and any(a.i in events for a in head.ancestors):
                # "claimed responsibility for an attack on a checkpoint": a comment on an
                # event is not addressed to the event's target
                continue
            if (
                head.pos_ == "NOUN"
                and not roles.prepositional_objects(head, frozenset({"between"}))
                and self._is_event_noun(head)
            ):
                # "condemned an attack by X in Y": aimed at whoever did the event, not at
                # the place it happened in
                doers = [
                    r for r in self._nominal_agents(head, actors) if r.actor.code not in agent_codes
                ]
                if doers:
                    return doers
                events.add(head.i)
            refs = [
                r
                for r in (actors.resolve(head) or self._owners(head, actors))
                if (r.actor.code not in agent_codes or r.actor.code is None)
                and r.span.start not in agent_starts  # not the agent itself, unplaced yet
                and (not _placed(head) or r.actor.kind in PLACE_KINDS or _aimed(head, frame))
            ]
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
                    continue
            if refs:
                placed = [self._placed_country(r, verb, actors, agents) for r in refs]
                if any(_code(r) for r in placed):
                    return placed
                # "deployed troops to Somalia": "troops" of no country is what is sent,
                # so a later phrase that names someone is the recipient
                uncoded = uncoded or placed
        return uncoded

    def _owners(self, head: Token, actors: DocumentActors) -> list[ActorRef]:
        """ "A strike against the government's pension reform": a measure is aimed at whoever
        it belongs to, when it names no one itself."""
        if head.pos_ != "NOUN" or self._is_event_noun(head):
            return []
        return [
            r
            for owner in head.children
            if owner.dep_ == "poss" and owner.pos_ != "PRON"
            for r in actors.resolve(owner)
        ]

    def _placed_country(
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
        clause = roles.clause_root(verb)
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            # "were beaten and tear-gassed by police": the place is the first verb's
            clause = roles.clause_root(clause.head)
        country = actors.place_country(clause, self._is_event_noun)
        if country is None:
            # the armed forces too, when what they act on is civil society ("the army chief
            # threatened opposition leader Bobi Wine")
            authorities = DOMESTIC_AUTHORITIES | (
                {"MIL"} if actor.sector in CIVIL_SECTORS else set()
            )
            country = next((a.actor.country for a in agents if a.actor.sector in authorities), None)
        return ref if country is None else replace(ref, actor=located(actor, country))

    def _givers(self, verb: Token, actors: DocumentActors) -> list[ActorRef]:
        """Whom a received thing came from: "received weapons from the government"."""
        heads = roles.prepositional_objects(verb, frozenset({"from"}))
        for obj in roles.object_heads(verb):
            heads += roles.prepositional_objects(obj, frozenset({"from"}))
        for head in heads:
            refs = actors.resolve(head)
            if refs:
                return refs
        return []

    def _is_weapon_or_force(self, noun: Token) -> bool:
        if noun.lemma_.lower() in self.lexicon.instruments:
            return True
        pattern = self._noun_pattern(noun, sentence_lemmas(noun))
        return pattern is not None and self._frames.of(pattern.code).force

    def _is_event_noun(self, token: Token) -> bool:
        if token.pos_ != "NOUN":
            return False
        return self._noun_pattern(token, sentence_lemmas(token)) is not None

    def _cause_agents(self, verb: Token, actors: DocumentActors) -> list[ActorRef]:
        """ "Killed in Israeli shelling", "wounded by an air strike by government forces":
        an agentless passive was done by the actor of the event it happened in."""
        for noun in roles.prepositional_objects(verb, CAUSE_PREPS):
            if self._is_event_noun(noun):
                agents = self._nominal_agents(noun, actors)
                if agents:
                    return agents
        return []

    def _complement_recipients(
        self, verb: Token, actors: DocumentActors, agents: list[ActorRef]
    ) -> list[ActorRef]:
        """ "Demanded that Rwanda withdraw": whoever is to act; "threatened to impose
        tariffs on Colombia": whom the threatened act is aimed at."""
        own = {a.actor.code for a in agents}
        for complement in verb.children:
            if complement.dep_ == "advcl" and complement.lemma_.lower() in PURPOSE_VERBS:
                # "marched ..., demanding a change in the government's policy"; "rallied to
                # demand that Maduro step down"
                purpose = self._complement_recipients(complement, actors, agents) or (
                    self._recipients(complement, complement, actors, agents, "")
                )
                if purpose:
                    return purpose
            if complement.dep_ == "ccomp":
                for subject in roles.subject_heads(complement):
                    refs = [r for r in actors.resolve(subject) if r.actor.code not in own]
                    if refs:
                        return refs
            if complement.dep_ in ("xcomp", "ccomp") or roles.is_infinitive_clause(complement):
                recipients = self._recipients(complement, complement, actors, agents, "")
                if recipients:
                    return recipients
        return []

    def _refusal(self, verb: Token) -> Token | None:
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.lexicon.refusal_verbs:
            return verb.head
        return None

    def _denier(self, verb: Token) -> Token | None:
        return _governor_among(verb, self.lexicon.denial_verbs)

    def _reporter(self, verb: Token) -> Token | None:
        """The reporting verb an event is told under: "X said (that) ...", or the cue of the
        quotation the trigger stands in."""
        return _governor_among(verb, self.lexicon.reporting_verbs) or quotation_cue(
            verb, self.lexicon.reporting_verbs
        )

    def _speaker(
        self, verb: Token, reporter: Token | None, actors: DocumentActors
    ) -> ActorRef | None:
        """The source a reported event is attributed to: "X said ...", "according to X"."""
        if reporter is not None:
            speaker = actors.first(roles.subject_heads(reporter))
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

    # ---- nominal events ---------------------------------------------------------------------

    def _nominal(
        self, noun: Token, pattern: Pattern, actors: DocumentActors, earlier: list[Coding]
    ) -> Iterator[Coding]:
        agents = self._nominal_agents(noun, actors)
        frame = self._frames.of(pattern.code)
        if frame.third_party and _between(noun, agents):
            return  # "its mediation between Israel and Hamas" is not done by either party
        if not agents:
            # An indefinite truce with no parties named ("A truce ... ended the conflict")
            # is between the sides of the latest fighting; "the ceasefire" refers back.
            if frame.belligerent_actors and not _definite(noun):
                agents = _belligerents(earlier, self._frames)
            if not agents:
                return
        agents = agents[:1]  # one coding per event; the other side is the recipient
        agent_codes = {agents[0].actor.code}
        recipients = [
            r
            for r in self._nominal_recipients(noun, actors, pattern.code)
            if r.actor.code not in agent_codes
        ]
        if not recipients and noun.lemma_.lower() in ("response", "retaliation", "reprisal"):
            recipients = _responded_to(earlier, agents[0])
        if not recipients and frame.belligerents:
            recipients = [
                r for r in _belligerents(earlier, self._frames) if r.actor.code not in agent_codes
            ]
        statement = self._frame(noun, noun, factuality(noun, self.lexicon), pattern, False, actors)
        # "a ceasefire between Israel and Hezbollah", "a call between the two ministers":
        # something the parties do together is coded for each of them.
        mutual = frame.mutual and _between(noun, agents)
        for agent in agents:
            code = self._refine(self._state_code(pattern, pattern.code, agent), noun)
            for recipient in _or_none(recipients):
                yield statement.coding(code, agent, recipient)
                if mutual and recipient is not None:
                    yield statement.coding(code, recipient, agent)

    def _nominal_agents(self, noun: Token, actors: DocumentActors) -> list[ActorRef]:
        patient = noun.lemma_.lower() in self.lexicon.patient_nouns
        holders = [
            c
            for c in noun.children
            if c.dep_ in ("poss", "compound", "amod", "nmod")
            and not (patient and c.dep_ == "poss" and c.pos_ == "PRON")
        ]
        holders += roles.prepositional_objects(noun, frozenset({"by", "from"}))
        if self._is_weapon_or_force(noun):
            # "a bomb planted by militants", "missiles fired by the army" (but "a truce
            # mediated by Oman" is not Oman's truce)
            holders += [
                agent
                for participle in noun.children
                if participle.dep_ == "acl"
                for agent in roles.prepositional_objects(participle, frozenset({"by"}))
            ]
        for appos in (c for c in noun.children if c.dep_ == "appos"):
            holders += [c for c in appos.children if c.dep_ in ("poss", "compound", "amod")]
        if noun.dep_ == "appos":
            holders += [c for c in noun.head.children if c.dep_ in ("poss",)]
        between = roles.prepositional_objects(noun, frozenset({"between"}))
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

    def _nominal_recipients(
        self, noun: Token, actors: DocumentActors, pattern_code: str
    ) -> list[ActorRef]:
        preps = {"on", "against", "with", "between", "into", "to"}
        if self._frames.of(pattern_code).territorial:
            preps |= roles.TERRITORIAL_PREPS
        heads = roles.prepositional_objects(noun, frozenset(preps))
        for head in heads:
            refs = actors.resolve(head)
            if len(refs) > 1 and any(c.lower_ == "between" for c in head.ancestors):
                refs = refs[1:]
            if refs:
                return refs[:1]
        return []

    # ---- codes ----------------------------------------------------------------------------------

    def _state_code(self, pattern: Pattern, code: str, agent: ActorRef | None) -> str:
        if pattern.state_code and agent is not None and _is_state(agent):
            return pattern.state_code
        return code

    def _refine(self, code: str, trigger: Token) -> str:
        """Weapons named in the clause make a generic military code specific (missiles →
        195); what a protest is against or for makes it specific too (cuts → 1412)."""
        refinement = self._frames.of(code).refine
        if refinement == "protest_aim":
            return self._protest_aim(code, trigger)
        if refinement == "investigation":
            return self._investigated(code, trigger)
        if refinement in ("aid_kind", "aid_kind_sibling"):
            return self._aid_kind(code, trigger, refinement == "aid_kind_sibling")
        if refinement != "weapon":
            return code
        clause = roles.clause_root(trigger)
        scope = [trigger, *trigger.subtree, *clause.subtree]
        for token in scope:
            refined = self.lexicon.instruments.get(token.lemma_.lower())
            if refined is not None:
                return refined
        return code

    def _aid_kind(self, code: str, trigger: Token, sibling: bool) -> str:
        """ "Appealed for financial help" (0231), "suspended military aid" (1622): the kind
        of aid its words name makes an aid code specific."""
        digit = _cued_digit(self.lexicon.aid_kinds, _argument_lemmas(trigger))
        if digit is None:
            return code
        # 070 "provide aid" has its kinds beside it (071 ...), the others below
        return code[:-1] + digit if sibling else code + digit

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
        clause = roles.clause_root(trigger)
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


# ---- helpers --------------------------------------------------------------------------------


def _with_reverse(pattern: Pattern, codings: Iterable[Coding]) -> Iterator[Coding]:
    """A dictionary's ``[042:043]`` codes the recipient's act back too; ``[:020]`` only it."""
    for coding in codings:
        if pattern.forward:
            yield coding
        if (pattern.reverse or not pattern.forward) and coding.actor and coding.recipient:
            code = pattern.reverse or pattern.code
            yield replace(coding, code=code, actor=coding.recipient, recipient=coding.actor)


def _is_state(ref: ActorRef) -> bool:
    actor = ref.actor
    return actor.kind in STATE_KINDS or (actor.sector in STATE_SECTORS and actor.kind != "group")


def _is_country(ref: ActorRef) -> bool:
    return ref.actor.kind == "country" and ref.actor.sector is None


def _as_place(ref: ActorRef) -> ActorRef:
    country = ref.actor.country
    if ref.actor.sector is None or country is None:
        return ref
    return replace(ref, actor=replace(ref.actor, code=country, sector=None, kind="country"))


def _placed(head: Token) -> bool:
    """Whether ``head`` is the object of a locative preposition ("near the temple")."""
    return head.dep_ == "pobj" and head.head.lower_ in roles.TERRITORIAL_PREPS


def _between(noun: Token, agents: list[ActorRef]) -> bool:
    """Whether the actor of a nominal event is one of the parties "between" it names."""
    parties = roles.prepositional_objects(noun, frozenset({"between"}))
    extents = [(p.left_edge.idx, p.right_edge.idx + len(p.right_edge)) for p in parties]
    return bool(parties) and all(
        any(start <= a.span.start and a.span.end <= end for start, end in extents) for a in agents
    )


def _asks_someone_to_act(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "dative") for c in verb.children) and any(
        c.dep_ == "xcomp" or roles.is_infinitive_clause(c) for c in verb.children
    )


def _remembered(noun: Token, commemorations: frozenset[str]) -> bool:
    """ "The 80th anniversary of the revolt", "in memory of the victims of the attack"."""
    return any(
        a.dep_ == "prep" and a.lower_ == "of" and a.head.lemma_.lower() in commemorations
        for a in noun.ancestors
    )


def _will_not(verb: Token) -> bool:
    """ "will not attend", "would not provide": a declared refusal, not a report that
    something did not happen."""
    return _negated_here(verb) and any(
        c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in verb.children
    )


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


def _aimed(head: Token, frame: Frame) -> bool:
    """ "Fired missiles at the government", "hurled stones at police": with force, "at"
    names the target."""
    return frame.aimed and head.head.lower_ == "at"


def _of_the_territory(agent: ActorRef, recipients: list[ActorRef]) -> ActorRef:
    """ "Insurgents bombarded part of Aleppo": fighters of no named country who strike a
    place are that place's."""
    actor = agent.actor
    if actor.country is not None or actor.sector not in IRREGULAR_FORCES:
        return agent
    places = {r.actor.country for r in recipients if r.actor.kind in PLACE_KINDS}
    if len(places) != 1 or None in places:
        return agent
    return replace(agent, actor=located(actor, places.pop()))


def _governor_among(verb: Token, lemmas: frozenset[str]) -> Token | None:
    """The nearest verb above ``verb`` whose lemma is one of ``lemmas`` ("said", "denied")."""
    for governor in roles.governing_chain(verb):
        if governor.i != verb.i and governor.lemma_.lower() in lemmas:
            return governor
    return None


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


def _history(trigger: Token) -> bool:
    """ "... almost five years after crowds trashed its embassy": an event recalled as the
    background years back is history, not news of the day."""
    clause = roles.clause_root(trigger)
    return (
        clause.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in ("after", "since") for m in clause.children)
        and any(
            c.dep_ == "npadvmod" and c.lemma_.lower() in ("year", "decade", "century")
            for c in clause.children
        )
    )


def _aimed_at_someone(verb: Token) -> bool:
    """Whether the verb or its objects are aimed "at" someone: "launched drones and
    missiles at Ukraine"."""
    objects = roles.object_heads(verb)
    heads = [verb, *objects, *(c for o in objects for c in o.conjuncts)]
    return any(roles.prepositional_objects(h, AIMING_PREPS) for h in heads)


def _travels(verb: Token) -> bool:
    """ "Flew to Moscow" is a journey; "flew tents to Herat" carries things, and "flew
    home" is a return."""
    return not any(
        (c.dep_ == "dobj" and c.pos_ == "NOUN") or (c.dep_ == "advmod" and c.lower_ == "home")
        for c in verb.children
    )


def _or_none(refs: list[ActorRef]) -> list[ActorRef | None]:
    """The actors, or a single unknown one: an event may lack an actor or a recipient."""
    return list(refs) if refs else [None]


def _definite(noun: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss")
        and c.lower_ in ("the", "this", "that", "these", "those", "its", "their")
        for c in noun.children
    )


def _perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _negated_here(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _nearby_lemmas(verb: Token) -> set[str]:
    found = set()
    for child in verb.children:
        if any(
            g.ent_type_ in ("DATE", "TIME") or g.lemma_.lower() in TIME_NOUNS
            for g in child.children
            if g.dep_ == "pobj"
        ):
            continue  # "for hours" is no "leave for"
        found.add(child.lemma_.lower())
        found.add(child.lower_)
        if child.dep_ == "conj":
            continue  # "leaving ... and disrupting traffic for hours": the other verb's
        for grandchild in child.children:
            found.add(grandchild.lemma_.lower())
    return found


def _object_lemmas(verb: Token) -> frozenset[str]:
    """Lemmas of the object phrase, looking through "to"/"for" complements and gerunds."""
    heads: list[Token] = [c for c in verb.children if c.dep_ in ("dobj", "attr", "nsubjpass")]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        heads.append(verb.head)  # "the agreement signed by ...": what was signed
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        if prep.lower_ in CIRCUMSTANCE_PREPS:
            continue  # "suspended its membership after the military coup"
        heads.extend(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
        # "pulled out of talks", parsed as "out" → "of" → "talks"
        for inner in (g for g in prep.children if g.dep_ == "prep"):
            heads.extend(g for g in inner.children if g.dep_ in ("pobj", "pcomp"))
    for adverb in (c for c in verb.children if c.dep_ == "advmod" and c.lower_ in PARTICLES):
        # "walk away from talks", parsed as "away" → "from" → "talks"
        for inner in (g for g in adverb.children if g.dep_ == "prep"):
            heads.extend(g for g in inner.children if g.dep_ in ("pobj", "pcomp"))
    words: set[str] = set()
    for head in heads:
        words.update(_phrase_lemmas(head))
        if head.pos_ == "VERB":  # "open to receiving help"
            for obj in head.children:
                if obj.dep_ in ("dobj", "attr"):
                    words.update(_phrase_lemmas(obj))
    for xcomp in (c for c in verb.children if c.dep_ == "xcomp" or roles.is_infinitive_clause(c)):
        words.add(xcomp.lemma_.lower())
        if not any(c.dep_ in ("dobj", "dative") for c in verb.children):
            # "ready to hold talks", "pledged to send aid": the subject's own intended act
            # (with an object, "urged the council to meet", the act is the object's).
            for obj in xcomp.children:
                if obj.dep_ in ("dobj", "attr"):
                    words.update(_phrase_lemmas(obj))
    return frozenset(words)


def _phrase_lemmas(head: Token) -> Iterable[str]:
    # The word as written too: patterns list plurals the lemmatiser reduces ("talks").
    yield head.lemma_.lower()
    yield head.lower_
    for child in head.children:
        if child.dep_ in ("compound", "amod", "nmod", "conj"):
            yield child.lemma_.lower()
            yield from (w.lower() for w in child.lemma_.split("-"))
            # "search and rescue teams": the modifier's conjuncts modify the head too
            yield from (c.lemma_.lower() for c in child.children if c.dep_ == "conj")
        if child.dep_ == "prep" and child.lower_ in ("to", "of", "for", "in"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield obj.lemma_.lower()
                    # "200 tonnes of medical supplies": what the quantity is of
                    yield from (m.lemma_.lower() for m in obj.children
                                if m.dep_ in ("amod", "compound"))  # fmt: skip


def _anaphoric_actor(earlier: list[Coding], frames: Frames) -> list[ActorRef]:
    """ "The assault ...": the actor of the latest violent event."""
    for coding in reversed(earlier):
        if frames.of(coding.code).violent and coding.actor is not None:
            return [coding.actor]
    return []


def _responded_to(earlier: list[Coding], agent: ActorRef) -> list[ActorRef]:
    """A response is aimed at whoever last acted against the responder."""
    for coding in reversed(earlier):
        if (
            coding.actor is not None
            and coding.actor.actor.code != agent.actor.code
            and (
                coding.recipient is not None
                and coding.recipient.actor.country == agent.actor.country
            )
        ):
            return [coding.actor]
    return []


def _belligerents(earlier: list[Coding], frames: Frames) -> list[ActorRef]:
    """The two sides of the latest fighting, for a truce or mediation that names none."""
    for coding in reversed(earlier):
        if (
            frames.of(coding.code).violent
            and coding.actor
            and coding.recipient
            and coding.actor.actor.country
            and coding.recipient.actor.country
        ):
            return [coding.actor, coding.recipient]
    return []


def _without_protest_demands(codings: list[Coding], frames: Frames) -> list[Coding]:
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


def _without_asked_acts(codings: list[Coding], frames: Frames) -> list[Coding]:
    """ "Demanded that Rwanda withdraw its troops": the appeal or demand (coded by what it
    asks for) stands for the act asked for, which is not coded as well."""
    asked = {
        complement.i
        for c in codings
        if frames.of(c.code).asks
        for complement in c.trigger.children
        if complement.dep_ in ("ccomp", "xcomp") or roles.is_infinitive_clause(complement)
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


def _without_consequences(codings: list[Coding], frames: Frames) -> list[Coding]:
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


def _deduplicate(codings: list[Coding], frames: Frames) -> list[Coding]:
    """One event per (actor, recipient, root) in a sentence: keep the most specific coding."""
    best: dict[tuple[str | None, str | None, str], Coding] = {}
    order: list[tuple[str | None, str | None, str]] = []
    for coding in codings:
        actor = _identity(coding.actor)
        recipient = _identity(coding.recipient)
        key = (actor, recipient, coding.code[:2])
        current = best.get(key)
        if current is None:
            best[key] = coding
            order.append(key)
        elif (len(coding.code), coding.specificity) > (len(current.code), current.specificity) or (
            frames.of(current.code).yields_to == coding.code
        ):
            best[key] = coding
    # A coding without a recipient is dropped when the same actor has one with a recipient.
    result = [best[k] for k in order]
    # A coding whose recipient is not identified ("killing at least five people") is
    # dropped likewise.
    with_recipient = {(_code(c.actor), c.code[:2]) for c in result if _code(c.recipient)}
    return [
        c
        for c in result
        if _code(c.recipient) or (_code(c.actor), c.code[:2]) not in with_recipient
    ]


def _code(ref: ActorRef | None) -> str | None:
    return ref.actor.code if ref is not None else None


def _identity(ref: ActorRef | None) -> str | None:
    """Who an actor is, for telling codings apart: its code, and its name if it has one."""
    if ref is None or ref.actor.code is None:
        return None  # an actor no code identifies is no one in particular
    return f"{ref.actor.code}|{ref.actor.name or ''}"
