"""Fixtures for the theme engine: small self-written comment sets, no shared data."""

from __future__ import annotations

import itertools
import random
import re
import time
from collections.abc import Callable, Sequence

import pytest

from analysis.themes import ThemeModel

# Topics people write about that the Talking Therapies taxonomy does not name, so that with
# taxonomy="none" (and mostly with "iapt") they are found as emergent themes.
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "parking": (
        ("The car park", "Parking at the clinic", "The parking at the hospital", "Parking"),
        ("was always full", "cost far too much", "had no free spaces", "was a nightmare",
         "made me late for my appointment", "needs more disabled bays"),
    ),
    "phones": (
        ("The phone line", "Ringing the service", "The telephone number", "Calling reception"),
        ("was always engaged", "rang out with nobody answering", "kept me on hold for an hour",
         "never got answered", "cut me off twice", "went to a full voicemail"),
    ),
    "food": (
        ("The food on the ward", "Ward meals", "Hospital food", "The dinners"),
        ("were cold and tasteless", "had no vegetarian choice", "were served far too early",
         "were lovely and hot", "were tasty and filling", "came in tiny portions"),
    ),
    "letters": (
        ("The appointment letter", "My letter", "The letters from the clinic", "Post"),
        ("arrived after the appointment date", "went to my old address",
         "had the wrong time printed", "never arrived at all", "was sent to my neighbour",
         "came two weeks late"),
    ),
}

CONTENTLESS = ["n/a", "Nothing", "ok", "Did not answer", "no comment", "N/A", "Nothing.", "none"]


def make_comments(topic: str, rng: random.Random) -> list[str]:
    """Every subject x predicate sentence of a topic, in a seeded order."""
    subjects, predicates = TOPICS[topic]
    out = [f"{s} {p}." for s, p in itertools.product(subjects, predicates)]
    rng.shuffle(out)
    return out


@pytest.fixture
def corpus() -> dict[str, list[str]]:
    """Comments by topic (24 each) plus contentless answers."""
    rng = random.Random(7)
    out = {topic: make_comments(topic, rng) for topic in TOPICS}
    out["contentless"] = list(CONTENTLESS)
    return out


@pytest.fixture
def texts(corpus: dict[str, list[str]]) -> list[str]:
    """The corpus flattened: 18 comments of each topic and the contentless answers.

    The other 6 of each topic are kept back as "new" feedback for refit tests.
    """
    rows = [t for topic in TOPICS for t in corpus[topic][:18]] + corpus["contentless"]
    random.Random(3).shuffle(rows)
    return rows


@pytest.fixture
def new_texts(corpus: dict[str, list[str]]) -> list[str]:
    """Feedback that arrives later: the 6 kept-back comments of each topic."""
    return [t for topic in TOPICS for t in corpus[topic][18:]]


@pytest.fixture
def fit_model() -> Callable[..., ThemeModel]:
    """A factory: fit a model on texts with test-friendly defaults."""

    def fit(texts: list[str], **params: object) -> ThemeModel:
        params = {"taxonomy": "none", "k": 4, "random_state": 0, **params}
        return ThemeModel(**params).fit(texts)

    return fit


@pytest.fixture
def model(fit_model: Callable[..., ThemeModel], texts: list[str]) -> ThemeModel:
    """Four emergent themes fitted on the corpus."""
    return fit_model(texts)


def topic_of(text: str) -> str | None:
    """The topic a fixture comment was generated from."""
    for topic, (subjects, _) in TOPICS.items():
        if any(text.startswith(s + " ") for s in subjects):
            return topic
    return None


_BASELINE = re.compile(r"\b(?:wait|help|session)\w*")


@pytest.fixture
def cpu_ratio() -> Callable[[Callable[[str], object], Sequence[str]], float]:
    """CPU time of ``fn`` over ``texts`` as a multiple of a baseline over the same texts in the
    same run (lower-casing and one precompiled regex search, as in
    benchmarks/eval_risk_redact.py): a speed check that never asserts on wall-clock time."""

    def cpu(fn: Callable[[str], object], texts: Sequence[str]) -> float:
        start = time.process_time()
        for text in texts:
            fn(text)
        return time.process_time() - start

    def ratio(fn: Callable[[str], object], texts: Sequence[str]) -> float:
        base = max(cpu(lambda t: _BASELINE.search(t.lower()), texts), 1e-4)
        return cpu(fn, texts) / base

    return ratio
