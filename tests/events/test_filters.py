"""Sentence filters (events/filters.py) on hand-built parses: the sports pages, history,
a protest's demands, asked-for acts, a violent act's consequences and deduplication."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from tests.parses import VOCAB, Row, coding, parse, ref
from thucydides.events import filters
from thucydides.events.frames import Frames
from thucydides.model import Actor

# The rows of frames.tsv these tests need.
FRAMES = Frames(
    flags={
        "02": frozenset({"complement_recipient", "asks", "protest_purpose"}),
        "04": frozenset({"cooperative", "mutual"}),
        "08": frozenset({"cooperative", "mutual"}),
        "10": frozenset({"complement_recipient", "asks", "protest_purpose"}),
        "14": frozenset({"complement_recipient", "aimed", "protest"}),
        "17": frozenset({"territorial", "aimed", "force"}),
        "18": frozenset({"territorial", "aimed", "violent", "force"}),
        "19": frozenset({"territorial", "aimed", "violent", "force", "mutual"}),
        "20": frozenset({"territorial", "aimed", "violent", "force"}),
    },
    values={"190": {"yields_to": "195"}},
    by_code={},
)


def words(text: str) -> Doc:
    """A sentence whose parse does not matter (a flat one)."""
    tokens = text.split()
    return Doc(VOCAB, words=tokens, heads=[0] * len(tokens), deps=["dep"] * len(tokens))


# ---- the sports pages ------------------------------------------------------------------------

SPORTS_WORDS = frozenset({"final", "world cup", "striker"})


@pytest.mark.parametrize(
    "text",
    [
        "Spain beat England 2-1 in the final",  # the score and the word
        "Spain beat England 2-1",  # the score alone
        "Spain beat England in the World Cup",  # two words make one sports word
        "The striker attacked relentlessly",
    ],
)
def test_a_score_or_a_sports_word_puts_a_sentence_on_the_sports_pages(text: str) -> None:
    """ "Spain beat England 2-1 in the final": a match, not a use of force."""
    assert filters.on_sports_pages(words(text)[:], SPORTS_WORDS)


@pytest.mark.parametrize(
    "text",
    [
        "Russia attacked Ukraine on 2025-08-09",  # a date is not a score
        "the 2024-25 budget was cut",  # nor a fiscal year
        "a 10-year-old girl was killed",
        "the cup of tea was cold",  # "cup" alone is not "world cup"
    ],
)
def test_dates_and_single_words_of_a_sports_phrase_are_not_the_sports_pages(text: str) -> None:
    assert not filters.on_sports_pages(words(text)[:], SPORTS_WORDS)


def test_a_vote_tally_is_not_a_score() -> None:
    """ "The Council voted 13-0 to condemn the attack": a tally, and the attack stays."""
    tokens = ["The", "Council", "voted", "13-0", "to", "condemn", "the", "attack"]
    lemmas = ["vote" if t == "voted" else t.lower() for t in tokens]
    doc = Doc(
        VOCAB, words=tokens, lemmas=lemmas, heads=[0] * len(tokens), deps=["dep"] * len(tokens)
    )
    assert filters.on_sports_pages(doc[:], SPORTS_WORDS)  # with no vote words: a score
    assert not filters.on_sports_pages(doc[:], SPORTS_WORDS, frozenset({"vote"}))


def test_on_the_sports_pages_force_is_play() -> None:
    """ "Attacked relentlessly": on the sports pages force is play; other codes stay."""
    doc = words("Madrid attacked relentlessly and met the press")
    attack, meeting = coding(doc[1], "173"), coding(doc[4], "040")
    assert filters.without_force([attack, meeting], FRAMES) == [meeting]


# ---- history -------------------------------------------------------------------------------

# "Iran restored ties with Saudi Arabia almost five years after crowds trashed its embassy."
HISTORY: list[Row] = [
    ("Iran", "Iran", "PROPN", "nsubj", 1),  # 0
    ("restored", "restore", "VERB", "ROOT", 1),  # 1
    ("ties", "tie", "NOUN", "dobj", 1),
    ("with", "with", "ADP", "prep", 2),
    ("Saudi", "Saudi", "PROPN", "compound", 5),
    ("Arabia", "Arabia", "PROPN", "pobj", 3),
    ("almost", "almost", "ADV", "advmod", 7),
    ("five", "five", "NUM", "nummod", 8),
    ("years", "year", "NOUN", "npadvmod", 11),  # 8
    ("after", "after", "SCONJ", "mark", 11),  # 9
    ("crowds", "crowd", "NOUN", "nsubj", 11),
    ("trashed", "trash", "VERB", "advcl", 1),  # 11
    ("its", "its", "PRON", "poss", 13),
    ("embassy", "embassy", "NOUN", "dobj", 11),
    (".", ".", "PUNCT", "punct", 1),
]


def test_an_event_recalled_years_back_is_history() -> None:
    """ "... almost five years after crowds trashed its embassy": background, not news."""
    doc = parse(HISTORY)
    restored, trashed = coding(doc[1], "064"), coding(doc[11], "145")
    assert filters.without_history([restored, trashed]) == [restored]


def test_an_event_noun_in_the_recalled_clause_is_history_too() -> None:
    """ "... five years after crowds' attack on its embassy": a noun in the clause."""
    rows = [*HISTORY]
    rows[13] = ("attack", "attack", "NOUN", "dobj", 11)
    doc = parse(rows)
    assert filters.without_history([coding(doc[13], "180")]) == []


@pytest.mark.parametrize(
    ("row", "new"),
    [
        (8, ("hours", "hour", "NOUN", "npadvmod", 11)),  # "hours after": the day's news
        (9, ("when", "when", "SCONJ", "mark", 11)),  # "years when" is no recall
        (8, ("so", "so", "ADV", "advmod", 11)),  # "after crowds trashed": no distance
    ],
)
def test_an_event_recalled_hours_back_or_with_no_distance_is_news(row: int, new: Row) -> None:
    rows = [*HISTORY]
    rows[row] = new
    doc = parse(rows)
    trashed = coding(doc[11], "145")
    assert filters.without_history([trashed]) == [trashed]


def test_since_recalls_history_as_after_does() -> None:
    rows = [*HISTORY]
    rows[9] = ("since", "since", "SCONJ", "mark", 11)
    rows[8] = ("decades", "decade", "NOUN", "npadvmod", 11)
    doc = parse(rows)
    assert filters.without_history([coding(doc[11], "145")]) == []


def test_the_main_clause_is_never_history() -> None:
    doc = parse(HISTORY)
    restored = coding(doc[1], "064")
    assert filters.without_history([restored]) == [restored]


# ---- a protest's demands -------------------------------------------------------------------

# "Thousands marched through Tbilisi, demanding a change of policy."
MARCH: list[Row] = [
    ("Thousands", "thousand", "NOUN", "nsubj", 1),  # 0
    ("marched", "march", "VERB", "ROOT", 1),  # 1
    ("through", "through", "ADP", "prep", 1),
    ("Tbilisi", "Tbilisi", "PROPN", "pobj", 2),
    (",", ",", "PUNCT", "punct", 1),
    ("demanding", "demand", "VERB", "advcl", 1),  # 5
    ("a", "a", "DET", "det", 7),
    ("change", "change", "NOUN", "dobj", 5),
    ("of", "of", "ADP", "prep", 7),
    ("policy", "policy", "NOUN", "pobj", 8),
    (".", ".", "PUNCT", "punct", 1),
]


def test_a_protests_demand_is_what_it_is_for_not_a_second_event() -> None:
    """ "Marched through Tbilisi, demanding a change of policy"."""
    doc = parse(MARCH)
    march, demand = coding(doc[1], "141"), coding(doc[5], "100")
    assert filters.without_protest_demands([march, demand], FRAMES) == [march]


def test_a_demand_of_a_protest_named_by_a_light_verbs_object_is_its_purpose() -> None:
    """ "Workers launched a strike, demanding higher wages": the protest is the noun."""
    doc = parse(
        [
            ("Workers", "worker", "NOUN", "nsubj", 1),  # 0
            ("launched", "launch", "VERB", "ROOT", 1),  # 1
            ("a", "a", "DET", "det", 3),
            ("strike", "strike", "NOUN", "dobj", 1),  # 3
            (",", ",", "PUNCT", "punct", 1),
            ("demanding", "demand", "VERB", "advcl", 1),  # 5
            ("higher", "high", "ADJ", "amod", 7),
            ("wages", "wage", "NOUN", "dobj", 5),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    strike, demand = coding(doc[3], "143"), coding(doc[5], "100")
    assert filters.without_protest_demands([strike, demand], FRAMES) == [strike]


def test_a_demand_with_no_protest_is_an_event() -> None:
    """ "Officials met in Tbilisi, demanding a change of policy": no protest to be for."""
    rows = [*MARCH]
    rows[1] = ("met", "meet", "VERB", "ROOT", 1)
    doc = parse(rows)
    meeting, demand = coding(doc[1], "040"), coding(doc[5], "100")
    assert filters.without_protest_demands([meeting, demand], FRAMES) == [meeting, demand]


def test_a_demand_a_protest_does_not_govern_is_an_event() -> None:
    """ "Thousands marched ... and the union demanded a change": a clause of its own."""
    rows = [*MARCH]
    rows[5] = ("demanded", "demand", "VERB", "conj", 1)
    doc = parse(rows)
    march, demand = coding(doc[1], "141"), coding(doc[5], "100")
    assert filters.without_protest_demands([march, demand], FRAMES) == [march, demand]


# ---- acts asked for ------------------------------------------------------------------------

# "Congo demanded that Rwanda withdraw its troops."
DEMAND: list[Row] = [
    ("Congo", "Congo", "PROPN", "nsubj", 1),  # 0
    ("demanded", "demand", "VERB", "ROOT", 1),  # 1
    ("that", "that", "SCONJ", "mark", 4),
    ("Rwanda", "Rwanda", "PROPN", "nsubj", 4),
    ("withdraw", "withdraw", "VERB", "ccomp", 1),  # 4
    ("its", "its", "PRON", "poss", 6),
    ("troops", "troop", "NOUN", "dobj", 4),
    (".", ".", "PUNCT", "punct", 1),
]


def test_the_act_a_demand_asks_for_is_not_coded_as_well() -> None:
    """ "Demanded that Rwanda withdraw its troops": the demand stands for the withdrawal."""
    doc = parse(DEMAND)
    demand = coding(doc[1], "1041")
    withdrawal = coding(doc[4], "0874", factuality="possible")
    assert filters.without_asked_acts([demand, withdrawal], FRAMES) == [demand]


def test_an_asked_act_that_happened_is_coded() -> None:
    """Only the act asked for (possible) goes; an asserted one is news of its own."""
    doc = parse(DEMAND)
    demand, withdrawal = coding(doc[1], "1041"), coding(doc[4], "0874")
    assert filters.without_asked_acts([demand, withdrawal], FRAMES) == [demand, withdrawal]


def test_an_event_noun_inside_the_act_asked_for_goes_too() -> None:
    """ "Urged Armenia to accept Turkish mediation": the mediation is asked for too."""
    doc = parse(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),  # 0
            ("urged", "urge", "VERB", "ROOT", 1),  # 1
            ("Armenia", "Armenia", "PROPN", "dobj", 1),
            ("to", "to", "PART", "aux", 4),
            ("accept", "accept", "VERB", "xcomp", 1),  # 4
            ("Turkish", "turkish", "ADJ", "amod", 6),
            ("mediation", "mediation", "NOUN", "dobj", 4),  # 6
            (".", ".", "PUNCT", "punct", 1),
        ],
        tags={3: "TO"},
    )
    appeal = coding(doc[1], "020")
    mediation = coding(doc[6], "045", factuality="possible")
    accepting = coding(doc[4], "084", factuality="possible")
    assert filters.without_asked_acts([appeal, accepting, mediation], FRAMES) == [appeal]


def test_an_infinitive_parsed_as_an_adverbial_clause_is_the_act_asked_for() -> None:
    """ "Urged the parties on Monday to meet", the infinitive attached as an advcl."""
    doc = parse(
        [
            ("Qatar", "Qatar", "PROPN", "nsubj", 1),  # 0
            ("urged", "urge", "VERB", "ROOT", 1),  # 1
            ("the", "the", "DET", "det", 3),
            ("parties", "party", "NOUN", "dobj", 1),
            ("on", "on", "ADP", "prep", 1),
            ("Monday", "Monday", "PROPN", "pobj", 4),
            ("to", "to", "PART", "aux", 7),
            ("meet", "meet", "VERB", "advcl", 1),  # 7
            (".", ".", "PUNCT", "punct", 1),
        ],
        tags={6: "TO"},
    )
    appeal, meeting = coding(doc[1], "0234"), coding(doc[7], "040", factuality="possible")
    assert filters.without_asked_acts([appeal, meeting], FRAMES) == [appeal]


def test_what_an_agreement_says_is_to_happen_is_not_asked_for() -> None:
    """ "Agreed that Rwanda would withdraw": only appeals and demands ask."""
    rows = [*DEMAND]
    rows[1] = ("agreed", "agree", "VERB", "ROOT", 1)
    doc = parse(rows)
    agreement = coding(doc[1], "081")
    withdrawal = coding(doc[4], "0874", factuality="possible")
    assert filters.without_asked_acts([agreement, withdrawal], FRAMES) == [agreement, withdrawal]


# ---- consequences --------------------------------------------------------------------------

# "Jets bombed a school, killing 20 children."
BOMBING: list[Row] = [
    ("Jets", "jet", "NOUN", "nsubj", 1),  # 0
    ("bombed", "bomb", "VERB", "ROOT", 1),  # 1
    ("a", "a", "DET", "det", 3),
    ("school", "school", "NOUN", "dobj", 1),
    (",", ",", "PUNCT", "punct", 1),
    ("killing", "kill", "VERB", "advcl", 1),  # 5
    ("20", "20", "NUM", "nummod", 7),
    ("children", "child", "NOUN", "dobj", 5),
    (".", ".", "PUNCT", "punct", 1),
]


def test_the_killing_is_what_the_bombing_did_not_a_second_attack() -> None:
    """ "Bombed a school, killing 20 children"."""
    doc = parse(BOMBING, tags={1: "VBD", 5: "VBG"})
    bombing, killing = coding(doc[1], "195"), coding(doc[5], "20")
    assert filters.without_consequences([bombing, killing], FRAMES) == [bombing]


def test_a_second_finite_violent_verb_is_a_second_attack() -> None:
    """ "Bombed a school and killed 20 children" (a finite verb, not a participle)."""
    rows = [*BOMBING]
    rows[5] = ("killed", "kill", "VERB", "conj", 1)
    doc = parse(rows, tags={1: "VBD", 5: "VBD"})
    bombing, killing = coding(doc[1], "195"), coding(doc[5], "20")
    assert filters.without_consequences([bombing, killing], FRAMES) == [bombing, killing]


def test_violence_after_a_peaceful_act_is_an_event() -> None:
    """ "Troops entered a school, killing 20 children": the entry did not kill them."""
    rows = [*BOMBING]
    rows[1] = ("entered", "enter", "VERB", "ROOT", 1)
    doc = parse(rows, tags={1: "VBD", 5: "VBG"})
    entry, killing = coding(doc[1], "042"), coding(doc[5], "20")
    assert filters.without_consequences([entry, killing], FRAMES) == [entry, killing]


# ---- deduplication -------------------------------------------------------------------------

USA = Actor("USA", "USA", None, kind="country")
RUS = Actor("RUS", "RUS", None, kind="country")
UKR = Actor("UKR", "UKR", None, kind="country")
RUBIO = Actor("USAGOV", "USA", "GOV", name="Marco Rubio", kind="person")
TRUMP = Actor("USAGOV", "USA", "GOV", name="Donald Trump", kind="person")
LAVROV = Actor("RUSGOV", "RUS", "GOV", name="Sergei Lavrov", kind="person")
CIVILIANS = Actor(None, None, "CVL", kind="sector")

# "Russia attacked Ukraine and bombarded Kharkiv, killing civilians; Rubio met Lavrov."
SENTENCE = words("Russia attacked Ukraine bombarded Kharkiv killing civilians Rubio met Lavrov")
RUSSIA, UKRAINE = ref(SENTENCE[0], RUS), ref(SENTENCE[2], UKR)


def test_one_event_per_actor_recipient_and_root_the_most_specific_kept() -> None:
    general = coding(SENTENCE[1], "190", RUSSIA, UKRAINE)
    specific = coding(SENTENCE[3], "1951", RUSSIA, UKRAINE)
    assert filters.deduplicate([general, specific], FRAMES) == [specific]
    assert filters.deduplicate([specific, general], FRAMES) == [specific]


def test_between_codes_of_one_length_the_more_specific_pattern_wins() -> None:
    loose = coding(SENTENCE[1], "193", RUSSIA, UKRAINE, specificity=1)
    tight = coding(SENTENCE[3], "194", RUSSIA, UKRAINE, specificity=3)
    assert filters.deduplicate([loose, tight], FRAMES) == [tight]
    assert filters.deduplicate([tight, loose], FRAMES) == [tight]


def test_between_equals_the_first_found_is_kept() -> None:
    first = coding(SENTENCE[1], "193", RUSSIA, UKRAINE)
    second = coding(SENTENCE[3], "194", RUSSIA, UKRAINE)
    assert filters.deduplicate([first, second], FRAMES) == [first]


def test_a_code_yields_to_the_code_its_frame_names() -> None:
    """frames.tsv: "yields_to=CODE: in a sentence coding both, the other code is kept"."""
    fight = coding(SENTENCE[1], "190", RUSSIA, UKRAINE, specificity=3)
    bombing = coding(SENTENCE[3], "195", RUSSIA, UKRAINE, specificity=1)
    assert filters.deduplicate([fight, bombing], FRAMES) == [bombing]


def test_a_code_yields_whichever_of_the_two_is_found_first() -> None:
    bombing = coding(SENTENCE[3], "195", RUSSIA, UKRAINE, specificity=1)
    fight = coding(SENTENCE[1], "190", RUSSIA, UKRAINE, specificity=3)
    assert filters.deduplicate([bombing, fight], FRAMES) == [bombing]


def test_other_recipients_and_other_roots_are_other_events() -> None:
    on_ukraine = coding(SENTENCE[1], "190", RUSSIA, UKRAINE)
    on_kharkiv = coding(SENTENCE[3], "190", RUSSIA, ref(SENTENCE[4], UKR))
    assault = coding(SENTENCE[1], "180", RUSSIA, UKRAINE)
    # Kharkiv stands for Ukraine: the same recipient by code, one event
    assert filters.deduplicate([on_ukraine, on_kharkiv, assault], FRAMES) == [
        on_ukraine,
        assault,
    ]
    by_usa = coding(SENTENCE[1], "190", ref(SENTENCE[7], USA), UKRAINE)
    assert filters.deduplicate([on_ukraine, by_usa], FRAMES) == [on_ukraine, by_usa]


def test_named_people_of_one_office_are_told_apart() -> None:
    """ "Rubio met Lavrov", "Trump met Lavrov": two meetings, though both are USAGOV."""
    lavrov = ref(SENTENCE[9], LAVROV)
    rubio = coding(SENTENCE[8], "040", ref(SENTENCE[7], RUBIO), lavrov)
    trump = coding(SENTENCE[8], "040", ref(SENTENCE[7], TRUMP), lavrov)
    assert filters.deduplicate([rubio, trump], FRAMES) == [rubio, trump]


def test_a_coding_with_no_recipient_goes_when_the_actor_has_one_with_a_recipient() -> None:
    """ "Russia attacked Ukraine ..., killing civilians": the attack without a recipient,
    and the one whose recipient is not identified ("killing at least five people"), go."""
    attack = coding(SENTENCE[1], "190", RUSSIA, UKRAINE)
    bare = coding(SENTENCE[3], "190", RUSSIA, None)
    killing = coding(SENTENCE[5], "190", RUSSIA, ref(SENTENCE[6], CIVILIANS))
    assert filters.deduplicate([bare, killing, attack], FRAMES) == [attack]
    # a recipient no code identifies is no one: the same event as none, the first kept
    assert filters.deduplicate([bare, killing], FRAMES) == [bare]


def test_a_coding_with_no_recipient_stays_beside_another_roots_or_actors_recipient() -> None:
    bare = coding(SENTENCE[3], "190", RUSSIA, None)
    meeting = coding(SENTENCE[8], "040", RUSSIA, ref(SENTENCE[7], USA))
    by_usa = coding(SENTENCE[1], "190", ref(SENTENCE[7], USA), UKRAINE)
    assert filters.deduplicate([bare, meeting, by_usa], FRAMES) == [bare, meeting, by_usa]


def test_another_named_persons_coding_with_a_recipient_keeps_one_without() -> None:
    """ "Rubio met Lavrov; Trump met" - Trump is not the actor who has a recipient."""
    rubio = coding(SENTENCE[8], "040", ref(SENTENCE[7], RUBIO), ref(SENTENCE[9], LAVROV))
    trump = coding(SENTENCE[8], "040", ref(SENTENCE[7], TRUMP), None)
    assert filters.deduplicate([rubio, trump], FRAMES) == [rubio, trump]
