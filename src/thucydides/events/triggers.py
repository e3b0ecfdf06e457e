"""Which pattern a word takes: a verb's (the user's verb dictionaries, the project's patterns,
the built-in CAMEO.2.0 dictionary, in that order), a light verb's event noun, a noun's.

Precedence for a verb: (1) the user's verb dictionaries, the last given first — a verb one
of them lists is coded by it alone, ``[---]`` meaning no event; (2) the project's patterns,
most specific first; (3) the built-in CAMEO.2.0 dictionary, where no project pattern
matches. A verb none of them codes may still appeal ("asked the US to share intelligence")
or demand ("told Rwanda that it must pull its troops out").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from thucydides.events.dictionary import DictionaryMatch, VerbLayer
from thucydides.events.lexicon import Lexicon, Pattern
from thucydides.grammar import tree
from thucydides.nlp import sentence_lemmas

# Adverbs the parser makes of a phrasal verb's particle ("walk away from").
PARTICLES = frozenset({"away", "out", "back", "off", "down"})
TIME_NOUNS = frozenset({"hour", "minute", "day", "week", "month", "year", "while", "time"})
# Verbs that make a demand of what they tell someone they must do.
TELLING_VERBS = frozenset({"tell", "inform", "remind", "notify"})
OBLIGATION_MODALS = frozenset({"must", "should"})
# Prepositions of a circumstance, not of what an act is about.
CIRCUMSTANCE_PREPS = frozenset(
    {"after", "before", "during", "since", "amid", "following", "despite", "because"}
)
# Prepositions that aim a weapon at someone.
AIMING_PREPS = frozenset({"at", "against", "toward", "towards"})


class Triggers:
    """The patterns of verbs and nouns, by the precedence of the module docstring."""

    def __init__(
        self,
        lexicon: Lexicon,
        user_layers: Sequence[VerbLayer] = (),
        builtin_layer: VerbLayer | None = None,
        codes: frozenset[str] = frozenset(),
    ) -> None:
        self.lexicon = lexicon
        self._frames = lexicon.frames
        self._user_layers = tuple(reversed(user_layers))
        self._builtin_layer = builtin_layer
        self._codes = codes
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

    def lemma(self, token: Token) -> str:
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

    # ---- verbs ----------------------------------------------------------------------------

    def verbal_pattern(self, verb: Token, lemmas: frozenset[str]) -> Pattern | None:
        """The pattern of a verb or predicative adjective, or of the appeal or demand it
        makes."""
        return (
            self.verb_pattern(verb, lemmas)
            or self._appeal_pattern(verb)
            or self._obligation_pattern(verb)
        )

    def verb_pattern(self, verb: Token, lemmas: frozenset[str]) -> Pattern | None:
        """The pattern deciding a verb, by the precedence of the module docstring."""
        if verb.pos_ == "VERB":
            for layer in self._user_layers:
                listed = layer.match(verb)  # None: the layer does not list the verb
                if listed is not None:
                    return self._dictionary_pattern(verb, listed)
        own = self._own_pattern(verb, lemmas)
        if own is not None or self._builtin_layer is None or verb.pos_ != "VERB":
            return own
        lemma = self.lemma(verb)
        if lemma in self._grammar_verbs or lemma in self.lexicon.verbs:
            return None  # the grammar frames it, or the project's patterns rejected it
        if verb.tag_ in ("VB", "VBG") and verb.dep_ != "ROOT":
            return None  # "to lead a mission", "citing threats": not a reported act
        match = self._builtin_layer.match(verb)
        if match is None or not match.words:
            # A verb's bare default ("think" 040, "need" 100, "see" 010) was right for few
            # verbs of real news (see the README): only the dictionary's constructions code.
            return None
        # as PETRARCH codes its dictionary's events: with both parties known
        return self._dictionary_pattern(verb, match, dyadic=True)

    def _dictionary_pattern(
        self, verb: Token, match: DictionaryMatch, dyadic: bool = False
    ) -> Pattern | None:
        forward, reverse = (self._known_code(c) for c in (match.code.forward, match.code.reverse))
        code = forward or reverse
        if code is None:
            return None  # [---], or codes the codebook does not know
        return Pattern(
            code=code,
            kind="verb",
            lemma=self.lemma(verb),
            particles=(),
            objects=frozenset(),
            context=frozenset(),
            state_code=None,
            rule=match.rule,
            reverse=reverse if forward else None,
            forward=forward is not None,
            dyadic=dyadic,
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
        candidates = self.lexicon.verbs.get(self.lemma(verb), ())
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
        lemma = self.lemma(verb)
        if lemma not in self.lexicon.appeal_verbs or not _asks_someone_to_act(verb):
            return None
        appeal = self._frames.generic("appeal")
        return Pattern(
            appeal, "verb", lemma, (), frozenset(), frozenset(), None, rule="coder:appeal"
        )

    def _obligation_pattern(self, verb: Token) -> Pattern | None:
        """ "Told Rwanda that it must pull its troops out": telling someone what they must
        do is a demand, coded by what it demands."""
        lemma = self.lemma(verb)
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

    def act_pattern(self, verb: Token, lemmas: frozenset[str]) -> Pattern | None:
        """The pattern of the act a complement verb names ("to resume talks")."""
        light = self.light_event(verb, lemmas)
        return light[1] if light is not None else self.verb_pattern(verb, lemmas)

    # ---- light verbs ------------------------------------------------------------------------

    def light_event(self, verb: Token, lemmas: frozenset[str]) -> tuple[Token, Pattern] | None:
        """A light verb's event noun and its pattern ("launched an attack", "took part in
        a march"), or None."""
        if self.lemma(verb) not in self.lexicon.light_verbs and not self._takes_part(verb):
            return None
        for noun in self._light_objects(verb):
            pattern = self.noun_pattern(noun, lemmas)
            if pattern is not None:
                return noun, pattern
        return None

    def _light_objects(self, verb: Token) -> list[Token]:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        objects += tree.prepositional_objects(verb, frozenset({"as"}))
        if self._takes_part(verb):
            # "took part in a march", "engaged Filipino peacekeepers in a firefight"
            objects += tree.prepositional_objects(verb, frozenset({"in"}))
        return objects

    def _takes_part(self, verb: Token) -> bool:
        """ "Participate in", "engage in", "take part in": the event is the "in" object."""
        lemma = self.lemma(verb)
        if lemma == "take":
            return any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)
        return lemma in self.lexicon.participation_verbs

    # ---- nouns ------------------------------------------------------------------------------

    def noun_pattern(self, noun: Token, lemmas: frozenset[str]) -> Pattern | None:
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

    def is_event_noun(self, token: Token) -> bool:
        if token.pos_ != "NOUN":
            return False
        return self.noun_pattern(token, sentence_lemmas(token)) is not None

    def is_weapon_or_force(self, noun: Token) -> bool:
        if noun.lemma_.lower() in self.lexicon.instruments:
            return True
        pattern = self.noun_pattern(noun, sentence_lemmas(noun))
        return pattern is not None and self._frames.of(pattern.code).force

    def is_no_trigger(self, noun: Token) -> bool:
        """Nouns that name no event of now, whatever their pattern."""
        if remembered(noun, self.lexicon.commemoration_nouns):
            return True  # "the anniversary of the revolt" is no revolt now
        # "the Warsaw Uprising monument" names a monument
        return noun.dep_ == "compound" and noun.head.pos_ == "NOUN"


def remembered(noun: Token, commemorations: frozenset[str]) -> bool:
    """ "The 80th anniversary of the revolt", "in memory of the victims of the attack"."""
    return any(
        a.dep_ == "prep" and a.lower_ == "of" and a.head.lemma_.lower() in commemorations
        for a in noun.ancestors
    )


def _asks_someone_to_act(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "dative") for c in verb.children) and any(
        c.dep_ == "xcomp" or tree.is_infinitive_clause(c) for c in verb.children
    )


def _aimed_at_someone(verb: Token) -> bool:
    """Whether the verb or its objects are aimed "at" someone: "launched drones and
    missiles at Ukraine"."""
    objects = tree.object_heads(verb)
    heads = [verb, *objects, *(c for o in objects for c in o.conjuncts)]
    return any(tree.prepositional_objects(h, AIMING_PREPS) for h in heads)


def _travels(verb: Token) -> bool:
    """ "Flew to Moscow" is a journey; "flew tents to Herat" carries things, and "flew
    home" is a return."""
    return not any(
        (c.dep_ == "dobj" and c.pos_ == "NOUN") or (c.dep_ == "advmod" and c.lower_ == "home")
        for c in verb.children
    )


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
        words.update(phrase_lemmas(head))
        if head.pos_ == "VERB":  # "open to receiving help"
            for obj in head.children:
                if obj.dep_ in ("dobj", "attr"):
                    words.update(phrase_lemmas(obj))
    for xcomp in (c for c in verb.children if c.dep_ == "xcomp" or tree.is_infinitive_clause(c)):
        words.add(xcomp.lemma_.lower())
        if not any(c.dep_ in ("dobj", "dative") for c in verb.children):
            # "ready to hold talks", "pledged to send aid": the subject's own intended act
            # (with an object, "urged the council to meet", the act is the object's).
            for obj in xcomp.children:
                if obj.dep_ in ("dobj", "attr"):
                    words.update(phrase_lemmas(obj))
    return frozenset(words)


def phrase_lemmas(head: Token) -> Iterable[str]:
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
