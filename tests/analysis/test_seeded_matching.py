"""Comments land under the Talking Therapies theme a lead would file them under, and feedback
about other things (parking, hospital food) stays out of those themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.taxonomy import IAPT_TAXONOMY, OTHER_TOPICS
from analysis.themes import ThemeModel

TALKING_THERAPIES = [
    "I was referred in January and I'm still on the waiting list in June.",
    "Nobody got in touch at all while I waited for therapy to start.",
    "Having to do the questionnaires at the start of every session was tiring.",
    "My therapist was kind and I feel like myself again.",
    "We ran out of sessions just as things were getting better.",
]

# Written for this test, not taken from the seeds or the evaluation file.
LANDS_IN = [
    ("Filling in the PHQ-9 every week", "measurement_pressure"),
    ("Filling in the PHQ-9 every week felt like a box-ticking exercise.", "measurement_pressure"),
    ("The GAD-7 questionnaire every session", "measurement_pressure"),
    ("I really wanted EMDR, not CBT.", "non_cbt_wish"),
    ("There was no interpreter at my appointment.", "cultural_language_matching"),
    ("I was on the waiting list for nine months.", "waiting_distress"),
    ("Six sessions were not enough.", "session_limits"),
    ("I had to tell my story to three different assessors.", "repeated_assessment"),
    ("The online course was too basic.", "digital_group_options"),
    ("My therapist was brilliant.", "staff_praise"),
]


@pytest.fixture
def iapt_model(texts: list[str]) -> ThemeModel:
    """The Talking Therapies taxonomy over the fixture topics plus a few therapy comments."""
    return ThemeModel(taxonomy="iapt", k=4, random_state=0).fit(texts + TALKING_THERAPIES)


@pytest.mark.parametrize(("comment", "theme"), LANDS_IN, ids=[t for _, t in LANDS_IN])
def test_comment_lands_in_the_theme_a_lead_expects(
    iapt_model: ThemeModel, comment: str, theme: str
) -> None:
    [a] = iapt_model.assign([comment])
    assert a.primary == theme, a


def test_phq9_comment_is_filed_under_measurement_pressure_when_fitted(
    texts: list[str],
) -> None:
    comment = "Filling in the PHQ-9 every week felt like a test I could fail."
    model = ThemeModel(taxonomy="iapt", k=4, random_state=0).fit([*texts, comment])
    assert model.assignments_[-1].primary == "measurement_pressure"
    assert model.assignments_[-1].scores["measurement_pressure"] >= 0.5


@pytest.mark.parametrize("comment", [
    "The parking was awful.",
    "The waiting room was warm.",
    "On time.",
    "The hospital food was cold.",
])
def test_other_feedback_is_left_to_discovery(iapt_model: ThemeModel, comment: str) -> None:
    [a] = iapt_model.assign([comment])
    assert a.primary not in {theme.key for theme in IAPT_TAXONOMY}, a


def test_unrelated_topics_are_not_swallowed(iapt_model: ThemeModel, texts: list[str]) -> None:
    taxonomy = {theme.key for theme in IAPT_TAXONOMY}
    taken = [t for t, a in zip(texts, iapt_model.assignments_, strict=False)
             if taxonomy & set(a.themes)]
    assert not [t for t in taken if "park" in t.lower() or "food" in t.lower()]
    assert len(taken) <= 0.05 * len(texts), taken


def test_a_moved_comment_teaches_a_taxonomy_theme(iapt_model: ThemeModel) -> None:
    comment = "The clinic's lift was broken so I missed my session."
    index = len(iapt_model.texts_)
    model = ThemeModel(taxonomy="iapt", k=4, random_state=0).fit([*iapt_model.texts_, comment])
    model.move([index], "appointment_access")
    [a] = model.assign(["The clinic's lift was broken, so I missed my session."])
    assert a.primary == "appointment_access"


def test_save_and_load_keep_the_matching(iapt_model: ThemeModel, tmp_path: Path) -> None:
    comments = [comment for comment, _ in LANDS_IN] + ["The parking was awful."]
    before = [a.primary for a in iapt_model.assign(comments)]
    iapt_model.save(tmp_path / "model.joblib")
    after = [a.primary for a in ThemeModel.load(tmp_path / "model.joblib").assign(comments)]
    assert after == before


def test_model_saved_before_nearest_seed_matching_still_assigns(
    iapt_model: ThemeModel,
) -> None:
    # A model fitted by the previous version has neither attribute: it keeps centroid
    # matching (cosine >= seed_threshold), as it was fitted.
    del iapt_model._taxonomy_seeds
    del iapt_model._other_vectors
    [a] = iapt_model.assign(["I was on the waiting list for nine months."])
    assert a.primary == "waiting_distress"


def test_other_topics_are_not_seeds() -> None:
    seeds = {seed.lower() for theme in IAPT_TAXONOMY for seed in theme.seeds}
    assert len(OTHER_TOPICS) >= 50
    assert not seeds & {topic.lower() for topic in OTHER_TOPICS}
