"""``thucydides/1`` JSON Lines: the stored records exactly as they were coded."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jsonschema

from thucydides.errors import InputError, Msg
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
    with path.open(encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
                jsonschema.validate(record, schema())
            except json.JSONDecodeError as exc:
                raise InputError(where, Msg.E006, detail=exc.msg) from exc
            except jsonschema.ValidationError as exc:
                raise InputError(where, Msg.E042, kind="thucydides/1", detail=exc.message) from exc
            yield record
