"""What earlier sentences said (events/discourse.py), on hand-built parses and codings:
the latest violent actor ("The assault ..."), the belligerents (a truce that names no
sides) and the last attacker (a response)."""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from tests.parses import coding as _coding
from tests.parses import ref
from thucydides.events.discourse import Discourse
from thucydides.events.frames import Frames
from thucydides.events.records import Coding
from thucydides.model import Actor, ActorRef

# The rows of frames.tsv these tests need: a fight (19) and force (18) are violent,
# meeting (04), sanctions (16) and protest (14) are not.
FRAMES = Frames(
    flags={
        "04": frozenset({"cooperative", "mutual"}),
        "087": frozenset({"belligerents", "belligerent_actors"}),
        "14": frozenset({"complement_recipient", "aimed", "protest"}),
        "16": frozenset({"territorial"}),
        "18": frozenset({"territorial", "aimed", "violent", "force"}),
        "19": frozenset({"territorial", "aimed", "violent", "force", "mutual"}),
    },
    values={},
    by_code={},
)

# A bare Vocab() gives every word an empty lower_, which the rules read: the vocab
# lowercases as a language's does, with no model loaded.
VOCAB = Vocab(lex_attr_getters={LOWER: str.lower})

RUS = Actor("RUS", "RUS", None, kind="country")
RUSMIL = Actor("RUSMIL", "RUS", "MIL", kind="country")
RUSGOV = Actor("RUSGOV", "RUS", "GOV", kind="country")
UKR = Actor("UKR", "UKR", None, kind="country")
UKRMIL = Actor("UKRMIL", "UKR", "MIL", kind="country")
ISR = Actor("ISR", "ISR", None, kind="country")
PSE = Actor("PSE", "PSE", None, kind="country")
CVL = Actor(None, None, "CVL", kind="sector")
INS = Actor(None, None, "INS", kind="sector")
QAT = Actor("QAT", "QAT", None, kind="country")


def parse(rows: list[tuple[str, str, str, int]]) -> Doc:
    """A parse from (word, pos, dep, head index) rows; a word is its own lemma."""
    words, pos, deps, heads = zip(*rows, strict=True)
    return Doc(
        VOCAB,
        words=list(words),
        lemmas=[w.lower() for w in words],
        pos=list(pos),
        deps=list(deps),
        heads=list(heads),
    )


def coding(trigger: Token, code: str, actor: ActorRef | None, recipient: ActorRef | None) -> Coding:
    return _coding(trigger, code, actor, recipient, sentence=trigger.sent.start)


# "Russian forces shelled Kharkiv. Putin met Lukashenko. The assault killed five."
ASSAULT = parse(
    [
        ("Russian", "ADJ", "amod", 1),  # 0
        ("forces", "NOUN", "nsubj", 2),
        ("shelled", "VERB", "ROOT", 2),  # 2
        ("Kharkiv", "PROPN", "dobj", 2),
        (".", "PUNCT", "punct", 2),
        ("Putin", "PROPN", "nsubj", 6),  # 5
        ("met", "VERB", "ROOT", 6),  # 6
        ("Lukashenko", "PROPN", "dobj", 6),
        (".", "PUNCT", "punct", 6),
        ("The", "DET", "det", 10),  # 9
        ("assault", "NOUN", "nsubj", 11),  # 10
        ("killed", "VERB", "ROOT", 11),  # 11
        ("five", "NUM", "dobj", 11),
        (".", "PUNCT", "punct", 11),
    ]
)
SHELLING = coding(ASSAULT[2], "195", ref(ASSAULT[1], RUSMIL), ref(ASSAULT[3], UKR))
MEETING = coding(
    ASSAULT[6],
    "042",
    ref(ASSAULT[5], Actor("RUSGOV", "RUS", "GOV", name="Vladimir Putin", kind="person")),
    ref(ASSAULT[7], Actor("BLRGOV", "BLR", "GOV", name="Alexander Lukashenko", kind="person")),
)


def test_the_assault_is_the_latest_violent_events_actor() -> None:
    """ "The assault ...": the actor of the latest violent event, past a later meeting."""
    discourse = Discourse([SHELLING, MEETING], [], FRAMES)
    assert discourse.latest_violent_actor() == [SHELLING.actor]


def test_no_violence_so_far_means_no_actor_for_the_assault() -> None:
    assert Discourse([MEETING], [], FRAMES).latest_violent_actor() == []
    assert Discourse([], [], FRAMES).latest_violent_actor() == []


def test_a_violent_event_with_no_actor_is_passed_over() -> None:
    """ "Five were killed": violence no one is known to have done names no one."""
    unknown = coding(ASSAULT[11], "190", None, ref(ASSAULT[12], CVL))
    discourse = Discourse([SHELLING, unknown], [], FRAMES)
    assert discourse.latest_violent_actor() == [SHELLING.actor]


def test_the_current_sentences_codings_are_later_than_the_earlier_sentences() -> None:
    earlier = coding(ASSAULT[2], "190", ref(ASSAULT[1], UKRMIL), ref(ASSAULT[3], RUS))
    current = coding(ASSAULT[11], "190", ref(ASSAULT[9], INS), ref(ASSAULT[12], CVL))
    discourse = Discourse([earlier], [current], FRAMES)
    assert discourse.latest_violent_actor() == [current.actor]
    assert list(discourse.latest_first()) == [current, earlier]


def test_within_a_sentence_the_last_coding_found_is_the_latest() -> None:
    first = coding(ASSAULT[2], "190", ref(ASSAULT[1], RUSMIL), ref(ASSAULT[3], UKR))
    second = coding(ASSAULT[11], "190", ref(ASSAULT[9], UKRMIL), ref(ASSAULT[12], RUS))
    assert Discourse([], [first, second], FRAMES).latest_violent_actor() == [second.actor]
    assert Discourse([first, second], [], FRAMES).latest_violent_actor() == [second.actor]


# "Israel struck Gaza. Militants killed civilians. Qatar brokered a truce."
TRUCE = parse(
    [
        ("Israel", "PROPN", "nsubj", 1),  # 0
        ("struck", "VERB", "ROOT", 1),  # 1
        ("Gaza", "PROPN", "dobj", 1),  # 2
        (".", "PUNCT", "punct", 1),
        ("Militants", "NOUN", "nsubj", 5),  # 4
        ("killed", "VERB", "ROOT", 5),  # 5
        ("civilians", "NOUN", "dobj", 5),  # 6
        (".", "PUNCT", "punct", 5),
        ("Qatar", "PROPN", "nsubj", 9),  # 8
        ("brokered", "VERB", "ROOT", 9),  # 9
        ("a", "DET", "det", 11),
        ("truce", "NOUN", "dobj", 9),  # 11
        (".", "PUNCT", "punct", 9),
    ]
)
STRIKE = coding(TRUCE[1], "195", ref(TRUCE[0], ISR), ref(TRUCE[2], PSE))


def test_the_belligerents_are_the_two_sides_of_the_latest_fighting() -> None:
    """ "Qatar brokered a truce": a truce that names no sides is between those of the
    latest fighting."""
    assert Discourse([STRIKE], [], FRAMES).belligerents() == [STRIKE.actor, STRIKE.recipient]


def test_fighting_whose_sides_have_no_country_names_no_belligerents() -> None:
    """ "Militants killed civilians": the later fighting names no state on either side, so
    the sides are those of the fighting before it."""
    killing = coding(TRUCE[5], "1823", ref(TRUCE[4], INS), ref(TRUCE[6], CVL))
    assert Discourse([STRIKE, killing], [], FRAMES).belligerents() == [
        STRIKE.actor,
        STRIKE.recipient,
    ]
    assert Discourse([killing], [], FRAMES).belligerents() == []


def test_fighting_with_one_side_only_names_no_belligerents() -> None:
    one_sided = coding(TRUCE[1], "190", ref(TRUCE[0], ISR), None)
    assert Discourse([one_sided], [], FRAMES).belligerents() == []


def test_a_meeting_with_both_sides_named_is_not_fighting() -> None:
    talks = coding(TRUCE[9], "040", ref(TRUCE[8], QAT), ref(TRUCE[0], ISR))
    assert Discourse([talks], [], FRAMES).belligerents() == []
    assert Discourse([STRIKE, talks], [], FRAMES).belligerents() == [
        STRIKE.actor,
        STRIKE.recipient,
    ]


# "Ukraine attacked Russian refineries. Moscow promised a response."
RESPONSE = parse(
    [
        ("Ukraine", "PROPN", "nsubj", 1),  # 0
        ("attacked", "VERB", "ROOT", 1),  # 1
        ("Russian", "ADJ", "amod", 3),  # 2
        ("refineries", "NOUN", "dobj", 1),  # 3
        (".", "PUNCT", "punct", 1),
        ("Moscow", "PROPN", "nsubj", 6),  # 5
        ("promised", "VERB", "ROOT", 6),  # 6
        ("a", "DET", "det", 8),
        ("response", "NOUN", "dobj", 6),  # 8
        (".", "PUNCT", "punct", 6),
    ]
)
MOSCOW = ref(RESPONSE[5], RUSGOV)
ATTACK = coding(RESPONSE[1], "190", ref(RESPONSE[0], UKR), ref(RESPONSE[3], RUS))


def test_a_response_is_aimed_at_whoever_last_acted_against_the_responder() -> None:
    """ "Moscow promised a response": aimed at Ukraine, which attacked Russia (the
    responder's country, whichever Russian actor responds)."""
    assert Discourse([ATTACK], [], FRAMES).last_attacker_of(MOSCOW) == [ATTACK.actor]


def test_the_last_attacker_need_not_have_used_force() -> None:
    """Any act against the responder's country counts, sanctions as much as an attack."""
    sanctions = coding(RESPONSE[1], "163", ref(RESPONSE[0], UKR), ref(RESPONSE[3], RUS))
    assert Discourse([sanctions], [], FRAMES).last_attacker_of(MOSCOW) == [sanctions.actor]


def test_the_latest_act_against_the_responder_wins() -> None:
    older = coding(RESPONSE[1], "190", ref(RESPONSE[0], UKRMIL), ref(RESPONSE[3], RUS))
    newer = coding(RESPONSE[1], "163", ref(RESPONSE[0], UKR), ref(RESPONSE[3], RUSGOV))
    assert Discourse([older], [newer], FRAMES).last_attacker_of(MOSCOW) == [newer.actor]


def test_the_responders_own_acts_and_acts_against_others_are_not_attacks_on_it() -> None:
    own = coding(RESPONSE[6], "190", ref(RESPONSE[5], RUSGOV), ref(RESPONSE[0], UKR))
    elsewhere = coding(RESPONSE[1], "190", ref(RESPONSE[0], ISR), ref(RESPONSE[3], PSE))
    no_recipient = coding(RESPONSE[1], "190", ref(RESPONSE[0], UKR), None)
    discourse = Discourse([ATTACK, elsewhere, own, no_recipient], [], FRAMES)
    assert discourse.last_attacker_of(MOSCOW) == [ATTACK.actor]
    assert Discourse([elsewhere, own, no_recipient], [], FRAMES).last_attacker_of(MOSCOW) == []


def test_an_act_with_no_known_actor_names_no_attacker() -> None:
    anonymous = coding(RESPONSE[1], "190", None, ref(RESPONSE[3], RUS))
    assert Discourse([ATTACK, anonymous], [], FRAMES).last_attacker_of(MOSCOW) == [ATTACK.actor]
