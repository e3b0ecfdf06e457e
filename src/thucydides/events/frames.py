"""CAMEO frames: how the events of a code take their roles, read from ``frames.tsv``.

A row gives a code prefix (a root "18" or a code "045") and its properties. Flags hold for
every code under the prefix; values (``name=value``) for the row's own code alone, since the
codes under it are already specific. A code's frame gathers the flags of every row that is a
prefix of it and the values of the row that is the code itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Literal, get_args

from thucydides.errors import ConfigError, Msg
from thucydides.resources import data_path, read_tsv

ActKind = Literal["appeal", "demand", "threat", "rejection", "accusation"]
Refinement = Literal["protest_aim", "aid_kind", "aid_kind_sibling", "investigation", "weapon"]
FRAMES_FILE = ("events", "frames.tsv")


@dataclass(frozen=True, slots=True)
class Frame:
    """The properties of one code (see the header of ``frames.tsv`` for each)."""

    territorial: bool = False
    aimed: bool = False
    theme_object: bool = False
    complement_recipient: bool = False
    mutual: bool = False
    cooperative: bool = False
    violent: bool = False
    force: bool = False
    statement: bool = False
    asks: bool = False
    protest_purpose: bool = False
    protest: bool = False
    stands_for_act: bool = False
    visit: bool = False
    unaimed: bool = False
    belligerents: bool = False
    belligerent_actors: bool = False
    third_party: bool = False
    act: ActKind | None = None
    refine: Refinement | None = None
    third_location: str | None = None
    yields_to: str | None = None


FLAGS = frozenset(f.name for f in fields(Frame) if f.type == "bool")
VALUES = frozenset(f.name for f in fields(Frame)) - FLAGS
_NO_FRAME = Frame()


@dataclass(frozen=True)
class Frames:
    """The rows of ``frames.tsv`` (prefix → flags, prefix → values) and the frame of every
    code of the codebook."""

    flags: Mapping[str, frozenset[str]]
    values: Mapping[str, Mapping[str, str]]
    by_code: Mapping[str, Frame]

    def of(self, code: str) -> Frame:
        """The frame of ``code``, found by its prefixes."""
        known = self.by_code.get(code)
        return known if known is not None else _frame(code, self.flags, self.values)

    def generic(self, act: ActKind) -> str:
        """The code of an act about acts not yet made specific: ``appeal`` → 020."""
        return next(code for code, values in self.values.items() if values.get("act") == act)


def _frame(
    code: str, flags: Mapping[str, frozenset[str]], values: Mapping[str, Mapping[str, str]]
) -> Frame:
    """The flags of every row prefixing ``code``, and its own row's values."""
    own = {
        name: True for length in range(2, len(code) + 1) for name in flags.get(code[:length], ())
    }
    if not own and code not in values:
        return _NO_FRAME
    return replace(_NO_FRAME, **own, **values.get(code, {}))  # type: ignore[arg-type]


def read_frames(rows: list[dict[str, str]], codes: frozenset[str], where: str) -> Frames:
    """Frames from the rows of a frames table, every prefix and property checked."""
    flags: dict[str, frozenset[str]] = {}
    values: dict[str, dict[str, str]] = {}
    for row in rows:
        prefix = row["prefix"]
        if prefix not in codes:
            raise ConfigError(Msg.E021, path=where, detail=f"unknown CAMEO code {prefix}")
        own_flags: set[str] = set()
        own_values: dict[str, str] = {}
        for word in row["properties"].split():
            name, _, value = word.partition("=")
            _check_property(name, value, codes, where)
            if value:
                own_values[name] = value
            else:
                own_flags.add(name)
        flags[prefix] = frozenset(own_flags)
        values[prefix] = own_values
    return Frames(flags, values, {code: _frame(code, flags, values) for code in codes})


def _check_property(name: str, value: str, codes: frozenset[str], where: str) -> None:
    allowed: dict[str, tuple[str, ...]] = {
        "act": get_args(ActKind),
        "refine": get_args(Refinement),
    }
    if (name in FLAGS and not value) or (
        name in VALUES and value and (value in allowed[name] if name in allowed else value in codes)
    ):
        return
    raise ConfigError(Msg.E021, path=where, detail=f"bad frame property {name}={value}")


@cache
def load_frames(codes: frozenset[str]) -> Frames:
    """``frames.tsv``, checked against ``codes`` (the codebook's)."""
    path = data_path(*FRAMES_FILE)
    return read_frames(read_tsv(path), codes, str(path))
