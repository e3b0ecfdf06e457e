"""User actor dictionaries, loaded with ``--actors FILE``; their entries override ours.

Three formats are read, chosen by the file name:

1. ``.yaml``/``.yml`` — the project's own format::

       actors:
         - name: Shafqat Ali Khan          # the canonical name (also an alias)
           aliases: [Shafqat Khan]
           country: PAK                    # ISO3, or IGO / NGO
           sector: GOV                     # CAMEO/PLOVER agent code
           role: Foreign Office spokesperson
           code: PAKGOV                    # optional; default country + sector
           start: 2024-12-01               # optional term of office
           end: 2025-09-30
       sectors:
         - code: MIL
           nouns: [rangers, frontier corps]

2. ``.csv`` — one row per alias with the columns ``alias, country, sector, name, role,
   code, start, end``; a row with ``type`` = ``sector`` maps the noun in ``alias`` to the
   sector in ``sector``.

3. anything else — TABARI/PETRARCH actor and agent dictionaries: ``NAME [CODE]`` lines with
   ``+SYNONYM`` lines and dated code blocks (``[CODE <950601]``, ``[CODE 19950601 -
   19990815]``, ``[CODE >990816]``); a name not ending in ``_`` matches any word that starts
   with its last word; ``[---]`` and ``[+++]`` discard. Agent lines ``NOUN {PLURALS}
   [~CODE]`` (or ``[CODE~]``) with ``!MACRO! = A, B`` substitutions give sector nouns.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from thucydides.actors.kb import (
    PREFIX_MARK,
    AliasKind,
    Entry,
    UserEntries,
    as_date,
    person_entry,
)
from thucydides.errors import ConfigError, Msg
from thucydides.model import Actor

DISCARD_CODES = frozenset({"---", "+++", "###"})
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_MACRO = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$")


def load_user_dictionary(path: Path) -> UserEntries:
    """Read one user dictionary; a file that cannot be read or parsed is a ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Msg.E021, path=path, detail=exc) from exc
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            return _from_yaml(yaml.safe_load(text) or {})
        if suffix == ".csv":
            return _from_csv(text)
        return _from_petrarch(text)
    except (KeyError, ValueError, TypeError, yaml.YAMLError) as exc:
        raise ConfigError(Msg.E021, path=path, detail=exc) from exc


# ---- own formats --------------------------------------------------------------------------


def _user_actor(row: dict[str, Any]) -> Entry:
    """A person when the row has a role or a term of office, else a named body."""
    entry = person_entry(row)
    kind: AliasKind = "person" if row.get("role") or row.get("start") else "body"
    code = str(row["code"]) if row.get("code") else entry.actor.code
    return Entry(replace(entry.actor, code=code, kind=kind), kind, entry.start, entry.end)


def _from_yaml(data: dict[str, Any]) -> UserEntries:
    aliases: list[tuple[str, Entry]] = []
    for row in data.get("actors", []) or []:
        entry = _user_actor(row)
        for alias in [row["name"], *row.get("aliases", [])]:
            aliases.append((str(alias), entry))
    nouns = [
        (str(noun), str(row["code"]))
        for row in data.get("sectors", []) or []
        for noun in row.get("nouns", [])
    ]
    return UserEntries(tuple(aliases), tuple(nouns))


def _from_csv(text: str) -> UserEntries:
    aliases: list[tuple[str, Entry]] = []
    nouns: list[tuple[str, str]] = []
    for row in csv.DictReader(text.splitlines()):
        clean = {k.strip(): (v.strip() or None) for k, v in row.items() if k and v is not None}
        if clean.get("type") == "sector":
            nouns.append((str(clean["alias"]), str(clean["sector"])))
            continue
        clean.setdefault("name", clean["alias"])
        aliases.append((str(clean["alias"]), _user_actor(clean)))
    return UserEntries(tuple(aliases), tuple(nouns))


# ---- TABARI / PETRARCH ------------------------------------------------------------------------


@dataclass
class _PetrarchEntry:
    names: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)


def _strip_comments(text: str) -> Iterator[str]:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    for line in text.splitlines():
        yield line.split("#", 1)[0].rstrip()


def _from_petrarch(text: str) -> UserEntries:
    macros: dict[str, list[str]] = {}
    entries: list[_PetrarchEntry] = []
    nouns: list[tuple[str, str]] = []
    for line in _strip_comments(text):
        if not line.strip():
            continue
        macro = _MACRO.match(line.strip())
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        if "~" in line:
            nouns.extend(_agent_nouns(line.strip(), macros))
            continue
        stripped = line.strip()
        if stripped.startswith("+") and entries:
            entries[-1].names.append(stripped[1:].strip())
        elif line[0].isspace() and stripped.startswith("[") and entries:
            entries[-1].blocks.extend(_CODE_BLOCK.findall(stripped))
        else:
            name = _CODE_BLOCK.split(stripped)[0].strip()
            entries.append(_PetrarchEntry([name], _CODE_BLOCK.findall(stripped)))
    aliases = [
        (alias, entry)
        for item in entries
        for entry in _petrarch_entries(item)
        for alias in (_petrarch_alias(n) for n in item.names if n)
    ]
    return UserEntries(tuple(aliases), tuple(nouns))


def _petrarch_alias(name: str) -> str:
    """``ARNOR_`` is the exact word; ``ARGENTIN`` a prefix of the last word. PETRARCH
    writes every name in capitals, so they are names, not acronyms to match in that case
    only."""
    if name.endswith("_"):
        return name.rstrip("_").title()
    return name.title() + PREFIX_MARK


def _petrarch_entries(item: _PetrarchEntry) -> Iterator[Entry]:
    for block in item.blocks:
        code, start, end = _code_and_dates(block)
        if not code or code in DISCARD_CODES:
            continue
        country = code[:3]
        sector = code[3:6] if len(code) >= 6 else None
        # A bare three-letter code is a country (or a country-like actor): it composes with
        # sector nouns and coordination the way our own countries do.
        kind: AliasKind = "country" if len(code) == 3 else "body"
        actor = Actor(
            code=code,
            country=country,
            sector=sector,
            name=item.names[0].replace("_", " ").strip().title(),
            kind=kind,
        )
        yield Entry(actor, kind, start, end)


def _code_and_dates(block: str) -> tuple[str, date | None, date | None]:
    parts = block.replace("\t", " ").split()
    if not parts:
        return "", None, None
    code = parts[0].split("/")[0].upper()
    rest = " ".join(parts[1:])
    if rest.startswith("<"):
        return code, None, _petrarch_date(rest[1:])
    if rest.startswith(">"):
        return code, _petrarch_date(rest[1:]), None
    if "-" in rest:
        first, second = rest.split("-", 1)
        return code, _petrarch_date(first), _petrarch_date(second)
    return code, None, None


def _petrarch_date(value: str) -> date | None:
    digits = re.sub(r"\D", "", value)
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{1900 + year if year >= 30 else 2000 + year}{digits[2:]}"
    if len(digits) != 8:
        return None
    return as_date(f"{digits[:4]}-{digits[4:6]}-{digits[6:]}")


def _agent_nouns(line: str, macros: dict[str, list[str]]) -> Iterator[tuple[str, str]]:
    blocks = _CODE_BLOCK.findall(line)
    if not blocks:
        return
    sector = blocks[0].replace("~", "").strip().upper()
    head = _CODE_BLOCK.split(line)[0]
    plurals_match = re.search(r"\{([^}]*)\}", head)
    name = re.sub(r"\{[^}]*\}", "", head).strip()
    forms = _expand_macros(name, macros)
    for form in forms:
        yield form, sector
        if plurals_match is None:
            yield _plural(form), sector
    if plurals_match is not None:
        for plural in plurals_match.group(1).split(","):
            if plural.strip():
                yield plural.strip().replace("_", " "), sector


def _expand_macros(name: str, macros: dict[str, list[str]]) -> list[str]:
    forms = [name]
    for macro, words in macros.items():
        forms = (
            [f.replace(macro, w) for f in forms for w in words]
            if any(macro in f for f in forms)
            else forms
        )
    return [f.replace("_", " ").strip() for f in forms]


def _plural(noun: str) -> str:
    words = noun.split()
    last = words[-1]
    lower = last.lower()
    if lower.endswith("man"):
        plural = last[:-3] + ("MEN" if last.isupper() else "men")
    elif lower.endswith("y") and lower[-2:-1] not in "aeiou":
        plural = last[:-1] + ("IES" if last.isupper() else "ies")
    elif lower.endswith(("s", "x", "ch", "sh")):
        plural = last + ("ES" if last.isupper() else "es")
    else:
        plural = last + ("S" if last.isupper() else "s")
    return " ".join([*words[:-1], plural])
