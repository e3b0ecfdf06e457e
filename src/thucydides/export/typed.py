"""Typed rows to and from the flat values files hold (CSV/TSV strings, JSON, Parquet).

Readers give back the frozen dataclasses the writers were given: each field is converted
by its annotated type (``str``, ``int``, ``float``, ``bool``, ``tuple[str, ...]``, each
possibly ``| None``). In text formats ``None`` is the empty cell. A field with a default
(one added after files were written, such as an event's ``rule``) may be absent from a file
and then takes its default; any other missing field is an error.
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from thucydides.errors import InputError, Msg

T = TypeVar("T")
LIST_SEPARATOR = ";"


_FIELD_TYPES: dict[type, dict[str, tuple[type, bool]]] = {}


def field_types(cls: type) -> dict[str, tuple[type, bool]]:
    """Each field's base type and whether it may be None, in declaration order."""
    if cls not in _FIELD_TYPES:
        _FIELD_TYPES[cls] = _describe(cls)
    return _FIELD_TYPES[cls]


def _describe(cls: type) -> dict[str, tuple[type, bool]]:
    hints = get_type_hints(cls)
    result: dict[str, tuple[type, bool]] = {}
    for item in fields(cls):
        hint = hints[item.name]
        args = get_args(hint)
        optional = get_origin(hint) in (Union, types.UnionType) and type(None) in args
        base = next(a for a in args if a is not type(None)) if optional else hint
        result[item.name] = (get_origin(base) or base, optional)
    return result


def _defaulted(cls: type) -> frozenset[str]:
    """The fields that have a default, which a file may lack."""
    return frozenset(item.name for item in fields(cls) if item.default is not MISSING)


def to_cells(row: object) -> list[str]:
    """A row's values as text cells, in field order."""
    return [_cell(getattr(row, name)) for name in field_types(type(row))]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    return str(value)


def from_cells(cls: type[T], cells: Mapping[str, str], where: str, kind: str) -> T:
    """A row from text cells named by field; a bad cell is an :class:`InputError`."""
    return _build(cls, cells, where, kind, _parse_cell)


def from_values(cls: type[T], values: Mapping[str, Any], where: str, kind: str) -> T:
    """A row from JSON or Parquet values named by field."""
    return _build(cls, values, where, kind, _parse_value)


def _build(
    cls: type[T],
    values: Mapping[str, Any],
    where: str,
    kind: str,
    parse: Callable[[Any, type, bool], object],
) -> T:
    defaulted = _defaulted(cls)
    try:
        converted = {
            name: parse(values[name], base, optional)
            for name, (base, optional) in field_types(cls).items()
            if name in values or name not in defaulted
        }
    except (KeyError, ValueError, TypeError) as exc:
        raise InputError(where, Msg.E042, kind=kind, detail=f"{type(exc).__name__}: {exc}") from exc
    return cls(**converted)


def _parse_cell(text: str, base: type, optional: bool) -> object:
    if text == "" and (optional or base is not str):
        return None if optional else base()
    if base is tuple:
        return tuple(text.split(LIST_SEPARATOR)) if text else ()
    if base is bool:
        return text == "True"
    return base(text)


def _parse_value(value: Any, base: type, optional: bool) -> object:
    if value is None:
        if not optional:
            raise ValueError("missing value")
        return None
    if base is tuple:
        return tuple(str(v) for v in value)
    if base is float and isinstance(value, int):
        return float(value)
    if not isinstance(value, base):
        raise TypeError(f"expected {base.__name__}, got {value!r}")
    return value


def json_lines(path: Path) -> Iterator[tuple[str, Any]]:
    """Each non-blank line of a JSON Lines file, parsed, with where it is (``file:line``)."""
    with path.open(encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(where, Msg.E006, detail=exc.msg) from exc
