"""Calendar helpers shared by the ingest and time stages."""

from __future__ import annotations

from datetime import date


def parse_iso_date(value: str) -> date:
    """Parse ``YYYY-MM-DD`` (raises ``ValueError`` otherwise)."""
    return date.fromisoformat(value.strip())
