"""Suggested names of emergent themes read like a short phrase a lead would write, in the words
people used."""

from __future__ import annotations

from collections.abc import Callable

from analysis.themes import ThemeModel

FitModel = Callable[..., ThemeModel]


def emergent(model: ThemeModel) -> list[str]:
    return [k for k, info in model.themes_.items() if info.origin == "emergent"]


def test_names_are_phrases_people_wrote(model: ThemeModel, texts: list[str]) -> None:
    written = " ".join(texts).lower()
    for key in emergent(model):
        name = model.themes_[key].name
        assert 2 <= len(name.split()) <= 4, name
        assert "/" not in name
        assert name[0].isupper()
        assert name.lower() in written, name


def test_names_come_from_the_themes_own_comments(model: ThemeModel, texts: list[str]) -> None:
    for key in emergent(model):
        own = " ".join(t for t, a in zip(texts, model.assignments_, strict=True)
                       if a.primary == key).lower()
        assert model.themes_[key].name.lower() in own


def test_name_of_a_clear_topic(fit_model: FitModel, texts: list[str]) -> None:
    model = fit_model(texts)
    names = {info.name for info in model.themes_.values()}
    assert any("park" in name.lower() for name in names), names
    assert any("letter" in name.lower() for name in names), names


def test_names_are_unique(fit_model: FitModel, texts: list[str]) -> None:
    model = fit_model(texts, k=8)
    names = [info.name.lower() for info in model.themes_.values()]
    assert len(names) == len(set(names))


def test_commonest_spelling_and_unstemmed_words(fit_model: FitModel, texts: list[str]) -> None:
    # "wasn't answered" and "not answered" are one phrase (same words once stop words are
    # dropped); the name keeps the spelling most people used, unstemmed and not in capitals.
    extra = [f"The phone wasn't answered {when}." for when in
             ("again", "on Monday", "all week", "twice", "today", "at lunch")]
    extra += ["PHONE NOT ANSWERED", "Phone not answered at all"]
    model = fit_model(texts + extra)
    name = model.themes_[model.assignments_[-1].primary].name
    assert name in {"Phone wasn't answered", "The phone wasn't answered"}, name


def test_taxonomy_names_and_renames_are_kept(fit_model: FitModel, texts: list[str]) -> None:
    model = fit_model(texts, taxonomy="iapt")
    assert model.themes_["measurement_pressure"].name == "Pressure from questionnaires and scores"
    key = emergent(model)[0]
    model.rename(key, "Car parks")
    refit = ThemeModel(taxonomy="iapt", k=4, random_state=0).fit(texts, previous=model)
    assert refit.themes_[key].name == "Car parks"
