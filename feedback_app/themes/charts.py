"""Small charts drawn on the server as inline SVG: no JavaScript, and they print."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape


def sparkline(values: Sequence[int], width: int = 120, height: int = 24,
              label: str = "") -> Markup:
    """A line of monthly counts; the label says the same thing in words for screen readers."""
    if not values:
        return Markup("")
    top = max(values) or 1
    step = width / max(len(values) - 1, 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (v / top) * (height - 4):.1f}" for i, v in enumerate(values)
    )
    text = label or "Monthly counts: " + ", ".join(str(v) for v in values)
    # Only numbers and escaped text go into these strings.
    return Markup(  # noqa: S704
        f'<svg class="yousaid-sparkline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(text)}">'
        f'<title>{escape(text)}</title>'
        f'<polyline fill="none" stroke="#005eb8" stroke-width="2" points="{points}"/></svg>'
    )


def bar_chart(series: Sequence[tuple[date, int]], width: int = 600, height: int = 160) -> Markup:
    """Monthly bars with month initials underneath; a table beside it carries the numbers."""
    if not series:
        return Markup("")
    top = max(v for _, v in series) or 1
    slot = width / len(series)
    bar = slot * 0.7
    chart_height = height - 20
    parts = []
    for i, (month, value) in enumerate(series):
        h = (value / top) * (chart_height - 14)
        x = i * slot + (slot - bar) / 2
        y = chart_height - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#005eb8">'
            f'<title>{month:%B %Y}: {value}</title></rect>'
        )
        if value:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="10" '
                f'text-anchor="middle">{value}</text>'
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - 6}" font-size="10" '
            f'text-anchor="middle">{month:%b}</text>'
        )
    return Markup(  # noqa: S704 - numbers and month names only
        f'<svg class="yousaid-chart" width="100%" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="Comments each month (numbers in the table below)">'
        + "".join(parts)
        + "</svg>"
    )
