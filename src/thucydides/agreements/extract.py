"""Agreements named or described in a document, with their parties and status.

1. Mentions: a treaty of the knowledge base by one of its names ("the Shimla Agreement");
   an agreement noun with its parties or year in the text ("a ceasefire between Thailand
   and Cambodia", "the 1994 accord"); a definite "the treaty"/"the deal" refers back to the
   agreement mentioned last.
2. Status: the word that governs a mention ("suspended the Indus Waters Treaty", "the
   truce collapsed", "the suspension of the treaty", "withdrew from the deal"), read with
   the status cue lexicon; a negated or merely possible change is not a change. Who
   changed it is the governing verb's subject (or, for a passive with no "by", the subject
   of the clause that explains it: "were suspended when India accused ..."); when is the
   verb's date. Without a cue a known treaty is ``ended`` if it ended before the
   document's date, else ``in_force``; a described one is ``in_force``.
3. One record per agreement per document: the last status change in the text wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from thucydides.actors.kb import country_actor
from thucydides.actors.resolve import DocumentActors
from thucydides.agreements.lexicon import AgreementLexicon, StatusCue, Treaty, slug
from thucydides.grammar.tree import (
    REPORTED_PRONOUNS,
    implicit_agent_clause,
    is_passive,
    subject_heads,
)
from thucydides.model import (
    ActorRef,
    Agreement,
    AgreementStatus,
    EventDate,
    Evidence,
    Precision,
)
from thucydides.model import Span as TextSpan
from thucydides.nlp import sentences, words_follow
from thucydides.time.anchor import EventDater

# Sentences back that "the treaty" may refer to.
ANAPHOR_WINDOW = 4
ANAPHOR_DETERMINERS = frozenset({"the", "this", "that", "its"})
PARTY_PREPS = frozenset({"between", "with"})

Asserted = Callable[[Token], bool]


@dataclass(frozen=True, slots=True)
class _Mention:
    root: Token
    span: Span
    treaty: Treaty | None
    key: str
    name: str
    named: bool = True  # the span is the agreement's name, not a description of it


@dataclass(frozen=True, slots=True)
class _Change:
    status: AgreementStatus
    verb: Token
    by: ActorRef | None
    date: EventDate | None


class AgreementFinder:
    """Built once per pipeline: the phrase matcher over the treaty names."""

    def __init__(self, nlp: Language, lexicon: AgreementLexicon) -> None:
        self.lexicon = lexicon
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for alias in lexicon.treaties:
            self._matcher.add(alias, [nlp.make_doc(alias)])

    def __call__(
        self,
        doc: Doc,
        actors: DocumentActors,
        dater: EventDater,
        asserted: Asserted,
        published: date | None,
    ) -> list[Agreement]:
        sentence_of = {s.start: n for n, s in enumerate(sentences(doc))}
        mentions = self._mentions(doc, actors, sentence_of)
        found: dict[str, tuple[_Mention, _Change | None, list[ActorRef]]] = {}
        for mention in mentions:
            index = sentence_of[mention.root.sent.start]
            change = self._change(mention.root, actors, dater, asserted, index)
            parties = _text_parties(mention.root, actors, mention.span if mention.named else None)
            if change is not None and change.by is not None:
                parties.append(change.by)  # who signs, breaks or leaves it is a party
            first, earlier_change, earlier_parties = found.get(mention.key, (mention, None, []))
            found[mention.key] = (first, change or earlier_change, earlier_parties + parties)
        return [
            self._record(mention, change, parties, actors, published)
            for mention, change, parties in found.values()
        ]

    # ---- mentions ----------------------------------------------------------------------------

    def _mentions(
        self, doc: Doc, actors: DocumentActors, sentence_of: dict[int, int]
    ) -> list[_Mention]:
        named = self._named(doc)
        taken = {i for m in named for i in range(m.span.start, m.span.end)}
        mentions = list(named)
        last_named = _LastBefore(named)
        for token in doc:
            if token.i in taken or token.pos_ != "NOUN" or token.tag_ == "NNS":
                continue
            if token.lemma_.lower() not in self.lexicon.nouns:
                continue
            # The last mention listed before this noun: one found in the loop if any (they
            # come in text order), else the last named one before it.
            last = mentions[-1] if len(mentions) > len(named) else last_named(token.i)
            earlier = [last] if last is not None else []
            mention = self._described(token, actors) or _anaphor(token, earlier, sentence_of)
            if mention is not None:
                mentions.append(mention)
        return sorted(mentions, key=lambda m: m.root.i)

    def _named(self, doc: Doc) -> list[_Mention]:
        chosen: list[_Mention] = []
        taken: set[int] = set()
        matches = sorted(self._matcher(doc), key=lambda m: (m[1] - m[2], m[1]))
        for match_id, start, end in matches:
            span = doc[start:end]
            alias = doc.vocab.strings[match_id]
            if taken & set(range(start, end)) or not _case_ok(span.text, alias):
                continue
            treaty = self.lexicon.treaties[alias]
            taken |= set(range(start, end))
            chosen.append(_Mention(span.root, span, treaty, treaty.key, treaty.name))
        return chosen

    def _described(self, noun: Token, actors: DocumentActors) -> _Mention | None:
        """ "The Argyle Declaration" (a proper name the knowledge base lacks); "a ceasefire
        between Thailand and Cambodia", "the India-Pakistan truce" (named after its parties:
        "Thailand-Cambodia ceasefire")."""
        proper = _proper_name(noun)
        if proper is not None:
            return _Mention(noun, proper, None, slug(proper.text), proper.text)
        parties = _text_parties(noun, actors)
        if not parties:
            return None
        names = [actors.kb.country_names.get(c, c) for c in _countries(parties)]
        name = f"{'-'.join(names)} {noun.lemma_.lower()}"
        key = f"{noun.lemma_.lower()}:{'-'.join(sorted(_countries(parties)))}"
        return _Mention(noun, _noun_phrase(noun), None, key, name, named=False)

    # ---- status ------------------------------------------------------------------------------

    def _change(
        self,
        root: Token,
        actors: DocumentActors,
        dater: EventDater,
        asserted: Asserted,
        sentence: int,
    ) -> _Change | None:
        for status, verb in self._cues(root):
            failed = self._failed(verb)
            if failed is not None and status == "in_force":
                # "failed to honour the deal", "refused to extend it": the opposite change,
                # made by whoever failed or refused.
                renewal = verb.lemma_.lower() in self.lexicon.renewal_verbs
                status, verb = ("ended" if renewal else "violated"), failed
            if verb.pos_ in ("VERB", "AUX") and not asserted(verb):
                continue
            by = _changer(verb, actors) if verb.pos_ in ("VERB", "AUX") else None
            return _Change(status, verb, by, dater.date_for(sentence, verb))
        return None

    def _failed(self, verb: Token) -> Token | None:
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_.lower() in self.lexicon.failure_verbs:
            return head
        return None

    def _cues(self, root: Token) -> Iterator[tuple[AgreementStatus, Token]]:
        for child in root.children:
            if child.dep_ == "amod" and child.lower_ in self.lexicon.adjectives:
                yield self.lexicon.adjectives[child.lower_], child
        node = root
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head  # "the Treaty and other accords were suspended"
        head = node.head
        for _ in range(2):
            if node.dep_ != "pobj" or head.dep_ != "prep":
                break
            governor = head.head
            while governor.pos_ in ("ADP", "ADV", "PART") and governor.head.i != governor.i:
                governor = governor.head  # "pull the US out of the accord"
            if governor.pos_ == "NOUN":
                status = self.lexicon.status_nouns.get(governor.lemma_.lower())
                if status is not None:
                    yield status, governor  # "the suspension of the treaty"
                    return
                # "suspending its participation in New START": the verb above the noun
                node, head = governor, governor.head
                continue
            node, head = governor, governor  # "withdrew from the deal"
            break
        if node.i != head.i and node.dep_ not in ("dobj", "nsubjpass", "nsubj", "attr"):
            return
        cue = self._verb_cue(head)
        if cue is not None:
            yield cue.status, head

    def _verb_cue(self, verb: Token) -> StatusCue | None:
        for cue in self.lexicon.verbs.get(verb.lemma_.lower(), ()):
            if words_follow(verb, cue.tail, 8):
                return cue
        return None

    # ---- the record --------------------------------------------------------------------------

    def _record(
        self,
        mention: _Mention,
        change: _Change | None,
        text_parties: list[ActorRef],
        actors: DocumentActors,
        published: date | None,
    ) -> Agreement:
        treaty = mention.treaty
        parties = _unique([*_known_parties(treaty, mention, actors), *text_parties])
        status = change.status if change else _default_status(treaty, published)
        sentence = (change.verb if change else mention.root).sent
        return Agreement(
            name=mention.name,
            parties=tuple(parties),
            signed=_signed(mention, treaty, change),
            status=status,
            evidence=Evidence(sentence.text, TextSpan(sentence.start_char, sentence.end_char)),
            key=mention.key,
            status_by=change.by if change else None,
            status_date=change.date if change else None,
        )


def _case_ok(text: str, alias: str) -> bool:
    """Acronyms ("NPT", "JCPOA") match in their own case; names when capitalised."""
    letters = [c for c in alias if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return text == alias
    return text[:1].isupper() or text[:1].isdigit()


class _LastBefore:
    """Of the named mentions (in their list order), the last one whose root comes before a
    token, asked for tokens in text order: one pass, not a list filtered per noun."""

    def __init__(self, named: list[_Mention]) -> None:
        self.named = named
        self.by_position = sorted(range(len(named)), key=lambda k: named[k].root.i)
        self.seen = 0
        self.latest = -1

    def __call__(self, i: int) -> _Mention | None:
        while self.seen < len(self.by_position):
            k = self.by_position[self.seen]
            if self.named[k].root.i >= i:
                break
            self.latest = max(self.latest, k)
            self.seen += 1
        return self.named[self.latest] if self.latest >= 0 else None


def _anaphor(noun: Token, earlier: list[_Mention], sentence_of: dict[int, int]) -> _Mention | None:
    """ "The deal", "the treaty": the agreement mentioned last, a few sentences back
    (``sentence_of``: sentence start → sentence number)."""
    if not any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHOR_DETERMINERS
               for c in noun.children):  # fmt: skip
        return None
    if not earlier:
        return None
    last = earlier[-1]
    distance = sentence_of[noun.sent.start] - sentence_of[last.root.sent.start]
    if distance > ANAPHOR_WINDOW:
        return None
    return _Mention(noun, noun.doc[noun.i : noun.i + 1], last.treaty, last.key, last.name)


def _text_parties(noun: Token, actors: DocumentActors, own: Span | None = None) -> list[ActorRef]:
    """Parties the phrase names: "between A and B", "A-B", "Pakistan's treaty with India";
    not the words of the agreement's own name ("Paris" in "the Paris Agreement")."""
    heads: list[Token] = []
    for child in noun.children:
        if own is not None and own.start <= child.i < own.end:
            continue
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.pos_ == "PROPN":
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ in PARTY_PREPS:
            heads.extend(g for g in child.children if g.dep_ == "pobj")
    refs = [r for h in heads for r in actors.resolve(h) if r.actor.country]
    return _unique(refs)


def _proper_name(noun: Token) -> Span | None:
    """ "The Comprehensive Strategic Partnership Treaty": capitalised words compounded
    onto a capitalised agreement noun."""
    if not noun.text[:1].isupper() or noun.i == noun.sent.start:
        return None
    words = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    if not words or not all(w.text[:1].isupper() for w in words):
        return None
    return noun.doc[min(w.i for w in words) : noun.i + 1]


def _countries(parties: list[ActorRef]) -> list[str]:
    return list(dict.fromkeys(p.actor.country for p in parties if p.actor.country))


def _changer(verb: Token, actors: DocumentActors) -> ActorRef | None:
    heads = subject_heads(verb)
    if not heads and is_passive(verb):
        clause = implicit_agent_clause(verb)
        heads = subject_heads(clause) if clause is not None else []
    if heads and heads[0].lower_ in REPORTED_PRONOUNS and verb.dep_ == "ccomp":
        # "Hungary notified the UN that it is leaving the Rome Statute": "it" is Hungary.
        heads = subject_heads(verb.head) + heads
    for head in heads:
        for ref in actors.resolve(head):
            if ref.actor.code:
                return ref
    return None


def _known_parties(
    treaty: Treaty | None, mention: _Mention, actors: DocumentActors
) -> list[ActorRef]:
    if treaty is None or treaty.multilateral:
        return []  # an open treaty's parties are the states the text names
    named = {m.actor.country: m for m in actors.mentions() if m.actor.kind == "country"}
    refs = []
    for code in treaty.parties:
        ref = named.get(code)
        if ref is None:
            name = actors.kb.country_names.get(code, code)
            ref = ActorRef(
                name,
                TextSpan(mention.span.start_char, mention.span.end_char),
                country_actor(code),
            )
        refs.append(ref)
    return refs


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        key = ref.actor.country or ref.text
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def _default_status(treaty: Treaty | None, published: date | None) -> AgreementStatus:
    ended = treaty.ended if treaty is not None else None
    if ended is not None and (published is None or ended <= published.isoformat()):
        return "ended"
    return "in_force"


def _signed(mention: _Mention, treaty: Treaty | None, change: _Change | None) -> EventDate | None:
    year = next(
        (t for t in mention.root.children if t.like_num and len(t.text) == 4 and t.text.isdigit()),
        None,
    )
    if year is not None:
        return EventDate(year.text, "year", year.text, "explicit")  # "the 1972 Simla Agreement"
    if change is not None and change.status == "signed" and change.date is not None:
        return change.date
    if treaty is not None and treaty.signed:
        return EventDate(treaty.signed, _precision(treaty.signed), None, "knowledge")
    return None


def _precision(value: str) -> Precision:
    return {4: "year", 7: "month"}.get(len(value), "day")  # type: ignore[return-value]


def _noun_phrase(noun: Token) -> Span:
    words = [t for t in noun.subtree if t.dep_ not in ("det", "punct") or t.i > noun.i]
    start = min(t.i for t in words)
    end = max(t.i for t in words) + 1
    return noun.doc[start:end]
