"""YouSaid analysis: themes, sentiment, risk flags and redaction for free-text feedback.

A pure scikit-learn and nltk library; it never imports Flask or the web app.
"""

from __future__ import annotations

from typing import Any

from analysis.themes import UNASSIGNED, Assignment, Corrections, ThemeInfo, ThemeModel

__all__ = [
    "UNASSIGNED",
    "Assignment",
    "Corrections",
    "Redaction",
    "RiskAssessment",
    "ThemeInfo",
    "ThemeModel",
    "assess_risk",
    "redact",
    "sentiment_label",
    "sentiment_score",
    "sentiment_scores",
]

# Sibling modules written alongside this one are re-exported lazily so that importing the
# theme engine never fails because one of them is missing or still being written.
_LAZY = {
    "assess_risk": "analysis.risk",
    "RiskAssessment": "analysis.risk",
    "redact": "analysis.redact",
    "Redaction": "analysis.redact",
    "sentiment_score": "analysis.sentiment",
    "sentiment_label": "analysis.sentiment",
    "sentiment_scores": "analysis.sentiment",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
