"""Small helpers shared by the model modules."""

from __future__ import annotations

from datetime import UTC, datetime


def now_utc() -> datetime:
    """A callable default, so every row gets the time it was made (not import time)."""
    return datetime.now(UTC).replace(tzinfo=None)
