"""Event coding on short sentences: codes, roles, factuality, dates, places."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import CodeText
from thucydides import record_json

FRIDAY = date(2025, 8, 8)


def _events(
    code_text: CodeText, text: str, published: date | None = FRIDAY
) -> list[dict[str, Any]]:
    return list(record_json(code_text(text, published))["events"])


def _triples(events: list[dict[str, Any]]) -> set[tuple[str, str | None, str | None, str]]:
    return {
        (
            e["cameo"],
            (e["actor"] or {}).get("code"),
            (e["recipient"] or {}).get("code"),
            e["factuality"],
        )
        for e in events
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("India accused Pakistan of supporting terrorism.", ("112", "IND", "PAK", "asserted")),
        (
            "Pakistan welcomed mediation by the United States on the Kashmir dispute.",
            ("038", "PAK", "USA", "asserted"),
        ),
        (
            "India rejected any third-party mediation on the Kashmir dispute.",
            ("126", "IND", None, "asserted"),
        ),
        ("Russia suspended the grain agreement with Ukraine.", ("160", "RUS", "UKR", "asserted")),
        ("Israeli jets bombed Hamas positions in Gaza.", ("195", "ISRMIL", None, "asserted")),
        (
            "Turkish artillery shelled Kurdish positions in Syria.",
            ("194", "TURMIL", "SYR", "asserted"),
        ),
        # An appeal is coded by what it asks for: to meet is 026.
        (
            "Hun Manet urged the United Nations Security Council to meet.",
            ("026", "KHMGOV", "IGOUNOSC", "asserted"),
        ),
        ("Armenia and Azerbaijan signed a peace agreement.", ("057", "ARM", "AZE", "asserted")),
        ("China threatened Taiwan with military action.", ("138", "CHN", "TWN", "asserted")),
        ("The United States imposed sanctions on Iran.", ("163", "USA", "IRN", "asserted")),
        # The recipient inside a nominal object: "a resumption of ties with Egypt".
        (
            "Jordan and Qatar welcomed the resumption of diplomatic ties with Egypt.",
            ("051", "QAT", "EGY", "asserted"),
        ),
    ],
)
def test_codes_and_roles(
    code_text: CodeText, text: str, expected: tuple[str, str | None, str | None, str]
) -> None:
    triples = _triples(_events(code_text, text))
    if expected[2] is None:
        assert any(
            t[0] == expected[0] and t[1] == expected[1] and t[3] == expected[3] for t in triples
        ), triples
    else:
        assert expected in triples, triples


def test_passive_with_by_agent(code_text: CodeText) -> None:
    triples = _triples(_events(code_text, "Pakistan was accused by India of harbouring militants."))
    assert ("112", "IND", "PAK", "asserted") in triples


def test_passive_without_agent_takes_the_temporal_clause_subject(code_text: CodeText) -> None:
    text = "The treaty was suspended when India accused Pakistan of aiding the attack."
    triples = _triples(_events(code_text, text))
    assert ("160", "IND", "PAK", "asserted") in triples


def test_control_chain(code_text: CodeText) -> None:
    triples = _triples(_events(code_text, "India continues to refuse outside mediation."))
    assert any(t[0] == "126" and t[1] == "IND" for t in triples)


def test_negation_and_refusal(code_text: CodeText) -> None:
    events = _events(code_text, "India did not attack Pakistan.")
    assert events and all(e["factuality"] == "negated" for e in events)
    triples = _triples(_events(code_text, "India refused to meet Pakistan."))
    assert ("125", "IND", "PAK", "asserted") in triples
    assert not any(t[0].startswith("04") for t in triples)


def test_no_interactions_is_negated(code_text: CodeText) -> None:
    text = "There have been no meaningful interactions between India and Pakistan since May."
    events = _events(code_text, text)
    assert events and all(e["factuality"] == "negated" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "India will attack Pakistan.",
        "India plans to attack Pakistan.",
        "If talks fail, India could attack Pakistan.",
        "Rumoured Pakistani military visits to Washington drew attention.",
    ],
)
def test_possible_events(code_text: CodeText, text: str) -> None:
    events = _events(code_text, text)
    assert events and all(e["factuality"] == "possible" for e in events), events


def test_alleged_act_inside_an_accusation_is_possible(code_text: CodeText) -> None:
    events = _events(code_text, "Thailand accused Cambodia of shelling Thai villages.")
    codes = {e["cameo"]: e["factuality"] for e in events}
    # the accusation (112, or 1123 "accuse of aggression") is asserted
    assert [f for c, f in codes.items() if c.startswith("112")] == ["asserted"]
    assert all(f == "possible" for c, f in codes.items() if c.startswith("19"))


def test_reported_event_records_the_speaker(code_text: CodeText) -> None:
    text = "Indian officials said Pakistani troops attacked a border post."
    (event,) = [e for e in _events(code_text, text) if e["cameo"].startswith(("18", "19"))]
    assert event["actor"]["code"] == "PAKMIL"
    assert event["speaker"]["country"] == "IND"


def test_we_in_a_quote_is_the_speakers_side(code_text: CodeText) -> None:
    text = (
        "Foreign Office spokesperson Shafqat Ali Khan spoke on Friday. "
        '"We welcome mediation by the United States on the Kashmir dispute," he said.'
    )
    events = [e for e in _events(code_text, text) if e["cameo"] == "038"]
    assert events and events[0]["actor"]["code"] == "PAKGOV"
    assert events[0]["speaker"]["name"] == "Shafqat Ali Khan"


def test_explicit_and_document_dates(code_text: CodeText) -> None:
    (event,) = _events(code_text, "India accused Pakistan of aggression on Tuesday.")
    assert event["date"] == {
        "value": "2025-08-05",
        "precision": "day",
        "text": "Tuesday",
        "source": "explicit",
    }
    (event,) = _events(code_text, "India accuses Pakistan of aggression.")
    assert event["date"]["source"] == "document" and event["date"]["value"] == "2025-08-08"
    (event,) = _events(code_text, "India accuses Pakistan of aggression.", published=None)
    assert event["date"] is None


def test_a_noun_modifier_year_does_not_date_the_event(code_text: CodeText) -> None:
    (event,) = [
        e
        for e in _events(
            code_text,
            "Citing the 1972 Simla Agreement, India rejects "
            "third-party mediation on the Kashmir dispute.",
        )
        if e["cameo"] == "126"
    ]
    assert event["date"]["value"] != "1972"


def test_location_from_a_locative_phrase(code_text: CodeText) -> None:
    (event,) = [
        e
        for e in _events(code_text, "Gunmen killed five tourists in Pahalgam.")
        if e["cameo"].startswith("18")
    ]
    assert event["location"]["name"] == "Pahalgam"
    assert event["recipient"]["country"] == "IND"  # civilians take the place's country


def test_derived_fields(code_text: CodeText) -> None:
    (event,) = _events(code_text, "India accused Pakistan of aggression.")
    assert (event["plover"], event["quad"], event["goldstein"]) == ("ACCUSE", 3, -2.0)
    assert 0 < event["confidence"] <= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A declared intention to cooperate is an event of its own, which stands for the act.
        (
            "The Kremlin said Putin was ready to meet Zelensky.",
            {("036", "RUSGOV", "UKRGOV", "asserted")},
        ),
        ("Pakistan vowed to retaliate against India.", {("138", "PAK", "IND", "asserted")}),
        # Appeals and demands are coded by what they ask for.
        (
            "Ankara urged Russia to resume talks with Ukraine.",
            {("026", "TURGOV", "RUS", "asserted")},
        ),
        (
            "Niger demanded that France withdraw its troops.",
            {("106", "NER", "FRA", "asserted")},
        ),
        # Received aid is given by its source.
        (
            "Ukraine received air defence missiles from Germany.",
            {("072", "DEU", "UKR", "asserted")},
        ),
        # An agentless passive done in someone's attack.
        (
            "Eight people were killed in an air strike by government forces in Idlib.",
            {("195", "SYRMIL", "SYRCVL", "asserted")},
        ),
        # A statement about an event is aimed at its doer.
        (
            "Pakistan condemned an attack by Indian troops in Kashmir.",
            {("111", "PAK", "INDMIL", "asserted")},
        ),
        # Protests are coded by their aim.
        (
            "Thousands of students marched in Buenos Aires against cuts to university funding.",
            {("1412", "ARGEDU", None, "asserted")},
        ),
        # "Would not" cooperate is a rejection as well as a negated act.
        (
            "Iran said it would not negotiate with the United States.",
            {("046", "IRN", "USA", "negated"), ("125", "IRN", "USA", "asserted")},
        ),
    ],
)
def test_codes_of_intentions_appeals_and_roles(
    code_text: CodeText, text: str, expected: set[tuple[str, str | None, str | None, str]]
) -> None:
    triples = _triples(_events(code_text, text))
    assert expected <= triples, triples


def test_sports_reports_code_no_force(code_text: CodeText) -> None:
    events = _events(code_text, "Spain beat England 2-1 in the final in Berlin on Sunday.")
    assert not any(e["cameo"][:2] in ("17", "18", "19", "20") for e in events)


def test_remembered_events_are_not_coded(code_text: CodeText) -> None:
    text = (
        "Duda laid a wreath at the Warsaw Uprising monument to mark the anniversary of the revolt."
    )
    assert not any(e["cameo"].startswith("14") for e in _events(code_text, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Civil society a state's forces act on is their own country's.
        (
            "Kenya's army commander threatened to arrest opposition leader John Mwangi.",
            {("137", "KENMIL", "KENOPP", "asserted"), ("173", "KENMIL", "KENOPP", "possible")},
        ),
        # "troops" of no country is what is sent; Somalia is where to.
        (
            "Egypt deployed troops to Somalia as part of a peacekeeping mission.",
            {("074", "EGY", "SOM", "asserted")},
        ),
        # An investigation is coded by what it is into.
        (
            "Brazil's police opened an investigation into alleged corruption.",
            {("091", "BRACOP", None, "asserted")},
        ),
        # A subject that names no one or nothing negates the event.
        (
            "Neither Greece nor Turkey has sent warships to the island.",
            {("150", "GRC", None, "negated"), ("150", "TUR", None, "negated")},
        ),
        ("No aid has been delivered to Gaza by Egypt.", {("070", "EGY", "PSE", "negated")}),
        # Flying things somewhere is no visit.
        ("Chile flew blankets and food to Bolivia.", {("073", "CHL", "BOL", "asserted")}),
        # A refusal is coded by what is refused.
        (
            "The IMF declined to release a loan to Pakistan.",
            {("1221", "IGOIMF", "PAK", "asserted")},
        ),
        # The subject of "became the first country to ..." does it.
        (
            "Belgium became the first country to recognise the government of Kosovo.",
            {("054", "BEL", "XKXGOV", "asserted")},
        ),
        # A particle verb's "at" names whom it is aimed at.
        (
            "Colombia's president lashed out at Washington on Monday.",
            {("111", "COLGOV", "USA", "asserted")},
        ),
        # Leaving talks halts negotiations with whom they were with.
        (
            "The M23 rebels pulled out of peace talks with Congo's government on Monday.",
            {("164", "CODREBM23", "CODGOV", "asserted")},
        ),
        # "his detention" is done to him: the hunger strike is the only event.
        (
            "Jailed opposition politician Ahmed Saleh began a hunger strike in Tunis"
            " to protest against his detention.",
            {("1422", "TUNOPP", None, "asserted")},
        ),
        # The UN mission is the UN's peacekeepers, not a new code built from "mission".
        (
            "Mali's military government ordered the UN peacekeeping mission out of the country.",
            {("1661", "MLIGOV", "IGOUNOPKO", "asserted")},
        ),
        # Coordinated nationalities of two words each make two actors.
        (
            "Indian and Sri Lankan coast guards exchanged information on Tuesday.",
            {("064", "INDCOP", "LKACOP", "asserted"), ("064", "LKACOP", "INDCOP", "asserted")},
        ),
        # Insurgents of no named country who strike a place are that place's.
        (
            "Insurgents shelled the Syrian city of Aleppo overnight.",
            {("194", "SYRINS", "SYR", "asserted")},
        ),
        # An intention to cooperate stands for the act, which is not coded as well.
        (
            "The Kremlin said Putin was ready to meet Zelensky.",
            {("036", "RUSGOV", "UKRGOV", "asserted")},
        ),
        ("Ghana agreed to free two Togolese soldiers.", {("0353", "GHA", "TGOMIL", "asserted")}),
        # A demand stands for the act it demands, which is not coded as well.
        (
            "Congo demanded on Tuesday that Rwanda withdraw its troops.",
            {("106", "COD", "RWA", "asserted")},
        ),
        # A weapon planted by someone: the planter is not also the target.
        (
            "Militants planted a roadside bomb in Balochistan.",
            {("1833", "PAKINS", None, "asserted")},
        ),
        # A gunfight is small-arms fire.
        (
            "Colombian troops fought ELN rebels in a gunfight in Cauca.",
            {("193", "COLMIL", "COLREBELN", "asserted")},
        ),
        # An event recalled as the background years back is history, not news.
        (
            "Kenya restored ties with Somalia two years after Somali militants attacked a mall.",
            {("050", "KEN", "SOM", "asserted")},
        ),
        # The weapon fired is not the target.
        (
            "North Korea fired two artillery shells at South Korea on Thursday.",
            {("194", "PRK", "KOR", "asserted")},
        ),
        (
            "The United States paused all military aid to Ukraine.",
            {("1622", "USA", "UKR", "asserted")},
        ),
        (
            "China's coast guard blocked two Philippine supply boats on Saturday.",
            {("191", "CHNCOP", "PHL", "asserted")},
        ),
        # A rejection is coded by what the rejected offer or call was to do.
        (
            "India turned down an offer by the United States to mediate on Kashmir.",
            {("126", "IND", "USA", "asserted")},
        ),
        # Troops massed near a border are aimed at the country across it.
        (
            "Ethiopia massed troops near its border with Eritrea.",
            {("154", "ETH", "ERI", "asserted")},
        ),
        # A warning is coded by what it warns of: walking away from talks is 134.
        (
            "Ukraine's president warned that Kyiv would walk away from peace talks with Russia.",
            {("134", "UKRGOV", "RUS", "asserted"), ("164", "UKRGOV", "RUS", "possible")},
        ),
        # A measure is aimed at whoever it belongs to.
        (
            "French rail unions staged a strike against the government's pension reform.",
            {("1432", "FRALAB", "FRAGOV", "asserted")},
        ),
        # "..., killing 20 children" is what the bombing did, not a second attack.
        (
            "Myanmar's air force bombed a village in Sagaing on Monday, killing 20 people.",
            {("195", "MMRMIL", "MMR", "asserted")},
        ),
        # Sweeping into a city is taking it.
        ("Syrian rebels swept into Aleppo on Saturday.", {("192", "SYRREB", "SYR", "asserted")}),
        # The kind of aid makes an aid code specific.
        (
            "Lebanon's prime minister appealed to Qatar for financial help.",
            {("0231", "LBNGOV", "QAT", "asserted")},
        ),
        # "Al-Qaeda-linked" militants are linked to al-Qaeda, not al-Qaeda itself.
        (
            "Al-Qaeda-linked militants attacked an army post in central Mali.",
            {("180", "MLIINS", "MLIMIL", "asserted")},
        ),
        # Meeting in a country neither side is from is a meeting at a third location.
        (
            "US Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov"
            " in Riyadh on Tuesday.",
            {("044", "USAGOV", "RUSGOV", "asserted")},
        ),
        # The second of two coordinated intended acts is intended too.
        (
            "Turkey pledged on Monday to help train and equip Syria's new army.",
            {("0312", "TUR", "SYRMIL", "asserted")},
        ),
        # Telling someone what they must do is a demand, coded by what it demands.
        (
            "Rwanda was told by the United States on Tuesday that it must pull its troops out.",
            {("106", "USA", "RWA", "asserted")},
        ),
        # The conjuncts of a modifier modify the head too: "search and rescue teams".
        (
            "Spain sent search and rescue teams to Morocco on Sunday.",
            {("073", "ESP", "MAR", "asserted")},
        ),
        # Police put on alert is a police alert (151); protests are demonstrations (141).
        (
            "Nigerian police put officers across Abuja on high alert on Sunday.",
            {("151", "NGACOPNPF", None, "asserted")},
        ),
        ("Kenyan activists held protests in Nairobi.", {("141", "KENCVL", None, "asserted")}),
        # A state's forces bombing a market is an air strike.
        (
            "Ethiopia's air force bombed a market in the Amhara region.",
            {("195", "ETHMIL", None, "asserted")},
        ),
        # "Return to dialogue" is to resume talks: an appeal to meet, not for a release.
        (
            "China urged India and Pakistan on Thursday to return to dialogue.",
            {("026", "CHN", "IND", "asserted"), ("026", "CHN", "PAK", "asserted")},
        ),
        # An appeal to accept mediation is 028.
        (
            "Ankara urged Ethiopia and Somalia to accept Turkish mediation in their dispute.",
            {("028", "TURGOV", "ETH", "asserted"), ("028", "TURGOV", "SOM", "asserted")},
        ),
        # "Its" forces in a report are the reporter's.
        (
            "Turkey's defence ministry said its warplanes had struck targets in northern Iraq.",
            {("195", "TURMIL", "IRQ", "asserted")},
        ),
        # "It" in what someone denies is the denier.
        (
            "Belarus denied on Friday that it was massing troops on its border with Ukraine.",
            {("154", "BLR", "UKR", "negated")},
        ),
        # Blocking a package of measures is a veto; blocking a platform is censorship.
        (
            "Hungary blocked the EU's next package of sanctions against Russia.",
            {("129", "HUN", "IGOEUREEC", "asserted")},
        ),
        (
            "Pakistan's government blocked access to the social media platform X on Saturday.",
            {("1721", "PAKGOV", None, "asserted")},
        ),
        # Whom one condemns "for" doing something is the one who did it.
        (
            "Pakistan condemned India for violating the ceasefire.",
            {("111", "PAK", "IND", "asserted"), ("196", "IND", None, "asserted")},
        ),
        # What a proposal proposes has not happened.
        (
            "Mexico's president rejected a US proposal to deploy American troops in Mexico.",
            {("125", "MEXGOV", "USA", "asserted"), ("154", "USA", "MEX", "possible")},
        ),
        # A resolution speaks for whoever adopted it.
        (
            "The UN Security Council adopted a resolution demanding a ceasefire in Sudan.",
            {("107", "IGOUNOSC", "SDN", "asserted")},
        ),
        # Regaining control of a place is taking it, from whom it is taken.
        (
            "Sudan's army regained control of the presidential palace from the RSF on Friday.",
            {("192", "SDNMILSAF", "SDNREBRSF", "asserted")},
        ),
        # Where a march goes is not whom it is aimed at.
        (
            "Thousands of Serbian students marched to Novi Sad on Saturday.",
            {("141", "SRBEDU", None, "asserted")},
        ),
        # Missiles launched at someone are an attack, not a show of force.
        (
            "Russia launched more than 400 drones and 40 missiles at Ukraine overnight.",
            {("195", "RUS", "UKR", "asserted")},
        ),
        # Ordering foreign troops to leave is an expulsion.
        (
            "Chad ordered French troops to leave the country by the end of January.",
            {("166", "TCD", "FRAMIL", "asserted")},
        ),
        # When or why an act happened does not say what it is about: no military aid here.
        (
            "The African Union suspended Niger's membership after the military coup.",
            {("160", "IGOAU", "NER", "asserted")},
        ),
        # Telephoning someone is a call (041); its purpose is the same event.
        (
            "Turkish President Recep Tayyip Erdogan telephoned Russian President Vladimir Putin"
            " on Tuesday to discuss trade.",
            {("041", "TURGOV", "RUSGOV", "asserted")},
        ),
        # A visit is 042 only: the host's 043 is not coded as well.
        (
            "Indian Prime Minister Narendra Modi visited Moscow.",
            {("042", "INDGOV", "RUSGOV", "asserted")},
        ),
    ],
)
def test_codes_and_roles_exactly(
    code_text: CodeText, text: str, expected: set[tuple[str, str | None, str | None, str]]
) -> None:
    assert _triples(_events(code_text, text)) == expected
