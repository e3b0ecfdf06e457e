"""Agents and recipients (events/participants.py) on hand-built parses: the named rules for
heads that are never a recipient, the place filters, the candidates for a recipient, and
the small rules of ``Participants`` that need only a few words of the lexicon and which
actor a phrase names (a fake stands in for the document's actors; the methods that look
actors up in the knowledge base itself are tested through the pipeline elsewhere)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import cast

import pytest
from spacy.tokens import Token

from tests.parses import Row, parse, ref
from thucydides.actors.resolve import DocumentActors
from thucydides.events import participants as p
from thucydides.events.discourse import Discourse
from thucydides.events.frames import Frames
from thucydides.events.lexicon import Lexicon
from thucydides.events.records import Coding
from thucydides.events.triggers import Triggers
from thucydides.model import Actor, ActorRef, Span

# The rows of frames.tsv these tests need.
FRAMES = Frames(
    flags={
        "01": frozenset({"statement"}),
        "04": frozenset({"cooperative", "mutual"}),
        "045": frozenset({"belligerents", "third_party"}),
        "11": frozenset({"protest_purpose"}),
        "14": frozenset({"complement_recipient", "aimed", "protest"}),
        "16": frozenset({"territorial"}),
        "18": frozenset({"territorial", "aimed", "violent", "force"}),
        "19": frozenset({"territorial", "aimed", "violent", "force", "mutual"}),
    },
    values={},
    by_code={},
)


def country(iso3: str) -> Actor:
    return Actor(iso3, iso3, None, kind="country")


def sector(iso3: str | None, code: str, kind: str = "sector") -> Actor:
    return Actor(f"{iso3}{code}" if iso3 else None, iso3, code, kind=kind)


class FakeActors:
    """What the rules ask of the document's actors: who a phrase (with its conjuncts)
    names, and the country of the place a clause names."""

    def __init__(self, named: dict[int, Actor], places: dict[int, str] | None = None) -> None:
        self.named = named
        self.places = places or {}
        self.asked: list[int] = []  # the clauses place_country was asked about

    def resolve(self, head: Token) -> list[ActorRef]:
        return [ref(t, self.named[t.i]) for t in (head, *head.conjuncts) if t.i in self.named]

    def first(self, heads: Iterable[Token]) -> ActorRef | None:
        return next((r for h in heads for r in self.resolve(h)), None)

    def place_country(
        self, clause: Token, not_places: Callable[[Token], bool] = lambda _: False
    ) -> str | None:
        self.asked.append(clause.i)
        return self.places.get(clause.i)


def actors(named: dict[int, Actor], places: dict[int, str] | None = None) -> DocumentActors:
    return cast(DocumentActors, FakeActors(named, places))


LEXICON = SimpleNamespace(
    frames=FRAMES,
    object_control_verbs=frozenset({"urge"}),
    allegation_verbs=frozenset({"accuse"}),
    instruments=frozenset({"shell", "missile"}),
    document_nouns=frozenset({"resolution"}),
    reporting_verbs=frozenset({"say"}),
    denial_verbs=frozenset({"deny"}),
    patient_nouns=frozenset({"detention"}),
    conditional_markers=frozenset({"if", "unless"}),
    authoring_verbs=frozenset({"draft"}),
)
EVENT_NOUNS = frozenset({"attack", "talk", "mediation", "response", "ceasefire", "shelling"})
TRIGGERS = SimpleNamespace(
    is_event_noun=lambda token: token.lemma_.lower() in EVENT_NOUNS,
    is_weapon_or_force=lambda token: token.lemma_.lower() in {"bomb", "missile"},
)
PARTICIPANTS = p.Participants(cast(Lexicon, LEXICON), cast(Triggers, TRIGGERS))


def search(
    trigger: Token, code: str, named: dict[int, Actor], agents: Iterable[str | None] = ()
) -> p._RecipientSearch:
    return p._RecipientSearch(
        trigger, FRAMES.of(code), actors(named), LEXICON.instruments, frozenset(agents)
    )


def not_a_recipient(s: p._RecipientSearch, head: Token) -> bool:
    return any(rule(s, head) for rule in p.NOT_RECIPIENTS)


# ---- heads that are never a recipient ------------------------------------------------------

# "Saudi officials held talks in Riyadh."
TALKS = parse(
    [
        ("Saudi", "saudi", "ADJ", "amod", 1),
        ("officials", "official", "NOUN", "nsubj", 2),
        ("held", "hold", "VERB", "ROOT", 2),  # 2
        ("talks", "talk", "NOUN", "dobj", 2),  # 3
        ("in", "in", "ADP", "prep", 2),
        ("Riyadh", "Riyadh", "PROPN", "pobj", 4),  # 5
        (".", ".", "PUNCT", "punct", 2),
    ]
)


def test_the_event_noun_is_not_its_own_recipient() -> None:
    """ "Held talks in Riyadh": "talks" is the event, not whom it is with."""
    s = search(TALKS[3], "040", {5: sector("SAU", "GOV", "country")})
    assert p._is_the_trigger(s, TALKS[3])
    assert not p._is_the_trigger(s, TALKS[5])
    assert not_a_recipient(s, TALKS[3])
    assert not not_a_recipient(s, TALKS[5])


# "North Korea fired artillery shells at Seoul."
SHELLS = parse(
    [
        ("North", "North", "PROPN", "compound", 1),
        ("Korea", "Korea", "PROPN", "nsubj", 2),
        ("fired", "fire", "VERB", "ROOT", 2),  # 2
        ("artillery", "artillery", "NOUN", "compound", 4),
        ("shells", "shell", "NOUN", "dobj", 2),  # 4
        ("at", "at", "ADP", "prep", 2),  # 5
        ("Seoul", "Seoul", "PROPN", "pobj", 5),  # 6
        (".", ".", "PUNCT", "punct", 2),
    ]
)


def test_the_weapon_is_not_the_target() -> None:
    """ "Fired artillery shells at Seoul"."""
    s = search(SHELLS[2], "195", {1: country("PRK"), 6: sector("KOR", "GOV", "country")})
    assert p._is_a_weapon(s, SHELLS[4])
    assert not p._is_a_weapon(s, SHELLS[6])
    assert not_a_recipient(s, SHELLS[4])
    assert not not_a_recipient(s, SHELLS[6])


# "Algeria recalled its ambassador to France."
RECALL: list[Row] = [
    ("Algeria", "Algeria", "PROPN", "nsubj", 1),  # 0
    ("recalled", "recall", "VERB", "ROOT", 1),  # 1
    ("its", "its", "PRON", "poss", 3),
    ("ambassador", "ambassador", "NOUN", "dobj", 1),  # 3
    ("to", "to", "ADP", "prep", 3),
    ("France", "France", "PROPN", "pobj", 4),  # 5
    (".", ".", "PUNCT", "punct", 1),
]


@pytest.mark.parametrize(
    "named",
    [
        {},  # "its ambassador" names no one
        {3: sector("DZA", "GOV", "person")},  # or an Algerian official
    ],
)
def test_the_agents_own_is_not_a_target(named: dict[int, Actor]) -> None:
    """ "Recalled its ambassador to France": the actor's own ambassador."""
    doc = parse(RECALL)
    s = search(doc[1], "161", {0: country("DZA"), **named}, agents=["DZA"])
    assert p._is_the_agents_own(s, doc[3])
    assert not_a_recipient(s, doc[3])


def test_another_countrys_official_under_a_pronoun_is_a_target() -> None:
    """ "Kenya hosted his Ugandan counterpart": "his", yet Uganda's."""
    doc = parse(
        [
            ("Ruto", "Ruto", "PROPN", "nsubj", 1),
            ("hosted", "host", "VERB", "ROOT", 1),  # 1
            ("his", "his", "PRON", "poss", 4),
            ("Ugandan", "ugandan", "ADJ", "amod", 4),
            ("counterpart", "counterpart", "NOUN", "dobj", 1),  # 4
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    named = {0: sector("KEN", "GOV", "person"), 4: sector("UGA", "GOV", "person")}
    s = search(doc[1], "042", named, agents=["KEN"])
    assert not p._is_the_agents_own(s, doc[4])
    assert not not_a_recipient(s, doc[4])


def test_a_phrase_with_no_possessive_pronoun_is_not_the_agents_own() -> None:
    """ "Recalled the ambassador to France": no "its", so the rule does not apply."""
    rows = [*RECALL]
    rows[2] = ("the", "the", "DET", "det", 3)
    doc = parse(rows)
    s = search(doc[1], "161", {0: country("DZA")}, agents=["DZA"])
    assert not p._is_the_agents_own(s, doc[3])


# "Hamas claimed responsibility for an attack on a checkpoint."
CLAIM = parse(
    [
        ("Hamas", "Hamas", "PROPN", "nsubj", 1),
        ("claimed", "claim", "VERB", "ROOT", 1),  # 1
        ("responsibility", "responsibility", "NOUN", "dobj", 1),
        ("for", "for", "ADP", "prep", 2),
        ("an", "an", "DET", "det", 5),
        ("attack", "attack", "NOUN", "pobj", 3),  # 5
        ("on", "on", "ADP", "prep", 5),
        ("a", "a", "DET", "det", 8),
        ("checkpoint", "checkpoint", "NOUN", "pobj", 6),  # 8
        (".", ".", "PUNCT", "punct", 1),
    ]
)


def test_a_comment_on_an_event_is_not_addressed_to_its_target() -> None:
    """ "Claimed responsibility for an attack on a checkpoint": once the attack has been
    passed, the checkpoint (ISR) is not whom the claim is addressed to."""
    s = search(CLAIM[1], "010", {8: sector("ISR", "MIL")})
    assert not p._is_in_a_commented_event(s, CLAIM[8])  # no event passed yet
    s.events.add(5)
    assert p._is_in_a_commented_event(s, CLAIM[8])
    assert not p._is_in_a_commented_event(s, CLAIM[2])  # above the event, not in it
    assert not_a_recipient(s, CLAIM[8])


def test_only_a_comment_passes_over_the_events_target() -> None:
    s = search(CLAIM[1], "190", {8: sector("ISR", "MIL")})
    s.events.add(5)
    assert not p._is_in_a_commented_event(s, CLAIM[8])


# ---- places --------------------------------------------------------------------------------

# "Nepal imposed a curfew in Kathmandu."
CURFEW: list[Row] = [
    ("Nepal", "Nepal", "PROPN", "nsubj", 1),  # 0
    ("imposed", "impose", "VERB", "ROOT", 1),  # 1
    ("a", "a", "DET", "det", 3),
    ("curfew", "curfew", "NOUN", "dobj", 1),  # 3
    ("in", "in", "ADP", "prep", 1),
    ("Kathmandu", "Kathmandu", "PROPN", "pobj", 4),  # 5
    (".", ".", "PUNCT", "punct", 1),
]
KATHMANDU = sector("NPL", "GOV", "country")  # the capital, standing for its government


def test_a_locative_phrases_object_is_placed() -> None:
    """ "Near the temple", "in Kathmandu": placed; "to France", an object: not."""
    doc = parse(CURFEW)
    assert p._placed(doc[5])
    assert not p._placed(doc[3])
    recall = parse(RECALL)
    assert not p._placed(recall[5])


def test_at_is_aimed_only_with_force() -> None:
    """ "Fired missiles at the government": with force, "at" names the target."""
    assert p._aimed(SHELLS[6], FRAMES.of("195"))
    assert not p._aimed(SHELLS[6], FRAMES.of("040"))  # "met at the embassy"
    assert not p._aimed(TALKS[5], FRAMES.of("195"))  # "in", not "at"


def test_a_capitals_government_as_a_place_is_its_country() -> None:
    doc = parse(CURFEW)
    place = p._as_place(ref(doc[5], KATHMANDU))
    assert place.actor == Actor("NPL", "NPL", None, kind="country")
    assert place.span == Span(doc[5].idx, doc[5].idx + len("Kathmandu"))
    nepal = ref(doc[0], country("NPL"))
    assert p._as_place(nepal) == nepal
    protesters = ref(doc[0], sector(None, "CVL"))  # no country to be the place of
    assert p._as_place(protesters) == protesters


def test_a_country_is_a_state_not_one_of_its_sectors() -> None:
    doc = parse(CURFEW)
    assert p._is_country(ref(doc[0], country("NPL")))
    assert not p._is_country(ref(doc[5], KATHMANDU))
    assert not p._is_country(ref(doc[5], Actor(None, None, None, name="Kathmandu", kind="region")))


def test_a_place_names_the_country_not_the_government_its_capital_stands_for() -> None:
    """ "Imposed a curfew in Kathmandu": the place; none at all in the actor's own land."""
    doc = parse(CURFEW)
    frame = FRAMES.of("1621")
    refs = [ref(doc[5], KATHMANDU)]
    assert p._placed_recipients(doc[5], refs, frame, frozenset({"IND"})) == [
        ref(doc[5], country("NPL"))
    ]
    assert p._placed_recipients(doc[5], refs, frame, frozenset({"NPL"})) == []


def test_with_force_at_names_the_government_not_the_place() -> None:
    """ "Fired artillery shells at Seoul": aimed at the government, not only the place."""
    refs = [ref(SHELLS[6], sector("KOR", "GOV", "country"))]
    assert p._placed_recipients(SHELLS[6], refs, FRAMES.of("195"), frozenset({"PRK"})) == refs


def test_a_withdrawal_is_not_done_to_its_own_country() -> None:
    """ "Withdrew its troops from the town of Vuhledar": Ukraine's own country."""
    doc = parse(
        [
            ("Ukraine", "Ukraine", "PROPN", "nsubj", 1),
            ("withdrew", "withdraw", "VERB", "ROOT", 1),  # 1
            ("its", "its", "PRON", "poss", 3),
            ("troops", "troop", "NOUN", "dobj", 1),
            ("from", "from", "ADP", "prep", 1),
            ("the", "the", "DET", "det", 6),
            ("town", "town", "NOUN", "pobj", 4),
            ("of", "of", "ADP", "prep", 6),
            ("Vuhledar", "Vuhledar", "PROPN", "pobj", 7),  # 8
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    refs = [ref(doc[8], country("UKR"))]
    frame = FRAMES.of("0874")
    assert p._placed_recipients(doc[8], refs, frame, frozenset({"UKR"})) == []
    assert p._placed_recipients(doc[8], refs, frame, frozenset({"RUS"})) == refs


def test_a_march_to_a_region_is_where_it_went_not_whom_at() -> None:
    """ "Students marched to Novi Sad"."""
    doc = parse(
        [
            ("Students", "student", "NOUN", "nsubj", 1),
            ("marched", "march", "VERB", "ROOT", 1),  # 1
            ("to", "to", "ADP", "prep", 1),
            ("Novi", "Novi", "PROPN", "compound", 4),
            ("Sad", "Sad", "PROPN", "pobj", 2),  # 4
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    novi_sad = Actor("SRB", "SRB", None, name="Novi Sad", kind="region")
    refs = [ref(doc[4], novi_sad)]
    assert p._placed_recipients(doc[4], refs, FRAMES.of("141"), frozenset({None})) == []
    # not a protest: a region may be a recipient ("sent aid to Novi Sad")
    assert p._placed_recipients(doc[4], refs, FRAMES.of("0233"), frozenset({None})) == refs


# "Insurgents bombarded part of Aleppo."
BOMBARDED = parse(
    [
        ("Insurgents", "insurgent", "NOUN", "nsubj", 1),  # 0
        ("bombarded", "bombard", "VERB", "ROOT", 1),
        ("part", "part", "NOUN", "dobj", 1),
        ("of", "of", "ADP", "prep", 2),
        ("Aleppo", "Aleppo", "PROPN", "pobj", 3),  # 4
        (".", ".", "PUNCT", "punct", 1),
    ]
)
INSURGENTS = ref(BOMBARDED[0], sector(None, "INS"))
ALEPPO = ref(BOMBARDED[4], Actor("SYR", "SYR", None, name="Aleppo", kind="region"))


def test_fighters_of_no_country_who_strike_a_place_are_that_places() -> None:
    """ "Insurgents bombarded part of Aleppo": Syrian insurgents."""
    agent = p.of_the_territory(INSURGENTS, [ALEPPO])
    assert agent.actor == Actor("SYRINS", "SYR", "INS", kind="sector")
    assert agent.span == INSURGENTS.span


def test_fighters_of_a_named_country_or_a_state_are_not_placed() -> None:
    turkish = ref(BOMBARDED[0], sector("TUR", "INS"))
    assert p.of_the_territory(turkish, [ALEPPO]) == turkish
    soldiers = ref(BOMBARDED[0], sector(None, "MIL"))  # an army acts abroad
    assert p.of_the_territory(soldiers, [ALEPPO]) == soldiers


def test_fighters_are_placed_only_by_one_named_place() -> None:
    idlib_tr = ref(BOMBARDED[4], Actor("TUR", "TUR", None, name="Hatay", kind="region"))
    assert p.of_the_territory(INSURGENTS, [ALEPPO, idlib_tr]) == INSURGENTS
    assert p.of_the_territory(INSURGENTS, []) == INSURGENTS
    person = ref(BOMBARDED[4], sector("SYR", "GOV", "person"))  # a person is no place
    assert p.of_the_territory(INSURGENTS, [person]) == INSURGENTS
    waters = ref(BOMBARDED[4], Actor(None, None, None, name="Red Sea", kind="region"))
    assert p.of_the_territory(INSURGENTS, [waters]) == INSURGENTS


# "Qatar praised its mediation between Israel and Hamas."
MEDIATION = parse(
    [
        ("Qatar", "Qatar", "PROPN", "nsubj", 1),  # 0
        ("praised", "praise", "VERB", "ROOT", 1),
        ("its", "its", "PRON", "poss", 3),
        ("mediation", "mediation", "NOUN", "dobj", 1),  # 3
        ("between", "between", "ADP", "prep", 3),
        ("Israel", "Israel", "PROPN", "pobj", 4),  # 5
        ("and", "and", "CCONJ", "cc", 5),
        ("Hamas", "Hamas", "PROPN", "conj", 5),  # 7
        (".", ".", "PUNCT", "punct", 1),
    ]
)
ISRAEL = ref(MEDIATION[5], country("ISR"))
HAMAS = ref(MEDIATION[7], Actor("PSEINSHAM", "PSE", "INS", name="Hamas", kind="group"))
QATAR = ref(MEDIATION[0], country("QAT"))


def test_a_party_between_whom_the_event_is_is_not_its_third_party() -> None:
    """ "Its mediation between Israel and Hamas": Israel and Hamas are parties to it."""
    assert p.between(MEDIATION[3], [ISRAEL])
    assert p.between(MEDIATION[3], [HAMAS])
    assert p.between(MEDIATION[3], [ISRAEL, HAMAS])
    assert not p.between(MEDIATION[3], [QATAR])
    assert not p.between(MEDIATION[3], [ISRAEL, QATAR])


def test_an_event_with_no_between_phrase_has_no_parties() -> None:
    assert not p.between(MEDIATION[1], [QATAR])
    assert not p.between(TALKS[3], [])


# ---- recipient candidates ------------------------------------------------------------------

# "Pakistan struck targets in Afghanistan."
STRUCK = parse(
    [
        ("Pakistan", "Pakistan", "PROPN", "nsubj", 1),
        ("struck", "strike", "VERB", "ROOT", 1),  # 1
        ("targets", "target", "NOUN", "dobj", 1),  # 2
        ("in", "in", "ADP", "prep", 2),
        ("Afghanistan", "Afghanistan", "PROPN", "pobj", 3),  # 4
        (".", ".", "PUNCT", "punct", 1),
    ]
)


def test_in_names_the_recipient_of_a_territorial_event_only() -> None:
    """ "Struck targets in Pakistan" is aimed at Pakistan; "held talks in Riyadh" is not."""
    assert p.recipient_candidates(STRUCK[1], territorial=True) == [STRUCK[2], STRUCK[4]]
    assert p.recipient_candidates(STRUCK[1]) == [STRUCK[2]]
    assert p.recipient_candidates(TALKS[2]) == [TALKS[3]]
    assert p.recipient_candidates(TALKS[2], territorial=True) == [TALKS[3], TALKS[5]]


def test_force_is_aimed_at_someone() -> None:
    """ "Hurled stones at police", "fired artillery shells at Seoul"."""
    assert p.recipient_candidates(SHELLS[2], aimed=True) == [SHELLS[4], SHELLS[6]]
    assert p.recipient_candidates(SHELLS[2]) == [SHELLS[4]]


def test_what_is_moved_is_not_the_recipient() -> None:
    """ "Deployed troops to its border with Cambodia": not the troops, but the border and
    whom it is with."""
    doc = parse(
        [
            ("Thailand", "Thailand", "PROPN", "nsubj", 1),
            ("deployed", "deploy", "VERB", "ROOT", 1),  # 1
            ("troops", "troop", "NOUN", "dobj", 1),  # 2
            ("to", "to", "ADP", "prep", 1),
            ("its", "its", "PRON", "poss", 5),
            ("border", "border", "NOUN", "pobj", 3),  # 5
            ("with", "with", "ADP", "prep", 5),
            ("Cambodia", "Cambodia", "PROPN", "pobj", 6),  # 7
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert p.recipient_candidates(doc[1], True, theme_object=True) == [doc[5], doc[7]]
    assert p.recipient_candidates(doc[1], True) == [doc[2], doc[5], doc[7]]


def test_each_of_coordinated_objects_is_looked_into() -> None:
    """ "Launched drones and missiles at Ukraine"."""
    doc = parse(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("launched", "launch", "VERB", "ROOT", 1),  # 1
            ("drones", "drone", "NOUN", "dobj", 1),  # 2
            ("and", "and", "CCONJ", "cc", 2),
            ("missiles", "missile", "NOUN", "conj", 2),  # 4
            ("at", "at", "ADP", "prep", 4),
            ("Ukraine", "Ukraine", "PROPN", "pobj", 5),  # 6
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert p.recipient_candidates(doc[1], True, aimed=True) == [doc[2], doc[6]]


def test_a_gerund_after_a_preposition_is_looked_into() -> None:
    """ "Open to receiving help from the US": the US, inside the gerund's phrase."""
    doc = parse(
        [
            ("Cuba", "Cuba", "PROPN", "nsubj", 1),
            ("is", "be", "AUX", "ROOT", 1),  # 1
            ("open", "open", "ADJ", "acomp", 1),  # 2
            ("to", "to", "ADP", "prep", 2),  # 3
            ("receiving", "receive", "VERB", "pcomp", 3),  # 4
            ("help", "help", "NOUN", "dobj", 4),  # 5
            ("from", "from", "ADP", "prep", 4),
            ("the", "the", "DET", "det", 8),
            ("US", "US", "PROPN", "pobj", 6),  # 8
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert p.recipient_candidates(doc[2]) == [doc[5], doc[8]]


# ---- Participants: recipients --------------------------------------------------------------


def test_the_recipient_is_past_the_agents_own_ambassador() -> None:
    """ "Algeria recalled its ambassador to France": France."""
    doc = parse(RECALL)
    algeria = ref(doc[0], country("DZA"))
    found = PARTICIPANTS.recipients(
        doc[1], doc[1], actors({0: country("DZA"), 5: country("FRA")}), [algeria], "161"
    )
    assert found == [ref(doc[5], country("FRA"))]


def test_a_curfew_in_the_capital_is_on_the_country_and_none_at_home() -> None:
    """ "Imposed a curfew in Kathmandu": Nepal by Indian troops, no one by Nepal."""
    doc = parse(CURFEW)
    named = {5: KATHMANDU}
    indian = ref(doc[0], sector("IND", "MIL"))
    nepal = ref(doc[0], country("NPL"))
    assert PARTICIPANTS.recipients(doc[1], doc[1], actors(named), [indian], "1621") == [
        ref(doc[5], country("NPL"))
    ]
    assert PARTICIPANTS.recipients(doc[1], doc[1], actors(named), [nepal], "1621") == []


def test_talks_in_a_capital_are_not_with_its_government() -> None:
    """ "Held talks in Riyadh": no recipient (a meeting is not territorial)."""
    officials = ref(TALKS[1], sector("USA", "GOV"))
    named = {5: sector("SAU", "GOV", "country")}
    assert PARTICIPANTS.recipients(TALKS[2], TALKS[3], actors(named), [officials], "040") == []


def test_an_attack_is_aimed_at_the_target_not_the_weapon() -> None:
    """ "North Korea fired artillery shells at Seoul": South Korea's government."""
    named = {1: country("PRK"), 6: sector("KOR", "GOV", "country")}
    north = ref(SHELLS[1], country("PRK"))
    assert PARTICIPANTS.recipients(SHELLS[2], SHELLS[2], actors(named), [north], "195") == [
        ref(SHELLS[6], sector("KOR", "GOV", "country"))
    ]


def test_a_comment_on_an_attack_is_aimed_at_its_doer_when_one_is_named() -> None:
    """ "Condemned an attack by Hamas on a checkpoint": aimed at Hamas."""
    doc = parse(
        [
            ("Egypt", "Egypt", "PROPN", "nsubj", 1),
            ("condemned", "condemn", "VERB", "ROOT", 1),  # 1
            ("an", "an", "DET", "det", 3),
            ("attack", "attack", "NOUN", "dobj", 1),  # 3
            ("by", "by", "ADP", "prep", 3),
            ("Hamas", "Hamas", "PROPN", "pobj", 4),  # 5
            ("on", "on", "ADP", "prep", 3),
            ("a", "a", "DET", "det", 8),
            ("checkpoint", "checkpoint", "NOUN", "pobj", 6),  # 8
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    hamas = Actor("PSEINSHAM", "PSE", "INS", name="Hamas", kind="group")
    named = {0: country("EGY"), 5: hamas, 8: sector("ISR", "MIL")}
    egypt = ref(doc[0], country("EGY"))
    assert PARTICIPANTS.recipients(doc[1], doc[1], actors(named), [egypt], "111") == [
        ref(doc[5], hamas)
    ]


# ---- Participants: places of actors of no country ----------------------------------------

# "Gunmen killed 200 civilians in villages south of Khartoum."
KILLED = parse(
    [
        ("Gunmen", "gunman", "NOUN", "nsubj", 1),
        ("killed", "kill", "VERB", "ROOT", 1),  # 1
        ("200", "200", "NUM", "nummod", 3),
        ("civilians", "civilian", "NOUN", "dobj", 1),  # 3
        ("in", "in", "ADP", "prep", 1),
        ("villages", "village", "NOUN", "pobj", 4),
        ("south", "south", "ADV", "advmod", 5),
        ("of", "of", "ADP", "prep", 6),
        ("Khartoum", "Khartoum", "PROPN", "pobj", 7),
        (".", ".", "PUNCT", "punct", 1),
    ]
)
CIVILIANS = ref(KILLED[3], sector(None, "CVL"))


def test_people_of_no_country_are_the_places_where_it_happened() -> None:
    """ "Killed 200 civilians in villages south of Khartoum": Sudanese civilians."""
    placed = PARTICIPANTS.placed_country(CIVILIANS, KILLED[1], actors({}, {1: "SDN"}))
    assert placed.actor == Actor("SDNCVL", "SDN", "CVL", kind="sector")


def test_states_forces_and_international_bodies_are_not_placed() -> None:
    """ "Its warplanes struck targets in Iraq": the warplanes are not Iraq's."""
    found = actors({}, {1: "SDN"})
    for unplaced in ("MIL", "GOV", "IGO", "NGO", "SPY"):
        actor = ref(KILLED[0], sector(None, unplaced))
        assert PARTICIPANTS.placed_country(actor, KILLED[1], found) == actor
    named = ref(KILLED[3], sector("TCD", "CVL"))  # already of a country
    assert PARTICIPANTS.placed_country(named, KILLED[1], found) == named
    nobody = ref(KILLED[3], Actor(None, None, None))
    assert PARTICIPANTS.placed_country(nobody, KILLED[1], found) == nobody


def test_a_government_protested_against_is_the_places() -> None:
    """With agents (the actor is a recipient), "the government" is the place's too."""
    government = ref(KILLED[3], sector(None, "GOV"))
    protesters = ref(KILLED[0], sector(None, "OPP"))
    found = actors({}, {1: "GEO"})
    assert PARTICIPANTS.placed_country(government, KILLED[1], found) == government
    placed = PARTICIPANTS.placed_country(government, KILLED[1], found, [protesters])
    assert placed.actor.code == "GEOGOV"


def test_with_no_place_those_a_states_authorities_act_on_are_their_own() -> None:
    """ "Kenya's government warned protesters": Kenyan protesters; "the army chief
    threatened opposition leader Bobi Wine": the army's own opposition."""
    protesters = ref(KILLED[3], sector(None, "OPP"))
    kenya = ref(KILLED[0], sector("KEN", "GOV"))
    placed = PARTICIPANTS.placed_country(protesters, KILLED[1], actors({}), [kenya])
    assert placed.actor.code == "KENOPP"
    army = ref(KILLED[0], sector("UGA", "MIL"))
    placed = PARTICIPANTS.placed_country(protesters, KILLED[1], actors({}), [army])
    assert placed.actor.code == "UGAOPP"
    rebels = ref(KILLED[3], sector(None, "REB"))  # the army's enemies may be anyone's
    assert PARTICIPANTS.placed_country(rebels, KILLED[1], actors({}), [army]) == rebels


def test_the_place_of_coordinated_verbs_is_the_first_verbs() -> None:
    """ "Were beaten and tear-gassed by police": the place is asked of the first verb."""
    doc = parse(
        [
            ("Protesters", "protester", "NOUN", "nsubjpass", 2),
            ("were", "be", "AUX", "auxpass", 2),
            ("beaten", "beat", "VERB", "ROOT", 2),  # 2
            ("in", "in", "ADP", "prep", 2),
            ("Tbilisi", "Tbilisi", "PROPN", "pobj", 3),
            ("and", "and", "CCONJ", "cc", 2),
            ("tear-gassed", "tear-gas", "VERB", "conj", 2),  # 6
            ("by", "by", "ADP", "agent", 6),
            ("police", "police", "NOUN", "pobj", 7),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    fake = FakeActors({}, {2: "GEO"})
    protesters = ref(doc[0], sector(None, "OPP"))
    placed = PARTICIPANTS.placed_country(protesters, doc[6], cast(DocumentActors, fake))
    assert fake.asked == [2]
    assert placed.actor.code == "GEOOPP"


# ---- Participants: agents ------------------------------------------------------------------


def test_the_assault_is_the_latest_violent_actors() -> None:
    """ "The assault killed five civilians": whoever did the latest violence."""
    doc = parse(
        [
            ("The", "the", "DET", "det", 1),
            ("assault", "assault", "NOUN", "nsubj", 2),
            ("killed", "kill", "VERB", "ROOT", 2),  # 2
            ("five", "five", "NUM", "nummod", 4),
            ("civilians", "civilian", "NOUN", "dobj", 2),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    russians = ref(SHELLS[1], sector("RUS", "MIL"))
    shelling = Coding(0, SHELLS[2], "195", russians, None, "asserted", None, 1, False)
    discourse = Discourse([shelling], [], FRAMES)
    assert PARTICIPANTS.agents(doc[2], actors({}), discourse) == ([russians], True)
    assert PARTICIPANTS.agents(doc[2], actors({}), Discourse([], [], FRAMES)) == ([], False)


def test_it_in_a_reported_clause_is_the_reporter() -> None:
    """ "Iran said it was ready to talk": "it" is Iran."""
    doc = parse(
        [
            ("Iran", "Iran", "PROPN", "nsubj", 1),  # 0
            ("said", "say", "VERB", "ROOT", 1),  # 1
            ("it", "it", "PRON", "nsubj", 3),
            ("was", "be", "AUX", "ccomp", 1),
            ("ready", "ready", "ADJ", "acomp", 3),
            ("to", "to", "PART", "aux", 6),
            ("talk", "talk", "VERB", "xcomp", 4),  # 6
            (".", ".", "PUNCT", "punct", 1),
        ],
        tags={5: "TO"},
    )
    found = actors({0: country("IRN")})
    iran = ref(doc[0], country("IRN"))
    assert PARTICIPANTS.agents(doc[6], found, Discourse([], [], FRAMES)) == ([iran], True)
    assert PARTICIPANTS.reporter(doc[6]) == doc[1]
    assert PARTICIPANTS.speaker(doc[6], doc[1], found) == iran


def test_it_under_a_denial_is_the_denier() -> None:
    """ "Belarus denied that it was massing troops": "it" is Belarus."""
    doc = parse(
        [
            ("Belarus", "Belarus", "PROPN", "nsubj", 1),  # 0
            ("denied", "deny", "VERB", "ROOT", 1),  # 1
            ("that", "that", "SCONJ", "mark", 5),
            ("it", "it", "PRON", "nsubj", 5),
            ("was", "be", "AUX", "aux", 5),
            ("massing", "mass", "VERB", "ccomp", 1),  # 5
            ("troops", "troop", "NOUN", "dobj", 5),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    belarus = ref(doc[0], country("BLR"))
    found = actors({0: country("BLR")})
    assert PARTICIPANTS.reporter(doc[5]) is None
    assert PARTICIPANTS.agents(doc[5], found, Discourse([], [], FRAMES)) == ([belarus], True)


def test_the_speaker_is_who_it_is_according_to() -> None:
    """ "According to the UN, troops shelled Goma"."""
    doc = parse(
        [
            ("According", "accord", "VERB", "prep", 5),  # 0
            ("to", "to", "ADP", "prep", 0),
            ("the", "the", "DET", "det", 3),
            ("UN", "UN", "PROPN", "pobj", 1),  # 3
            ("troops", "troop", "NOUN", "nsubj", 5),
            ("shelled", "shell", "VERB", "ROOT", 5),  # 5
            ("Goma", "Goma", "PROPN", "dobj", 5),
            (".", ".", "PUNCT", "punct", 5),
        ]
    )
    un = Actor("IGOUNO", "IGO", None, name="United Nations", kind="igo")
    assert PARTICIPANTS.speaker(doc[5], None, actors({3: un})) == ref(doc[3], un)
    assert PARTICIPANTS.speaker(doc[5], None, actors({})) is None


RECEIVED: list[Row] = [
    ("Rebels", "rebel", "NOUN", "nsubj", 1),
    ("received", "receive", "VERB", "ROOT", 1),  # 1
    ("weapons", "weapon", "NOUN", "dobj", 1),  # 2
    ("from", "from", "ADP", "prep", 1),  # 3
    ("Iran", "Iran", "PROPN", "pobj", 3),  # 4
    (".", ".", "PUNCT", "punct", 1),
]


def test_received_things_came_from_whom_the_from_phrase_names() -> None:
    """ "Received weapons from the government": the "from" phrase, after the verb or after
    its object."""
    doc = parse(RECEIVED)
    iran = ref(doc[4], country("IRN"))
    assert PARTICIPANTS.givers(doc[1], actors({4: country("IRN")})) == [iran]
    assert PARTICIPANTS.givers(doc[1], actors({})) == []
    rows = [*RECEIVED]
    rows[3] = ("from", "from", "ADP", "prep", 2)  # "weapons from Iran"
    attached = parse(rows)
    assert PARTICIPANTS.givers(attached[1], actors({4: country("IRN")})) == [iran]


def test_an_offer_is_made_to_the_party_whose_act_is_its_condition() -> None:
    """ "Pakistan is ready to pull troops back if India reciprocated": India."""
    doc = parse(
        [
            ("Pakistan", "Pakistan", "PROPN", "nsubj", 1),  # 0
            ("is", "be", "AUX", "ROOT", 1),  # 1
            ("ready", "ready", "ADJ", "acomp", 1),  # 2
            ("to", "to", "PART", "aux", 4),
            ("pull", "pull", "VERB", "xcomp", 2),  # 4
            ("troops", "troop", "NOUN", "dobj", 4),
            ("back", "back", "ADV", "advmod", 4),
            ("if", "if", "SCONJ", "mark", 9),
            ("India", "India", "PROPN", "nsubj", 9),  # 8
            ("reciprocated", "reciprocate", "VERB", "advcl", 2),  # 9
            (".", ".", "PUNCT", "punct", 1),
        ],
        tags={3: "TO"},
    )
    pakistan = ref(doc[0], country("PAK"))
    named = {0: country("PAK"), 8: country("IND")}
    assert PARTICIPANTS.condition_party(doc[4], actors(named), [pakistan]) == ref(
        doc[8], country("IND")
    )
    # the condition's subject is the offerer itself: no one else to make it to
    own = {0: country("PAK"), 8: country("PAK")}
    assert PARTICIPANTS.condition_party(doc[4], actors(own), [pakistan]) is None


# ---- Participants: nominal events ----------------------------------------------------------


def test_the_holder_of_a_nominal_event_must_be_identified() -> None:
    """ "Pakistan's response" is Pakistan's; "a terrorist attack" names no actor."""
    doc = parse(
        [
            ("Pakistan", "Pakistan", "PROPN", "poss", 2),  # 0
            ("'s", "'s", "PART", "case", 0),
            ("response", "response", "NOUN", "ROOT", 2),  # 2
            ("to", "to", "ADP", "prep", 2),
            ("a", "a", "DET", "det", 6),
            ("terrorist", "terrorist", "ADJ", "amod", 6),  # 5
            ("attack", "attack", "NOUN", "pobj", 3),  # 6
        ]
    )
    named = {0: country("PAK"), 5: sector(None, "INS")}
    assert PARTICIPANTS.nominal_agents(doc[2], actors(named)) == [ref(doc[0], country("PAK"))]
    assert PARTICIPANTS.nominal_agents(doc[6], actors(named)) == []


def test_with_no_holder_the_first_party_between_is_the_actor() -> None:
    """ "Its mediation between Israel and Hamas", "its" naming no one: Israel."""
    named = {5: ISRAEL.actor, 7: HAMAS.actor}
    assert PARTICIPANTS.nominal_agents(MEDIATION[3], actors(named)) == [ISRAEL]


def test_a_nominal_events_recipient_is_the_other_party_between() -> None:
    """ "A ceasefire between Israel and Hamas": Israel's, with Hamas."""
    named = {5: ISRAEL.actor, 7: HAMAS.actor}
    assert PARTICIPANTS.nominal_recipients(MEDIATION[3], actors(named), "045") == [HAMAS]
    assert PARTICIPANTS.nominal_recipients(MEDIATION[3], actors({}), "045") == []


def test_a_nominal_territorial_events_place_is_its_recipient() -> None:
    """ "Shelling in Afghanistan" is aimed at it; "talks in Riyadh" are not."""
    doc = parse(
        [
            ("shelling", "shelling", "NOUN", "ROOT", 0),
            ("in", "in", "ADP", "prep", 0),
            ("Afghanistan", "Afghanistan", "PROPN", "pobj", 1),
        ]
    )
    named = {2: country("AFG")}
    assert PARTICIPANTS.nominal_recipients(doc[0], actors(named), "195") == [
        ref(doc[2], country("AFG"))
    ]
    assert PARTICIPANTS.nominal_recipients(doc[0], actors(named), "040") == []


# ---- reporting verbs -----------------------------------------------------------------------


def test_the_reporting_verb_is_the_nearest_governor_among_the_lemmas() -> None:
    """ "X said (that) ...": the verb above, never the verb itself."""
    doc = parse(
        [
            ("Iran", "Iran", "PROPN", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),  # 1
            ("Israel", "Israel", "PROPN", "nsubj", 3),
            ("said", "say", "VERB", "ccomp", 1),  # 3
            ("it", "it", "PRON", "nsubj", 5),
            ("attacked", "attack", "VERB", "ccomp", 3),  # 5
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    say = frozenset({"say"})
    assert p._governor_among(doc[5], say) == doc[3]
    assert p._governor_among(doc[3], say) == doc[1]
    assert p._governor_among(doc[1], say) is None
    assert p._governor_among(doc[5], frozenset({"deny"})) is None
