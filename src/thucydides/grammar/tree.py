"""Who did it and to whom, in English: subjects, objects and clauses in the dependency parse.

Handles active and passive voice ("by"-agents), control and raising chains ("continues to
refuse", "using missiles to hit"), shared subjects of coordinated verbs, relative clauses,
participles ("a truce mediated by ..."), and an implicit agent taken from a temporal clause
("the treaty was suspended when India accused Pakistan ..."). Which of these phrases an
event's recipient is depends on the event: ``events.participants`` decides.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# Clauses whose missing subject is the governing clause's subject.
CONTROL_DEPS = frozenset({"xcomp", "advcl", "conj"})
# Prepositions of place: "talks in Riyadh", "troops near the border".
TERRITORIAL_PREPS = frozenset({"in", "at", "inside", "near", "outside"})
DIRECTIONAL_PREPS = frozenset({"into", "toward", "towards", "across", "at", "near"})
OBJECT_PREPS = frozenset(
    {"in", "on", "of", "from", "against", "to", "for", "between", "with", "by", "into", "over"}
)
# Pronouns that, in a reported clause, stand for whoever reported it ("Iran said it ...").
REPORTED_PRONOUNS = frozenset({"it", "they"})
TEMPORAL_MARKS = frozenset({"when", "after", "as", "once", "because", "since"})


def is_passive(verb: Token) -> bool:
    return any(
        c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ in ("auxpass", "agent") for c in verb.children
    )


def subject_heads(verb: Token, object_control: frozenset[str] = frozenset()) -> list[Token]:
    """Heads of the agent phrase of ``verb``, following control chains upwards;
    ``object_control`` verbs lend their object as the subject of their infinitive."""
    current = verb
    for step in range(8):
        if is_passive(current):
            if step and _raised(current):
                # "Both sides are expected to meet": the passive subject is the meeter.
                return [c for c in current.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            return list(_agents(current)) or _shared_agents(current)
        own = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if own:
            return own
        if current.dep_ == "acl" and any(c.dep_ == "agent" for c in current.children):
            # "the agreement signed by Congo and Rwanda": the "by" phrase
            return list(_agents(current))
        if current.dep_ == "relcl" or (
            current.dep_ == "acl" and (_has_object(current) or current.tag_ == "VBD")
        ):
            # "the fighters who abducted ..."; "Boko Haram fighters abducted 20 women",
            # parsed as a participle with an object, and "Rubio, the US secretary of
            # state, called on Russia", a finite verb parsed as one: the noun is the doer.
            noun = current.head
            if noun.dep_ == "attr" and has_to(current):
                # "Russia became the first country to recognise ...": who "became" it
                return [c for c in noun.head.children if c.dep_ in SUBJECT_DEPS] or [noun]
            return [noun]
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in object_control:
            objects = [c for c in current.head.children if c.dep_ in ("dobj", "dative")]
            if objects:
                # Object control: "urged the Council to meet" - the Council would meet.
                return objects
        if current.dep_ in CONTROL_DEPS | {"acomp"} and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "pcomp":
            # "emphasizes ... by using X to reject": a gerund after a preposition shares the
            # subject of the nearest verb above, wherever the parser attached the phrase;
            # but after an object-control verb ("accused Pakistan of shelling", "blamed
            # Russia for attacking") its object is the one said to do it.
            above = next((a for a in current.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if above is None:
                return []
            # "fined Apple 500 million euros for breaching ...": the person, not the sum
            objects = [c for c in above.children if c.dep_ == "dative"] or [
                c for c in above.children if c.dep_ == "dobj"
            ]
            if current.head.lower_ != "by" and objects and above.lemma_.lower() in object_control:
                return objects
            current = above
            continue
        return []
    return []


def _shared_agents(verb: Token) -> list[Token]:
    """ "Were beaten and tear-gassed by police": coordinated passives share the "by" agent."""
    siblings = [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        siblings.append(verb.head)
    return [a for sibling in siblings for a in _agents(sibling)]


def has_to(verb: Token) -> bool:
    """Whether ``verb`` is a "to" infinitive: "to mediate", "a proposal to deploy"."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def is_infinitive_clause(token: Token) -> bool:
    """ "offered on Thursday to mediate": an infinitive the parser attached as an adverbial
    clause, which is the verb's complement all the same."""
    return token.dep_ == "advcl" and has_to(token)


def _raised(verb: Token) -> bool:
    """A passive raising verb: "are expected/said/believed to ..." with an xcomp."""
    return any(c.dep_ == "xcomp" for c in verb.children)


def _agents(verb: Token) -> Iterator[Token]:
    for child in verb.children:
        if child.dep_ == "agent":
            yield from (g for g in child.children if g.dep_ == "pobj")


def implicit_agent_clause(verb: Token) -> Token | None:
    """For an agentless passive, the verb of a temporal clause whose subject did it."""
    for child in verb.children:
        if (
            child.dep_ == "advcl"
            and any(m.lower_ in TEMPORAL_MARKS for m in child.children)
            and any(c.dep_ in SUBJECT_DEPS for c in child.children)
        ):
            return child
    return None


def _has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


def participle_patient(verb: Token) -> Token | None:
    """ "A truce mediated by X": the noun a passive participle modifies."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not _has_object(verb):
        return verb.head
    return None


def object_heads(verb: Token) -> list[Token]:
    """Direct objects and datives of ``verb`` (with their conjuncts)."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    # "sent troops to Haiti" is often parsed with "to" as the dative: its object is meant
    heads = [
        g
        for h in heads
        for g in ([h] if h.pos_ != "ADP" else [c for c in h.children if c.dep_ == "pobj"])
    ]
    # "pulled out of talks with Congo", parsed "out" → "of" → "talks", and "walked away
    # from talks": the phrasal verb's object
    heads += [
        g
        for particle in verb.children
        if particle.dep_ in ("prep", "advmod") and particle.lower_ in ("out", "away")
        for inner in particle.children
        if inner.dep_ == "prep" and inner.lower_ in ("of", "from")
        for g in inner.children
        if g.dep_ == "pobj" and g.pos_ == "NOUN"  # "out of eastern Congo" is a place
    ]
    if is_passive(verb):
        patients = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if not patients and verb.dep_ == "conj":
            # "were beaten and tear-gassed by police": the first verb's subject
            patients = [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        heads = patients + heads
    return heads


def prepositional_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            found.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
    return found


def nested_objects(
    head: Token, preps: frozenset[str] = OBJECT_PREPS, participles: bool = False
) -> list[Token]:
    """Objects of the prepositions under ``head``, two levels down: "a resumption of ties
    with Eriador", "the prospects for peace with Azerbaijan"; with ``participles``, also
    where a participle after it points ("the roads leading into Mordor")."""
    found: list[Token] = []
    for inner in prepositional_objects(head, preps):
        found.append(inner)
        found.extend(prepositional_objects(inner, preps - {"of"}))
    for participle in (c for c in head.children if c.dep_ == "acl" and c.pos_ == "VERB"):
        # "war crimes committed by Russian troops": whoever did what the object is
        found.extend(_agents(participle))
        if participles:
            found.extend(prepositional_objects(participle, DIRECTIONAL_PREPS))
    return found


def clause_root(token: Token) -> Token:
    """The verb of the finite clause containing ``token`` (climbing non-finite clauses)."""
    current = token
    for _ in range(10):
        if current.dep_ in ("ROOT", "ccomp", "relcl", "advcl", "conj") and current.pos_ in (
            "VERB",
            "AUX",
        ):
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return current


def governing_chain(token: Token) -> Iterator[Token]:
    """``token`` and the verbs that govern it, up to the sentence root."""
    current = token
    yield current
    for _ in range(12):
        if current.head.i == current.i:
            return
        current = current.head
        yield current
