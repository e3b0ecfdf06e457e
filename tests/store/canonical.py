"""A canonical dump of a store, for comparing two stores that should hold the same data.

Rowids, timestamps of when something was coded or ingested, and the order rows were written
in depend on the run, not on the data: the dump names every row by its document id and
position instead, leaves the timestamps out and sorts everything.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

# Columns that say when a run happened, not what it stored.
_RUN_COLUMNS = frozenset({"rowid", "coded_at", "ingested_at"})
# Tables keyed by (document, position) whose rows are dumped whole.
_DOCUMENT_LAYERS = ("sentences", "events", "mentions", "timexes", "quotes", "stances")

Dump = dict[str, Any]


def _rows(db: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    cursor = db.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _plain(row: dict[str, Any], *drop: str) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v) for k, v in row.items() if k not in _RUN_COLUMNS | set(drop)))


def same_data(a: Dump, b: Dump) -> bool:
    """Equal dumps but for the engine version of the documents, which another process
    computes afresh (and the code can change under a long test run)."""

    def versionless(d: Dump) -> Dump:
        documents = [tuple(kv for kv in doc if kv[0] != "engine_version") for doc in d["documents"]]
        return {**d, "documents": documents}

    return versionless(a) == versionless(b)


def dump(path: Path) -> Dump:
    """Documents, every coded layer, merged events and their mentions, canonically."""
    with sqlite3.connect(path) as db:
        documents = sorted((_plain(r) for r in _rows(db, "SELECT * FROM documents")), key=repr)
        layers = {
            table: sorted(
                (
                    (r["doc_id"], _plain(r, "doc"))
                    for r in _rows(
                        db,
                        f"SELECT t.*, d.id AS doc_id FROM {table} t "
                        "JOIN documents d ON d.rowid = t.doc",
                    )
                ),
                key=repr,
            )
            for table in _DOCUMENT_LAYERS
        }
        agreements = sorted(
            (
                (r["doc_id"], _plain(r, "doc", "agreement"))
                for r in _rows(
                    db,
                    "SELECT a.*, p.position AS party_position, p.party_code, p.party_text, "
                    "d.id AS doc_id FROM agreements a JOIN documents d ON d.rowid = a.doc "
                    "LEFT JOIN agreement_parties p ON p.agreement = a.rowid",
                )
            ),
            key=repr,
        )
        return {
            "documents": documents,
            "layers": layers,
            "agreements": agreements,
            "merged": merged_events(db),
        }


def merged_events(db: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Each merged event: its columns (its first report named by document and position)
    and the set of (document, position) of its mentions."""
    members: dict[str, list[tuple[str, int]]] = {}
    for merged, doc_id, position in db.execute(
        "SELECT mm.merged, d.id, e.position FROM merged_mentions mm "
        "JOIN events e ON e.rowid = mm.event JOIN documents d ON d.rowid = e.doc"
    ):
        members.setdefault(merged, []).append((doc_id, position))
    result = []
    for row in _rows(
        db,
        "SELECT m.*, d.id AS first_doc, e.position AS first_position FROM merged_events m "
        "LEFT JOIN events e ON e.rowid = m.first_event LEFT JOIN documents d ON d.rowid = e.doc",
    ):
        result.append((_plain(row, "first_event"), tuple(sorted(members.get(row["id"], [])))))
    return sorted(result, key=repr)


def clusters(path: Path) -> set[frozenset[tuple[str, int]]]:
    """The merged events as sets of (document, position): what merging decided."""
    with sqlite3.connect(path) as db:
        return {frozenset(members) for _, members in merged_events(db)}


def integrity_ok(path: Path) -> bool:
    with sqlite3.connect(path) as db:
        ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return ok and db.execute("PRAGMA foreign_key_check").fetchall() == []


def merge_problems(path: Path, all_merged: bool = True) -> list[str]:
    """What is wrong with the merged events of a store that every write leaves merged:
    an asserted event not merged, a merged event whose first report is not one of its
    mentions, or counts that do not count its mentions."""
    checks = {
        "asserted events not merged": """SELECT COUNT(*) FROM events e
            WHERE e.factuality = 'asserted'
            AND e.rowid NOT IN (SELECT event FROM merged_mentions)""",
        "merged events whose first report is not theirs": """SELECT COUNT(*)
            FROM merged_events m WHERE NOT EXISTS (SELECT 1 FROM merged_mentions mm
            WHERE mm.merged = m.id AND mm.event = m.first_event)""",
        "merged events miscounted": """SELECT COUNT(*) FROM merged_events m
            WHERE num_mentions != (SELECT COUNT(*) FROM merged_mentions mm
            WHERE mm.merged = m.id)""",
    }
    if not all_merged:  # a store made before merging
        del checks["asserted events not merged"]
    with sqlite3.connect(path) as db:
        return [
            f"{n} {what}" for what, sql in checks.items() if (n := db.execute(sql).fetchone()[0])
        ]


def copy(source: Path, target: Path) -> Path:
    """A copy of a store, write-ahead log included."""
    with sqlite3.connect(source) as db, sqlite3.connect(target) as copied:
        db.backup(copied)
    return target
