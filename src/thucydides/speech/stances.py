"""Stances: who supports or opposes what, and why.

A stance is read where a support or opposition cue ("welcomes", "is open to", "rejects",
"rules out", "its openness to") takes as object a phrase that names a topic of the topic
lexicon ("third-party mediation", "sanctions"). The holder is the cue's subject, resolved
through the actor layer (control chains, "we" in a quotation, pronouns); a negated cue
flips the position ("does not support" opposes). The reason is the complement of a reason
cue in the same clause ("citing the 1972 Simla Agreement", "because ..."); the target is an
actor named inside the object ("mediation by the US"). One stance per holder, topic and
position per document, with the first evidence and the first reason given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from thucydides.actors.kb import composite_code
from thucydides.actors.resolve import DocumentActors
from thucydides.grammar.tree import subject_heads
from thucydides.model import ActorRef, Evidence, Stance
from thucydides.model import Span as TextSpan
from thucydides.nlp import doc_text, sentences, words_follow
from thucydides.speech.lexicon import Cue, Position, SpeechLexicon
from thucydides.time.anchor import EventDater

# Object-like dependents whose phrase may name the topic.
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass", "pobj"})
# Dependents cut from a reason phrase: "the 1972 Simla Agreement [as the agreement guiding ...]".
REASON_CUT_DEPS = frozenset({"prep", "acl", "relcl", "appos", "punct", "cc", "conj"})
# How far after the cue's head the rest of a multi-word cue may stand ("rule [it] out").
CUE_WINDOW = 6
MAX_TERM_WORDS = 6
# How deep in the object phrase a topic may be named: "any outside [mediation]", "mediation
# on the Kashmir dispute" (head first), "the resumption of [talks]".
TOPIC_DEPTH = 4
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp"})
# Reason words that are also temporal or comparative unless they mark a clause.
MARK_ONLY_REASONS = frozenset({"since", "as", "given"})


@dataclass(frozen=True, slots=True)
class _Found:
    cue: Cue
    head: Token


def find_stances(
    doc: Doc,
    actors: DocumentActors,
    lexicon: SpeechLexicon,
    dater: EventDater,
    stance_nouns: Mapping[str, str],
    object_control: frozenset[str] = frozenset(),
) -> list[Stance]:
    topics = topic_index(doc, lexicon)
    if not topics:
        return []
    stances: dict[tuple[str, str, str], Stance] = {}
    for index, sentence in enumerate(sentences(doc)):
        for found in _cues(sentence, lexicon, stance_nouns):
            for stance in _stances_at(found, index, sentence, topics, actors, lexicon, dater,
                                      object_control):  # fmt: skip
                key = (_identity(stance.holder), stance.topic, stance.position)
                earlier = stances.get(key)
                if earlier is None:
                    stances[key] = stance
                elif earlier.reason is None and stance.reason is not None:
                    target = earlier.target or stance.target
                    stances[key] = replace(earlier, target=target, reason=stance.reason)
    return list(stances.values())


def topic_index(doc: Doc, lexicon: SpeechLexicon) -> dict[int, str]:
    """Token index → topic label, longest term first ("third-party mediation")."""
    found: dict[int, str] = {}
    text = doc_text(doc)
    i = 0
    while i < len(doc):
        if doc[i].lower_ not in lexicon.topic_starts and doc[i].lemma_.lower() not in (
            lexicon.topic_lemmas
        ):
            i += 1
            continue
        for n in range(min(MAX_TERM_WORDS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            label = lexicon.topic_terms.get(text[span.start_char : span.end_char].lower())
            if label is None and n == 1:
                label = lexicon.topic_lemmas.get(doc[i].lemma_.lower())
            if label is not None:
                for j in range(i, i + n):
                    found[j] = label
                i += n - 1
                break
        i += 1
    return found


def _cues(
    sentence: Span, lexicon: SpeechLexicon, stance_nouns: Mapping[str, str]
) -> Iterator[_Found]:
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in stance_nouns:
            lemma = stance_nouns[lemma]  # "openness to" reads as "open to"
        elif token.pos_ not in ("VERB", "ADJ"):
            continue
        if lemma in lexicon.appraisal_verbs:
            position = _appraisal(token, lexicon)
            if position is not None:
                yield _Found(Cue(lemma, (), position), token)
            continue
        for cue in lexicon.cues.get(lemma, ()):
            if words_follow(token, cue.tail, CUE_WINDOW):
                yield _Found(cue, token)
                break


def _appraisal(verb: Token, lexicon: SpeechLexicon) -> Position | None:
    """ "called the declaration illegal", "described the deal as a milestone": the
    position of the evaluation the verb predicates of its object."""
    complements = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp")]
    complements += [g for c in verb.children if c.lower_ == "as" for g in c.children]
    for complement in complements:
        for word in (complement, *complement.children):
            position = lexicon.evaluations.get(word.lemma_.lower())
            if position is not None:
                return position
    return None


def _stances_at(
    found: _Found,
    index: int,
    sentence: Span,
    topics: dict[int, str],
    actors: DocumentActors,
    lexicon: SpeechLexicon,
    dater: EventDater,
    object_control: frozenset[str],
) -> Iterator[Stance]:
    head = found.head
    objects = [o for o in _objects(head) if not _is_evaluation(o, lexicon)]
    topic = _topic(objects, topics) or _anaphoric_topic(objects, head, topics, lexicon)
    if topic is None:
        return
    holders = _holders(head, actors, object_control)
    position = _flip(found.cue.position) if _negated(head, lexicon) else found.cue.position
    reason = _reason(head, objects, lexicon)
    target = _target(objects, actors, holders)
    date = dater.date_for(index, head)
    evidence = Evidence(sentence.text, TextSpan(sentence.start_char, sentence.end_char))
    for holder in holders:
        yield Stance(holder, topic, target, position, reason, date, evidence)


def _objects(head: Token) -> Iterator[Token]:
    """The phrases the cue is about: its object, the object of its preposition ("open to
    mediation", "called for talks"), and those of a complement verb ("refused to hold
    talks")."""
    for child in head.children:
        if child.dep_ in OBJECT_DEPS:
            yield child
        elif child.dep_ in ("prep", "prt", "agent") and child.lower_ != "by":
            yield from (g for g in child.children if g.dep_ in ("pobj", "pcomp"))
        elif child.dep_ == "xcomp":
            yield from (g for g in child.children if g.dep_ in OBJECT_DEPS)


def _topic(objects: Iterable[Token], topics: dict[int, str]) -> str | None:
    """The topic the object phrase names, nearest its head first ("mediation on the Kashmir
    dispute" is about mediation); clauses inside the phrase are about something else."""
    for obj in objects:
        frontier = [obj]
        for _ in range(TOPIC_DEPTH):
            for token in frontier:
                if token.i in topics:
                    return topics[token.i]
            frontier = [c for t in frontier for c in t.children if c.dep_ not in CLAUSE_DEPS]
    return None


def _anaphoric_topic(
    objects: list[Token], head: Token, topics: dict[int, str], lexicon: SpeechLexicon
) -> str | None:
    """ "Condemned the decision": the issue named last before the cue."""
    if not any(o.lemma_.lower() in lexicon.anaphors for o in objects):
        return None
    earlier = [i for i in topics if i < head.i]
    return topics[max(earlier)] if earlier else None


def _is_evaluation(token: Token, lexicon: SpeechLexicon) -> bool:
    return token.dep_ in ("oprd", "acomp") and token.lemma_.lower() in lexicon.evaluations


def _holders(head: Token, actors: DocumentActors, object_control: frozenset[str]) -> list[ActorRef]:
    if head.pos_ == "NOUN":
        # "Pakistan's openness to mediation"; else the subject of the verb it serves.
        owners = [c for c in head.children if c.dep_ == "poss"]
        refs = [r for o in owners for r in actors.resolve(o) if r.actor.code]
        if refs or head.head.i == head.i:
            return [_official(r) for r in refs]
        head = head.head
    refs = []
    for subject in subject_heads(head, object_control):
        refs.extend(r for r in actors.resolve(subject) if r.actor.code)
    return [_official(r) for r in refs]


def _official(ref: ActorRef) -> ActorRef:
    """A country that takes a position does so through its government: "Denmark rejects
    the annexation" is the Danish government's stance (DNKGOV)."""
    actor = ref.actor
    if actor.kind != "country" or actor.sector is not None or not actor.country:
        return ref
    code = composite_code(actor.country, "GOV")
    return replace(ref, actor=replace(actor, sector="GOV", code=code))


def _negated(head: Token, lexicon: SpeechLexicon) -> bool:
    chain = [head]
    if head.dep_ in ("xcomp", "acomp") and head.head.i != head.i:
        chain.append(head.head)  # "does not want to reject", "is not open to"
    return any(c.dep_ == "neg" or c.lower_ in lexicon.negators for t in chain for c in t.children)


def _flip(position: Position) -> Position:
    return "oppose" if position == "support" else "support"


def _reason(head: Token, objects: list[Token], lexicon: SpeechLexicon) -> str | None:
    """The complement of a reason cue attached to the cue or a verb governing it."""
    inside = {t.i for o in objects for t in o.subtree}
    node: Token | None = head
    for _ in range(4):
        if node is None:
            break
        for child in node.children:
            if child.i in inside or child.i == head.i:
                continue
            text = _reason_text(child, lexicon)
            if text:
                return text
        node = node.head if node.head.i != node.i else None
    return None


def _reason_text(cue: Token, lexicon: SpeechLexicon) -> str | None:
    words = [t.lower_ for t in cue.subtree][:4]
    if not any(" ".join(words[: n + 1]) in lexicon.reasons for n in range(len(words))):
        return None
    if cue.lower_ in MARK_ONLY_REASONS:
        return None  # "since the beginning of the conflict" is a time, not a reason
    if cue.pos_ in ("VERB", "AUX"):
        # "citing the Simla Agreement", "saying that it had failed": only a verb that is
        # itself a reason word gives its complement as the reason
        complements = [c for c in cue.children if c.dep_ in ("dobj", "ccomp", "xcomp", "pobj")]
        if complements:
            if cue.lower_ not in lexicon.reasons:
                return None
            first = complements[0]
            return _clause(first) if first.dep_ == "ccomp" else _phrase(first)
    if cue.dep_ == "prep":
        objects = [c for c in cue.children if c.dep_ in ("pobj", "pcomp")]
        return _phrase(objects[0]) if objects else None
    if cue.dep_ == "advcl":
        # "because it violates ...": the clause without its marker.
        marks = [c for c in cue.children if c.dep_ == "mark"]
        if marks and any(m.lower_ in lexicon.reasons for m in marks):
            tokens = [t for t in cue.subtree if t.i not in {m.i for m in marks}]
            return _text(tokens)
    return None


def _clause(head: Token) -> str:
    """A reported reason clause without its "that"."""
    return _text([t for t in head.subtree if not (t.dep_ == "mark" and t.head.i == head.i)])


def _phrase(head: Token) -> str:
    """A reason phrase: the head with its modifiers, without trailing clauses."""
    tokens = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if token.i == head.i and child.dep_ in REASON_CUT_DEPS and head.pos_ != "VERB":
                continue
            tokens.append(child)
            stack.append(child)
    return _text(tokens)


def _text(tokens: list[Token]) -> str:
    ordered = sorted(tokens, key=lambda t: t.i)
    while ordered and (ordered[-1].is_punct or ordered[-1].dep_ == "cc"):
        ordered.pop()
    if not ordered:
        return ""
    doc = ordered[0].doc
    return doc_text(doc)[ordered[0].idx : ordered[-1].idx + len(ordered[-1].text)]


def _target(
    objects: list[Token], actors: DocumentActors, holders: list[ActorRef]
) -> ActorRef | None:
    """An actor named in the object ("mediation by the US", "sanctions on Russia")."""
    own = {_identity(h) for h in holders}
    for obj in objects:
        for token in obj.subtree:
            if token.dep_ == "pobj" and token.head.lower_ in ("by", "on", "from", "against",
                                                              "with", "of"):  # fmt: skip
                for ref in actors.resolve(token):
                    if ref.actor.code and _identity(ref) not in own:
                        return ref
    return None


def _identity(ref: ActorRef) -> str:
    return ref.actor.code or ref.text
