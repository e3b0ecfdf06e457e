"""``thucydides/1`` JSON Lines: the stored records exactly as they were coded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jsonschema

from thucydides.errors import InputError, Msg
from thucydides.export.typed import json_lines
from thucydides.output import schema


def write_jsonl(lines: Iterable[str], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as sink:
        for line in lines:
            sink.write(line + "\n")
            count += 1
    return count


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a ``thucydides/1`` file, each checked against the shipped schema."""
    for where, record in json_lines(path):
        try:
            jsonschema.validate(record, schema())
        except jsonschema.ValidationError as exc:
            raise InputError(where, Msg.E042, kind="thucydides/1", detail=exc.message) from exc
        yield record
