"""Resolve noun phrases and pronouns to actors.

A noun phrase is resolved compositionally from the knowledge-base aliases and sector nouns
inside it: "Pakistan's Foreign Office spokesperson Shafqat Ali Khan" gives the country from
"Pakistan", the sector from "Foreign Office"/"spokesperson", the name from the PERSON entity
and the role from the title words. In-document coreference links surnames, pronouns, role
nouns ("the spokesperson") and dyad phrases ("the two nations") to actors introduced earlier.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from thucydides.actors.kb import (
    COUNTRY_KINDS,
    FORMER_SECTOR,
    Entry,
    KnowledgeBase,
    composite_code,
    country_actor,
    located,
)
from thucydides.actors.matcher import AliasMatch, MentionMatcher, SectorMatch
from thucydides.model import Actor, ActorRef
from thucydides.model import Span as TextSpan
from thucydides.nlp import quotation_cue, sentences

# Name of a place → its country, from the gazetteer.
PlaceLookup = Callable[[str], str | None]

# Dependencies that stay inside a noun phrase when collecting its words.
NP_DEPS = frozenset(
    {
        "compound",
        "amod",
        "poss",
        "nmod",
        "det",
        "nummod",
        "quantmod",
        "flat",
        "appos",
        "case",
        "npadvmod",
        "prep",
        "pobj",
        "punct",
        "advmod",
    }
)
LOCATIVE_NP_PREPS = frozenset({"in", "across", "at"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PLACE_PREPS = frozenset({"in", "near", "at", "across", "outside", "inside", "through"})
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)
# A place after "in"/"across" gives a phrase its country only when nothing nearer does.
LOCATIVE_PENALTY = 100
# Words of a stand-alone phrase that the parser did not attach under its head.
UNATTACHED_DEPTH = 50
NP_PREPS = frozenset({"of", "from"}) | LOCATIVE_NP_PREPS
FORMER_WORDS = frozenset({"former", "ex", "ex-", "erstwhile", "onetime", "one-time"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
SPEAKER_PRONOUNS = frozenset({"we", "us", "i", "me", "our"})
DYAD_NOUNS = frozenset(
    {
        "nations",
        "countries",
        "neighbours",
        "neighbors",
        "sides",
        "states",
        "governments",
        "rivals",
        "adversaries",
        "powers",
    }
)
DYAD_MARKERS = frozenset({"two", "both"})
STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "COP", "JUD", "LEG"})
# Second halves of "Iran-backed", "al-Qaeda-linked": the name is a sponsor or an ally.
SPONSOR_WORDS = frozenset(
    {
        "backed",
        "linked",
        "allied",
        "affiliated",
        "aligned",
        "inspired",
        "supported",
        "funded",
        "sponsored",
    }
)
# Sentences searched backwards for an antecedent.
COREF_WINDOW = 6


@dataclass(frozen=True, slots=True)
class _Candidate:
    entry: Entry
    match: AliasMatch
    depth: int  # dependency distance from the phrase head


class DocumentActors:
    """Actor mentions of one parsed document and the resolver that uses them."""

    def __init__(
        self,
        doc: Doc,
        kb: KnowledgeBase,
        matcher: MentionMatcher,
        published: date | None,
        places: PlaceLookup | None = None,
        reporting_verbs: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.kb = kb
        self.published = published
        self.places = places
        self.reporting_verbs = reporting_verbs  # "said": who a quotation's "we" is
        self._alias_at: dict[int, AliasMatch] = {}
        for alias in matcher.aliases(doc):
            for i in range(alias.start, alias.end):
                self._alias_at[i] = alias
        self._sector_at: dict[int, SectorMatch] = {}
        for sector in matcher.sectors(doc):
            for i in range(sector.start, sector.end):
                self._sector_at[i] = sector
        self._sentence_of = {t.i: n for n, sent in enumerate(sentences(doc)) for t in sent}
        self._entity_at = {
            i: entity for entity in doc.ents for i in range(entity.start, entity.end)
        }
        self._country_by_token = self._countries_by_token()
        self.document_countries = Counter(self._country_by_token.values())
        self.people: list[tuple[int, ActorRef]] = []
        # Resolution is a pure function of the head once the people are known (events,
        # quotes and the mention list ask for the same heads again and again), so it is
        # cached from then on; while people are being scanned it is not.
        self._resolved: dict[int, list[ActorRef]] | None = None
        self._scan_people()
        self._resolved = {}

    # ---- public -------------------------------------------------------------------------

    def mentions(self) -> list[ActorRef]:
        """Every knowledge-base or person mention in the document, in text order."""
        found: dict[tuple[int, int], ActorRef] = {}
        seen: set[int] = set()
        for alias in sorted(set(self._alias_at.values()), key=lambda a: a.start):
            entries = self.kb.lookup_key(alias.key, self.published)
            if entries:
                span = self.doc[alias.start : alias.end]
                found[(span.start_char, span.end_char)] = _ref(span, entries[0].actor)
                seen.update(range(alias.start, alias.end))
        for start, ref in self.people:
            if start not in seen:
                found[(ref.span.start, ref.span.end)] = ref
        for ref in self._sector_phrases():
            found.setdefault((ref.span.start, ref.span.end), ref)
        return [found[key] for key in sorted(found)]

    def _sector_phrases(self) -> Iterable[ActorRef]:
        """Phrases headed by a sector noun that resolve to a country's body or people:
        "India's External Affairs Ministry", "Pakistani troops", "the spokesperson"."""
        heads = {self.doc[m.start : m.end].root.i for m in set(self._sector_at.values())}
        for i in sorted(heads):
            token = self.doc[i]
            if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod"):
                continue
            for ref in self._resolve_one(token):
                if ref.actor.country is not None and ref.actor.kind != "person":
                    yield ref

    def resolve(self, head: Token) -> list[ActorRef]:
        """The actor(s) a phrase headed by ``head`` refers to; coordination gives several."""
        refs: list[ActorRef] = []
        for token in [head, *_conjuncts(head)]:
            refs.extend(self._resolve_one(token))
        return refs

    def first(self, heads: Iterable[Token]) -> ActorRef | None:
        """The actor of the first of ``heads`` that names one."""
        for head in heads:
            refs = self.resolve(head)
            if refs:
                return refs[0]
        return None

    def with_country(self, ref: ActorRef, token: Token) -> ActorRef:
        """A speaker of some sector but no country ("Police said", "Opposition leader Omar
        Ayub Khan told reporters") belongs to the country the passage is about."""
        actor = ref.actor
        if actor.country is not None or actor.sector is None:
            return ref
        country = self._infer_country(token)
        return ref if country is None else replace(ref, actor=located(actor, country))

    def place_country(
        self, clause: Token, not_places: Callable[[Token], bool] = lambda _: False
    ) -> str | None:
        """The country of the first place named after "in"/"near"/"at" (or "south of") in
        the clause of ``clause`` ("in villages south of Khartoum" → SDN); phrases for which
        ``not_places`` holds are skipped ("killed in Israeli shelling" names no place)."""
        for token in clause.subtree:
            prep = token.head
            direction = prep.lower_ == "of" and prep.head.lower_ in DIRECTIONS
            if (
                token.dep_ == "pobj"
                and (prep.lower_ in PLACE_PREPS or direction)
                and not not_places(token)
            ):
                for inner in token.subtree:
                    country = self._country_by_token.get(inner.i)
                    if country is not None:
                        return country
        return None

    def dyad(self, neighbours: bool = False) -> list[ActorRef]:
        """The two countries in play ("the two nations", "both neighbours"): the document's
        most mentioned pair, a pair that shares a border when the text says neighbours."""
        ranked = [country for country, _ in self.document_countries.most_common(6)]
        pairs = [
            (a, b)
            for n, a in enumerate(ranked)
            for b in ranked[n + 1 :]
            if not neighbours or self.kb.borders(a, b)
        ]
        if not pairs:
            return []
        top = list(pairs[0])
        refs = []
        for country in top:
            first = min(i for i, c in self._country_by_token.items() if c == country)
            token = self.doc[first]
            refs.append(
                _ref(
                    self.doc[token.i : token.i + 1],
                    country_actor(country),
                )
            )
        return refs

    # ---- resolution of one phrase ---------------------------------------------------------

    def _resolve_one(self, head: Token) -> list[ActorRef]:
        cache = self._resolved
        if cache is None:
            return self._resolve_uncached(head)
        if head.i not in cache:
            cache[head.i] = self._resolve_uncached(head)
        return cache[head.i]

    def resolve_whole(self, head: Token) -> list[ActorRef]:
        """Resolve a document that is one actor phrase ("Boko Haram gunmen"), counting every
        word as part of it however the parser attached it."""
        tokens = list(self.doc)
        candidates = self._candidates(head, tokens)
        actor = self._compose(head, tokens, candidates)
        return [] if actor is None else [_ref(self.doc[:], actor)]

    def _resolve_uncached(self, head: Token) -> list[ActorRef]:
        lower = head.lower_
        if lower in PERSON_PRONOUNS:
            return self._antecedent_person(head)
        if lower in SPEAKER_PRONOUNS and head.pos_ == "PRON":  # "the US" is a name, not "us"
            return self._quoted_speaker(head)
        if lower in DYAD_NOUNS and any(t.lower_ in DYAD_MARKERS for t in head.children):
            return self.dyad(neighbours=lower.startswith("neighbo"))
        counted = self._counted(head)
        if counted is not None:
            return self._resolve_one(counted)
        tokens = _phrase_tokens(head)
        candidates = self._candidates(head, tokens)
        if not candidates:
            antecedent = self._role_antecedent(head)
            if antecedent is not None:
                return [_ref(self.doc[head.i : head.i + 1], antecedent)]
        actor = self._compose(head, tokens, candidates)
        if actor is None:
            return []
        span = _phrase_span(self.doc, head, tokens)
        if candidates and not self._is_actor_noun(head, candidates):
            # "help from the US": the actor is the US, so is the text pointed at.
            match = candidates[0].match
            span = self.doc[match.start : match.end]
        return [_ref(span, a) for a in self._split_coordinated(actor, candidates)]

    def _counted(self, head: Token) -> Token | None:
        """ "Dozens of protesters", "a team of police": the actor is what is counted."""
        if head.lower_ not in self.kb.collective_heads:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (
                        obj.i in self._sector_at
                        or obj.i in self._alias_at
                        or obj.ent_type_ in ("PERSON", "NORP", "ORG")
                    ):
                        return obj
        return None

    def _split_coordinated(self, actor: Actor, candidates: list[_Candidate]) -> list[Actor]:
        """ "Thai and Cambodian troops" are two actors: one per coordinated country."""
        countries = [
            c.entry.actor.country
            for c in candidates
            # the name's own head is the conjunct ("Indian and Sri Lankan coast guards")
            if c.entry.kind in COUNTRY_KINDS
            and self.doc[c.match.start : c.match.end].root.dep_ == "conj"
        ]
        if not countries or actor.kind in ("person", "group", "igo", "ngo"):
            return [actor]
        others = [
            located(actor, country)
            for country in dict.fromkeys(countries)
            if country != actor.country
        ]
        return [actor, *others]

    def _candidates(self, head: Token, tokens: Sequence[Token]) -> list[_Candidate]:
        depth = _depths(head, tokens)
        found: dict[AliasMatch, _Candidate] = {}
        for token in tokens:
            alias = self._alias_at.get(token.i)
            if alias is None:
                continue
            entries = self.kb.lookup_key(alias.key, self.published)
            if not entries or self._sponsor(alias):
                continue
            d = depth.get(token.i, UNATTACHED_DEPTH)
            if _under_locative(token, head):
                d += LOCATIVE_PENALTY  # "Russian troops in Syria" are Russian
            if alias not in found or d < found[alias].depth:
                found[alias] = _Candidate(entries[0], alias, d)
        return sorted(found.values(), key=lambda c: (c.depth, c.match.start))

    def _sponsor(self, alias: AliasMatch) -> bool:
        """ "Al-Qaeda-linked militants", "Iran-backed militias": the name is whom they are
        linked to, not who they are."""
        doc = self.doc
        return (
            alias.end + 1 < len(doc)
            and doc[alias.end].text == "-"
            and doc[alias.end + 1].lower_ in SPONSOR_WORDS
        )

    def _compose(
        self, head: Token, tokens: Sequence[Token], candidates: list[_Candidate]
    ) -> Actor | None:
        named = [c for c in candidates if c.entry.kind not in COUNTRY_KINDS]
        places = [c for c in candidates if c.entry.kind in COUNTRY_KINDS]
        sector, role = self._sector_and_role(head, tokens)
        if head.tag_ in ("NNS", "NNPS"):
            role = None  # "terrorists", "tourists" are a group's members, not a title
        country = places[0].entry.actor.country if places else None
        actor: Actor | None
        heads_named = any(c.match.start <= head.i < c.match.end for c in named)
        if named and (heads_named or head.ent_type_ != "PERSON"):
            actor = self._named(named[0], head, country, sector, role)
        else:
            # "Pakistani army spokesman Rauf Qadir": the person, not the body in the title.
            body_country = named[0].entry.actor.country if named else None
            actor = self._person(head, tokens, body_country) or self._unnamed(
                head, places, sector, role
            )
        if actor is not None and actor.kind == "person" and actor.country in ("IGO", "NGO"):
            # "UN Secretary-General António Guterres": the organisation in the title.
            body = next((c.entry.actor for c in named if c.entry.kind in ("igo", "ngo")), None)
            if body is not None and body.code and body.code != actor.code:
                actor = replace(actor, code=body.code)
        if actor is not None and _is_former(tokens):
            actor = replace(
                actor, sector=FORMER_SECTOR, code=composite_code(actor.country, FORMER_SECTOR)
            )
        return actor

    def _named(
        self,
        candidate: _Candidate,
        head: Token,
        country: str | None,
        sector: str | None,
        role: str | None,
    ) -> Actor:
        """A known person, organisation, body or group, refined by the words around it;
        ``country`` is the one the rest of the phrase names, if any."""
        base = candidate.entry.actor
        named_country = country
        country = base.country or country
        own_head = candidate.match.start <= head.i < candidate.match.end
        if base.kind == "person":
            # A title in the text says which office is meant: "US Senator Marco Rubio".
            if sector is not None and sector != base.sector and sector != FORMER_SECTOR:
                return replace(
                    base,
                    country=country,
                    sector=sector,
                    role=role,
                    code=composite_code(country, sector),
                )
            return replace(
                base,
                country=country,
                code=composite_code(country, base.sector),
                role=base.role or role,
            )
        # "army spokesman", "the president of the Riigikogu": the body's sector; a head
        # that is part of a longer sector phrase ("main opposition group") keeps it.
        own = self._sector_at.get(head.i)
        specific = own is not None and own.end - own.start > 1
        generic = (self.kb.is_generic_head(head.lower_) and not specific) or self._presides_over(
            head, candidate
        )
        if (
            sector is not None
            and not own_head
            and not generic
            and (base.kind in ("igo", "ngo", "body"))
            # "the UN peacekeeping mission": a head naming an organisation adds nothing
            and sector not in ("IGO", "NGO")
        ):
            # "European Union legislators", "the Calenardhon government": the body's people
            # of that sector, coded as in the CAMEO dictionaries by appending the agent code.
            code = base.code
            if base.code and sector != base.sector and not base.code.endswith(sector):
                code = f"{base.code}{sector}"
            return replace(base, sector=sector, role=role, kind="sector", code=code)
        if base.kind == "body" and named_country not in (None, base.country):
            # "Chile's Defense Department", "the Mexican National Guard": another country's
            # body of the same kind, not the one the knowledge base names; a generic name
            # takes its sector from the sector table (defence departments are GOV).
            matched = self.doc[candidate.match.start : candidate.match.end].text
            kind_sector = self.kb.sector_of(matched.removeprefix("the ")) or base.sector
            return Actor(
                code=composite_code(named_country, kind_sector),
                country=named_country,
                sector=kind_sector,
                kind="sector",
            )
        return replace(base, country=country)

    def _unnamed(
        self, head: Token, places: list[_Candidate], sector: str | None, role: str | None
    ) -> Actor | None:
        """A country, a capital, a sector of a country, or a place the gazetteer knows."""
        if places:
            place = places[0].entry
            if sector is None and self._located_thing(head, places[0]):
                # "targets in Kabul": the country, not the government its capital stands
                # for; whose targets the text does not say.
                return country_actor(place.actor.country)
            sector = sector or place.actor.sector
            country = place.actor.country
            kind = place.actor.kind if sector in (None, "GOV") else "sector"
            return Actor(
                code=composite_code(country, sector),
                country=country,
                sector=sector,
                role=role,
                kind=kind,
            )
        if sector is not None and self._heads_sector_phrase(head):
            # Only a single official is assumed to serve the country the sentence is about
            # ("the spokesperson"); "troops" or "drones" with no country named stay unknown.
            titled = head.tag_ in ("NN", "NNP") and sector in STATE_SECTORS
            country = self._town_country(head) or (self._infer_country(head) if titled else None)
            return Actor(
                code=composite_code(country, sector),
                country=country,
                sector=sector,
                role=role,
                kind="sector",
            )
        return self._gazetteer_place(head)

    def _town_country(self, head: Token) -> str | None:
        """The country of a town named in the phrase ("Kano State government")."""
        if self.places is None:
            return None
        for child in head.subtree:
            entity = self._entity_at.get(child.i)
            if child.i != head.i and entity is not None and entity.label_ in ("GPE", "LOC"):
                country = self.places(entity.text)
                if country is not None:
                    return country
        return None

    def _gazetteer_place(self, head: Token) -> Actor | None:
        """A town the knowledge base does not list ("Mariupol"): its people, in its country."""
        entity = self._entity_at.get(head.i)
        if self.places is None or entity is None or entity.label_ not in ("GPE", "LOC"):
            return None
        country = self.places(entity.text)
        if country is None:
            return None
        return Actor(
            code=composite_code(country, "CVL"),
            country=country,
            sector="CVL",
            name=entity.text,
            kind="place",
        )

    def _is_actor_noun(self, head: Token, candidates: list[_Candidate]) -> bool:
        """Whether ``head`` names the actor itself (an alias, a sector noun, a person),
        rather than a thing the actor is mentioned with ("help from the US")."""
        if head.i in self._sector_at or head.ent_type_ == "PERSON" or head.pos_ == "PRON":
            return True
        return any(c.match.start <= head.i < c.match.end for c in candidates)

    def _heads_sector_phrase(self, head: Token) -> bool:
        """Whether the phrase is about people of a sector ("the spokesperson", "Indian
        troops", "an intelligence agency officer"), not a thing they are mentioned with
        ("third-party mediation")."""
        return head.i in self._sector_at or self._borrows_sector(head)

    def _borrows_sector(self, head: Token) -> bool:
        """ "Spokesman", "agency", "chairman": a head whose sector is that of the words
        around it."""
        return self.kb.is_generic_head(head.lower_) or head.lower_ in self.kb.presiding_heads

    def _presides_over(self, head: Token, candidate: _Candidate) -> bool:
        """ "The president of the Riigikogu": a presiding title over a named body."""
        if head.lower_ not in self.kb.presiding_heads or candidate.entry.kind != "body":
            return False
        return any(
            prep.dep_ == "prep"
            and prep.lower_ == "of"
            and obj.dep_ == "pobj"
            and candidate.match.start <= obj.i < candidate.match.end
            for prep in head.children
            for obj in prep.children
        )

    def _located_thing(self, head: Token, place: _Candidate) -> bool:
        """Whether the phrase names a thing at a place ("a market in Kabul"), not an actor."""
        return (
            place.depth >= LOCATIVE_PENALTY
            and head.pos_ == "NOUN"
            and head.i not in self._sector_at
            and head.i not in self._alias_at
            and not self.kb.is_generic_head(head.lower_)
        )

    def _sector_and_role(
        self, head: Token, tokens: Sequence[Token]
    ) -> tuple[str | None, str | None]:
        # Only the head and the words compounded onto it name the actor's sector: the "DGMO"
        # in "hotline communications of the DGMO" does not make the communications military.
        borrows = self._borrows_sector(head)
        chain = _title_chain(head, possessors=borrows)
        own = self._sector_at.get(head.i)
        # The head's own sector first, unless it takes that of the words around it ("Muslim
        # leaders" are religious leaders; "the leaders of Armenia" keep their own).
        matches = sorted(
            {self._sector_at[t.i] for t in chain if t.i in self._sector_at},
            key=lambda m: ((m == own) if borrows else (m != own), m.start),
        )
        if not matches:
            return None, None
        sector = matches[0].sector
        title = [m for m in matches if self.doc[m.end - 1].pos_ in ("NOUN", "PROPN")]
        first = min(m.start for m in title) if title else None
        last = max(m.end for m in title) if title else None
        role = self.doc[first:last].text if first is not None and last is not None else None
        return sector, role

    def _person(
        self, head: Token, tokens: Sequence[Token], known_country: str | None = None
    ) -> Actor | None:
        """A person by name; ``known_country`` is that of a body in their title."""
        entity = self._entity_at.get(head.i)
        if entity is None or entity.label_ != "PERSON" or self._is_place_name(entity):
            entity = self._titled_name(head)
        if entity is None:
            return None
        earlier = self._same_person(entity)
        if earlier is not None:
            return earlier.actor
        sector, role = self._sector_and_role(head, tokens)
        country = next(
            (self._country_by_token[t.i] for t in tokens if t.i in self._country_by_token),
            known_country,
        )
        if country is None and sector in STATE_SECTORS:
            country = self._infer_country(head)
        return Actor(
            code=composite_code(country, sector),
            country=country,
            sector=sector,
            name=entity.text,
            role=role,
            kind="person",
        )

    def _is_place_name(self, entity: Span) -> bool:
        """ "Kyiv" tagged as a person: a name that is exactly a country's or a capital's."""
        alias = self._alias_at.get(entity.start)
        return (
            entity.start in self._country_by_token
            and alias is not None
            and (alias.start, alias.end) == (entity.start, entity.end)
        )

    def _titled_name(self, head: Token) -> Span | None:
        """ "Minister Juan Carlos Jobet": a proper name behind a title is a person's, even
        where the entity recogniser missed it."""
        if head.pos_ != "PROPN" or head.i in self._alias_at or head.i in self._sector_at:
            return None
        names = [
            c
            for c in head.children
            if c.dep_ in ("compound", "flat")
            and c.pos_ == "PROPN"
            and c.i not in self._sector_at
            and c.i not in self._alias_at
        ]
        titled = any(c.i in self._sector_at for c in head.children if c.dep_ == "compound")
        if not titled:
            return None
        start = min([head.i, *(c.i for c in names)])
        return self.doc[start : head.i + 1]

    def _same_person(self, entity: Span) -> ActorRef | None:
        """The person named earlier that this name refers to: "Khan" after "Shafqat Ali
        Khan"; a full name that differs ("Omar Ayub Khan" after "Imran Khan") is someone
        else."""
        words = [t.lower_ for t in entity if not t.is_punct]
        for start, ref in reversed(self.people):
            if start >= entity.start:
                continue
            name = (ref.actor.name or "").lower().split()
            if name and name[-len(words) :] == words:
                return ref
        return None

    # ---- coreference ----------------------------------------------------------------------

    def _antecedent_person(self, pronoun: Token) -> list[ActorRef]:
        earlier = self._recent_person(pronoun, lambda ref: True)
        return [] if earlier is None else [_ref(self.doc[pronoun.i : pronoun.i + 1], earlier)]

    def _role_antecedent(self, head: Token) -> Actor | None:
        """ "The spokesperson", "the minister": the person last introduced with that title."""
        if head.tag_ != "NN" or head.i not in self._sector_at:
            return None
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            return None
        return self._recent_person(head, lambda ref: head.lower_ in (ref.actor.role or "").lower())

    def _recent_person(self, token: Token, fits: Callable[[ActorRef], bool]) -> Actor | None:
        """The latest person mentioned before ``token``, within the coreference window."""
        floor = self._sentence_of[token.i] - COREF_WINDOW
        for start, ref in reversed(self.people):
            if start < token.i and self._sentence_of[start] >= floor and fits(ref):
                return ref.actor
        return None

    def _quoted_speaker(self, pronoun: Token) -> list[ActorRef]:
        """ "we"/"I" inside a quotation is the quoted speaker's side."""
        cue = quotation_cue(pronoun, self.reporting_verbs)
        if cue is None:
            return []
        for child in cue.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != pronoun.i:
                refs = self._resolve_one(child)
                return [_ref(self.doc[pronoun.i : pronoun.i + 1], r.actor) for r in refs]
        return []

    def _infer_country(self, head: Token) -> str | None:
        """The country a state official belongs to, when the text supports it: the country
        most mentioned in the sentence, ties broken by the whole document; with none in the
        sentence, the document's most mentioned country when it leads."""
        sentence = head.sent
        counts = Counter(
            self._country_by_token[i]
            for i in range(sentence.start, sentence.end)
            if i in self._country_by_token
        )
        if counts:
            return max(counts, key=lambda c: (counts[c], self.document_countries[c]))
        # No country in the sentence: the one the document is about, if one leads.
        leaders = self.document_countries.most_common(2)
        if leaders and (len(leaders) == 1 or leaders[0][1] > leaders[1][1]):
            return leaders[0][0]
        return None

    # ---- scanning -------------------------------------------------------------------------

    def _countries_by_token(self) -> dict[int, str]:
        found: dict[int, str] = {}
        # In text order: ties between equally mentioned countries go to the one named first,
        # whatever the process's hash seed.
        for alias in sorted(set(self._alias_at.values()), key=lambda a: a.start):
            for entry in self.kb.lookup_key(alias.key, self.published):
                if entry.kind in COUNTRY_KINDS and entry.actor.country:
                    found[alias.start] = entry.actor.country
                    break
        return found

    def _scan_people(self) -> None:
        # In text order, so that a surname can find the full name introduced before it.
        # Names the recogniser mislabels count too ("spokesperson Randhir Jaiswal" as ORG),
        # and places it calls people do not ("Kyiv" as PERSON).
        for entity in self.doc.ents:
            if entity.label_ not in NAME_LABELS or self._is_place_name(entity):
                continue
            for ref in self._resolve_one(entity.root):
                if ref.actor.kind == "person":
                    self.people.append((entity.start, _ref(entity, ref.actor)))


def _ref(span: Span, actor: Actor) -> ActorRef:
    return ActorRef(text=span.text, span=TextSpan(span.start_char, span.end_char), actor=actor)


def _under_locative(token: Token, head: Token) -> bool:
    current = token
    while current.i != head.i and current.head.i != current.i:
        if current.dep_ == "prep" and current.lower_ in LOCATIVE_NP_PREPS:
            return True
        current = current.head
    return False


def _is_former(tokens: Sequence[Token]) -> bool:
    return any(
        t.lower_ in FORMER_WORDS and t.dep_ in ("amod", "compound", "advmod") for t in tokens
    )


def _conjuncts(head: Token) -> Iterable[Token]:
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            yield child
            yield from _conjuncts(child)
        elif child.dep_ == "appos" and _is_list(child):
            # "The US, Russia, and Switzerland met": a list the parser takes for an
            # apposition of its first item, because of the comma.
            yield child
            yield from _conjuncts(child)


def _is_list(appos: Token) -> bool:
    """Whether an apposition is the next item of a list: a name followed by "and"/"or"."""
    return appos.pos_ == "PROPN" and any(
        c.dep_ == "cc" and c.lower_ in ("and", "or") for c in appos.children
    )


def _title_chain(head: Token, possessors: bool = False) -> list[Token]:
    """The head and the words compounded or in apposition to it, recursively; with
    ``possessors``, also the possessors ("the president's office", "the company's board")."""
    tokens = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ == "appos" and _is_list(child):
                continue
            if (
                child.dep_ in ("compound", "amod", "flat", "appos")
                or (child.dep_ == "prep" and child.lower_ == "of" and token.i == head.i)
                or (child.dep_ == "pobj" and token.dep_ == "prep")
                or (possessors and child.dep_ == "poss")
            ):
                tokens.append(child)
                stack.append(child)
    return tokens


def _phrase_tokens(head: Token) -> list[Token]:
    """The head and the modifiers that belong to its noun phrase (no clauses, no conjuncts)."""
    tokens = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            # Conjuncts of the head are separate actors; conjuncts of a modifier ("Thai
            # and Cambodian troops") belong to this phrase.
            if child.dep_ not in NP_DEPS and not (child.dep_ == "conj" and token.i != head.i):
                continue
            if child.dep_ == "prep" and child.lower_ not in NP_PREPS:
                continue
            tokens.append(child)
            stack.append(child)
    return sorted(tokens, key=lambda t: t.i)


def _phrase_span(doc: Doc, head: Token, tokens: Sequence[Token]) -> Span:
    words = [t for t in tokens if not (t.is_punct and t.i in (tokens[0].i, tokens[-1].i))]
    words = words or [head]
    start, end = words[0].i, words[-1].i + 1
    if doc[start].dep_ == "det" and end - start > 1:
        start += 1
    if doc[end - 1].dep_ == "case" and end - start > 1:
        end -= 1
    return doc[start:end]


def _depths(head: Token, tokens: Sequence[Token]) -> dict[int, int]:
    members = {t.i for t in tokens}
    depth = {head.i: 0}
    frontier = [head]
    while frontier:
        nxt = []
        for token in frontier:
            for child in token.children:
                if child.i in members and child.i not in depth:
                    depth[child.i] = depth[token.i] + 1
                    nxt.append(child)
        frontier = nxt
    return depth
