"""CSV and Excel downloads of comments with their themes, themes, and actions.

Only redacted text leaves the app. Cells that a spreadsheet would run as a formula (starting
with = + - @, or a tab or carriage return) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook

from feedback_app.actions.forms import PARTICIPATION_LABELS, STATUS_LABELS
from feedback_app.actions.services import service_actions
from feedback_app.extensions import db
from feedback_app.models import Comment, CommentTheme, Theme
from feedback_app.themes.services import SOURCE_NAMES, active_themes

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORTS = ("comments", "themes", "actions")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _comment_rows(service_id: int) -> Iterator[list[Any]]:
    yield ["Comment id", "Received", "Source", "Comment (identifiers removed)", "Main theme",
           "Other themes", "FFT answer", "Sentiment", "Risk flag"]
    names: dict[int, list[tuple[bool, str]]] = defaultdict(list)
    for comment_id, is_primary, name in db.session.execute(
        sa.select(CommentTheme.comment_id, CommentTheme.is_primary, Theme.name)
        .join(Theme, Theme.id == CommentTheme.theme_id)
        .where(Theme.service_id == service_id, Theme.is_hidden.is_(False),
               Theme.merged_into_id.is_(None))
    ):
        names[comment_id].append((is_primary, name))
    comments = db.session.scalars(
        sa.select(Comment).where(Comment.service_id == service_id).order_by(Comment.received_at)
    )
    for c in comments:
        themes = sorted(names.get(c.id, []), key=lambda pair: not pair[0])
        yield [c.id, c.received_at.date().isoformat(), SOURCE_NAMES.get(c.source, c.source),
               c.redacted_text, themes[0][1] if themes else "",
               "; ".join(n for _, n in themes[1:]), c.fft_answer or "",
               round(c.sentiment, 3) if c.sentiment is not None else "", c.risk_level]


def _theme_rows(service_id: int) -> Iterator[list[Any]]:
    yield ["Theme id", "Name", "Description", "Comments", "Mean sentiment", "Origin",
           "Top terms"]
    for t in active_themes(service_id):
        yield [t.id, t.name, t.description, t.size, round(t.sentiment, 3), t.origin,
               ", ".join(t.top_terms or [])]


def _action_rows(service_id: int) -> Iterator[list[Any]]:
    yield ["Action id", "What will change", "Detail", "Themes", "Owner", "Due", "Status",
           "Why not possible", "Progress %", "How people took part", "Done on", "Public"]
    for a in service_actions(service_id):
        yield [a.id, a.title, a.description, "; ".join(t.name for t in a.themes), a.owner,
               a.due_date.isoformat() if a.due_date else "", STATUS_LABELS.get(a.status, a.status),
               a.reason_not_possible, a.progress_pct,
               PARTICIPATION_LABELS.get(a.participation_level, a.participation_level),
               a.done_on.isoformat() if a.done_on else "", "Yes" if a.published else "No"]


def export_rows(service_id: int, what: str) -> Iterable[list[Any]]:
    rows = {"comments": _comment_rows, "themes": _theme_rows, "actions": _action_rows}[what]
    for row in rows(service_id):
        yield [neutralise(v) for v in row]


def to_csv(rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def to_xlsx(rows: Iterable[list[Any]], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
