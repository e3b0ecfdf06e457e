"""The corpus store: SQLite with WAL, schema migrations and full-text search.

:class:`Store` opens (or creates) a store and gives its one :class:`StoreWriter` and its
:class:`StoreReader`; :meth:`Store.merge` merges repeated reports of one event.
"""

from __future__ import annotations

from pathlib import Path

from thucydides.store.merge import MergePlan, MergeSettings
from thucydides.store.reader import EventFilter, EventRow, StoreCounts, StoreReader
from thucydides.store.schema import connect
from thucydides.store.writer import StoreWriter, content_hash

__all__ = [
    "EventFilter",
    "EventRow",
    "MergeSettings",
    "Store",
    "StoreCounts",
    "StoreReader",
    "StoreWriter",
    "content_hash",
]


DEFAULT_MERGE = MergeSettings()


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = connect(path)
        self.writer = StoreWriter(self.connection, DEFAULT_MERGE)
        self.reader = StoreReader(self.connection)

    def merge(self, settings: MergeSettings = DEFAULT_MERGE, rebuild: bool = False) -> MergePlan:
        """Merge the events not merged yet (all of them with ``rebuild``) and store the result."""
        return self.writer.merge(settings, rebuild)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
