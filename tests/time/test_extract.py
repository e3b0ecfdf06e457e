"""Finding time expressions in text and dating events by clause and narrative."""

from __future__ import annotations

from datetime import date

from tests.conftest import CodeText
from thucydides import record_json

SEED_LIKE = (
    "During his weekly media briefing on Friday, August 8, 2025, he expressed this stance "
    "after a short but fierce military conflict in May. "
    "There have been no meaningful interactions since their four-day battle in May. "
    "Citing the 1972 Simla Agreement, India refuses mediation."
)


def test_seed_expressions(code_text: CodeText) -> None:
    timexes = record_json(code_text(SEED_LIKE, date(2025, 8, 9)))["timexes"]
    values = {t["text"]: (t["type"], t["value"]) for t in timexes}
    assert values["Friday, August 8, 2025"] == ("DATE", "2025-08-08")
    assert values["May"] == ("DATE", "2025-05")
    assert values["four-day"] == ("DURATION", "P4D")
    assert values["1972"] == ("DATE", "1972")
    assert values["weekly"] == ("SET", "P1W")
    for timex in timexes:
        start, end = timex["span"]
        assert SEED_LIKE[start:end] == timex["text"]


def test_narrative_reference_time_of_a_period_start(code_text: CodeText) -> None:
    text = (
        "The crisis started on April 22, 2025, when gunmen killed 26 tourists in Pahalgam. "
        "The Indus Waters Treaty was suspended when India accused Pakistan of aiding "
        "the attack."
    )
    events = record_json(code_text(text, date(2025, 8, 9)))["events"]
    dates = {e["cameo"][:2]: (e["date"]["value"], e["date"]["source"]) for e in events}
    assert dates["11"] == ("2025-04", "narrative")  # the accusation (112 or a subcode)
    assert dates["16"] == ("2025-04", "narrative")  # the suspension


def test_narrative_reference_time_of_a_point(code_text: CodeText) -> None:
    text = (
        "A truce brought the fighting to an end on May 10, 2025, after days of shelling "
        "between India and Pakistan. US officials served as mediators between India and "
        "Pakistan."
    )
    events = record_json(code_text(text, date(2025, 8, 9)))["events"]
    mediation = [e for e in events if e["cameo"] == "045"]
    assert mediation and all(e["date"]["value"] == "2025-05-10" for e in mediation)


def test_no_publication_date_leaves_relative_dates_unresolved(code_text: CodeText) -> None:
    record = record_json(code_text("India accused Pakistan of shelling yesterday.", None))
    assert all(t["text"] != "yesterday" for t in record["timexes"])
    assert any(w.startswith("W001") for w in record["warnings"])


def test_ranges_give_both_ends(code_text: CodeText) -> None:
    text = "Fighting raged between May 7 and 10, 2025, and from 2019 to 2021 talks stalled."
    values = {t["text"]: t["value"] for t in record_json(code_text(text))["timexes"]}
    assert values["May 7"] == "2025-05-07" and values["10"] == "2025-05-10"
    assert values["2019"] == "2019" and values["2021"] == "2021"


def test_recurring_week_day(code_text: CodeText) -> None:
    timexes = record_json(code_text("Protesters gather every Friday outside parliament."))[
        "timexes"
    ]
    assert [(t["text"], t["type"], t["value"]) for t in timexes] == [
        ("every Friday", "SET", "XXXX-WXX-5")
    ]
