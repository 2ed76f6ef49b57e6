import csv
import dataclasses
from pathlib import Path

import pytest

from analysis.taxonomy import IAPT_TAXONOMY, ThemeDefinition, get_taxonomy

EXPECTED_KEYS = {
    "waiting_distress",
    "measurement_pressure",
    "non_cbt_wish",
    "session_limits",
    "cultural_language_matching",
    "appointment_access",
    "repeated_assessment",
    "digital_group_options",
    "staff_praise",
}


def test_iapt_taxonomy_has_the_nine_keys_once_each():
    keys = [theme.key for theme in IAPT_TAXONOMY]
    assert len(keys) == len(set(keys)) == 9
    assert set(keys) == EXPECTED_KEYS


def test_names_are_unique_and_plain():
    names = [theme.name for theme in IAPT_TAXONOMY]
    assert len(set(names)) == len(names)
    for theme in IAPT_TAXONOMY:
        assert theme.name.strip() == theme.name
        assert "_" not in theme.name


@pytest.mark.parametrize("theme", IAPT_TAXONOMY, ids=lambda t: t.key)
def test_theme_has_description_and_enough_distinct_seeds(theme):
    assert isinstance(theme, ThemeDefinition)
    assert theme.description.endswith(".")
    assert isinstance(theme.seeds, tuple)
    assert len(theme.seeds) >= 30
    assert all(seed.strip() == seed and seed for seed in theme.seeds)
    lowered = [seed.lower() for seed in theme.seeds]
    assert len(set(lowered)) == len(lowered)


def test_no_seed_is_shared_between_themes():
    seen: dict[str, str] = {}
    for theme in IAPT_TAXONOMY:
        for seed in theme.seeds:
            assert seen.setdefault(seed.lower(), theme.key) == theme.key


def test_theme_definition_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        IAPT_TAXONOMY[0].key = "other"  # type: ignore[misc]


def test_get_taxonomy():
    assert get_taxonomy("iapt") is IAPT_TAXONOMY
    assert get_taxonomy("none") == ()
    with pytest.raises(ValueError, match="Unknown taxonomy"):
        get_taxonomy("IAPTv2")


def _data_rows(name: str) -> list[dict[str, str]]:
    path = Path(__file__).parent.parent / "data" / name
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_evaluation_set_uses_known_keys_and_avoids_seed_sentences():
    rows = _data_rows("taxonomy_eval.csv")
    assert len(rows) >= 300
    seeds = {seed.lower() for theme in IAPT_TAXONOMY for seed in theme.seeds}
    for row in rows:
        keys = [key for key in row["themes"].split(";") if key]
        assert set(keys) <= EXPECTED_KEYS
        assert len(keys) == len(set(keys))
        assert row["text"].lower() not in seeds
    assert any(not row["themes"] for row in rows)
    assert any(";" in row["themes"] for row in rows)


def test_holdout_set_uses_known_keys_and_avoids_seed_sentences():
    rows = _data_rows("taxonomy_holdout.csv")
    assert len(rows) >= 70
    seeds = {seed.lower() for theme in IAPT_TAXONOMY for seed in theme.seeds}
    tuned = {row["text"].lower() for row in _data_rows("taxonomy_eval.csv")}
    for row in rows:
        keys = [key for key in row["themes"].split(";") if key]
        assert set(keys) <= EXPECTED_KEYS
        assert row["text"].lower() not in seeds | tuned
    assert sum(not row["themes"] for row in rows) >= 15
