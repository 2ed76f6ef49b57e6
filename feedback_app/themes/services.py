"""Analysis runs, themes and people's curation of them.

A run fits the theme engine on every comment's redacted text, starting from the previous run's
saved model and the curations made since, and writes Theme and CommentTheme rows. Theme rows are
matched by the engine's stable key, so names people gave and links to actions survive refits.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app

from analysis.embeddings import EmbeddingsUnavailable
from analysis.redact import KINDS as REDACTED_KINDS
from analysis.sentiment import NEGATIVE_THRESHOLD, sentiment_scores
from feedback_app.extensions import db
from feedback_app.models import (
    Action,
    AnalysisRun,
    Comment,
    CommentTheme,
    CurationKind,
    Question,
    Response,
    RunStatus,
    Theme,
    ThemeCuration,
    action_theme,
)
from feedback_app.models._base import now_utc

#: The engine's parameters for every run, recorded on the run.
MODEL_PARAMETERS: dict[str, Any] = {
    "taxonomy": "iapt",
    "k": "auto",
    "backend": "default",
    "random_state": 0,
}


def model_parameters() -> dict[str, Any]:
    """The engine's parameters for a new run: ``MODEL_PARAMETERS`` with the configured
    backend (``THEMES_BACKEND``)."""
    return {**MODEL_PARAMETERS, "backend": current_app.config.get("THEMES_BACKEND", "default")}


#: Fewer comments than this give themes nobody should act on.
MIN_COMMENTS = 10
UNASSIGNED = "unassigned"
#: A comment whose sentiment is at or below this counts as negative: the analysis engine's own
#: threshold (analysis.sentiment), so the share negative agrees with its labels.
NEGATIVE_AT_MOST = NEGATIVE_THRESHOLD

ProgressEcho = Callable[[float, str], None]


class ThemeError(Exception):
    """A problem worth telling the person in plain words."""


# --------------------------------------------------------------------------- runs
#: A run still queued or running after this long died with its process (a restart, say).
STALE_AFTER = timedelta(hours=2)


def _fail_stale_runs(service_id: int) -> None:
    cutoff = now_utc() - STALE_AFTER
    stale = db.session.scalars(
        sa.select(AnalysisRun).where(
            AnalysisRun.service_id == service_id,
            AnalysisRun.status.in_([RunStatus.QUEUED.value, RunStatus.RUNNING.value]),
            sa.func.coalesce(AnalysisRun.started_at, AnalysisRun.created_at) < cutoff,
        )
    ).all()
    for run in stale:
        run.status = RunStatus.FAILED.value
        run.message = "The analysis stopped unexpectedly, perhaps when the server restarted."
        run.finished_at = now_utc()
    if stale:
        db.session.commit()


def active_run(service_id: int) -> AnalysisRun | None:
    _fail_stale_runs(service_id)
    return db.session.scalar(
        sa.select(AnalysisRun)
        .where(
            AnalysisRun.service_id == service_id,
            AnalysisRun.status.in_([RunStatus.QUEUED.value, RunStatus.RUNNING.value]),
        )
        .order_by(AnalysisRun.id.desc())
    )


def latest_run(service_id: int, kind: str | None = "fit", done: bool = True) -> AnalysisRun | None:
    query = sa.select(AnalysisRun).where(AnalysisRun.service_id == service_id)
    if kind:
        query = query.where(AnalysisRun.kind == kind)
    if done:
        query = query.where(AnalysisRun.status == RunStatus.DONE.value)
    return db.session.scalar(query.order_by(AnalysisRun.id.desc()))


def queue_run(service_id: int, started_by_id: int | None,
              kind: str = "fit") -> tuple[AnalysisRun, bool]:
    """Create a queued run and return it with True; or the run already queued or running for
    the service, with False (only one analysis per service at a time)."""
    existing = active_run(service_id)
    if existing is not None:
        return existing, False
    run = AnalysisRun(
        service_id=service_id,
        kind=kind,
        started_by_id=started_by_id,
        status=RunStatus.QUEUED.value,
        message="Waiting to start",
        parameters=model_parameters() if kind == "fit" else {},
    )
    db.session.add(run)
    db.session.commit()
    return run, True


_threads: list[threading.Thread] = []


def _in_background(app: Flask, name: str, work: Callable[[], None]) -> threading.Thread:
    """Run `work` in a daemon thread with its own app context and database session."""

    def target() -> None:
        with app.app_context():
            try:
                work()
            finally:
                db.session.remove()

    thread = threading.Thread(target=target, name=name, daemon=True)
    _threads.append(thread)
    thread.start()
    return thread


def run_in_background(app: Flask, run_id: int) -> threading.Thread:
    """Run the analysis in the background, so the web request that asked for it returns at
    once."""
    return _in_background(app, f"analysis-run-{run_id}", lambda: execute_run(run_id))


_arrival_locks: dict[int, threading.Lock] = defaultdict(threading.Lock)


def file_on_arrival(service_id: int) -> threading.Thread | None:
    """File a service's new comments under its existing themes, in a background thread, right
    after they arrive (a survey answer, a panel contribution). Nothing is filed when the service
    has no themes yet or a full analysis is queued or running (it will include them), and a
    failure is logged, never shown to the person who wrote the comment: the comment is saved
    already, and "Update with new feedback" or the next run files it."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not app.config.get("ASSIGN_ON_ARRIVAL", True):
        return None

    def work() -> None:
        with _arrival_locks[service_id]:
            try:
                if active_run(service_id) is None:
                    assign_new_comments(service_id)
            except Exception:
                db.session.rollback()
                app.logger.exception("Filing new feedback for service %s failed", service_id)

    return _in_background(app, f"file-on-arrival-{service_id}", work)


def wait_for_background_runs(timeout: float = 120.0) -> None:
    """Wait for background runs to finish (tests and orderly shutdown)."""
    while _threads:
        _threads.pop().join(timeout)


def execute_run(run_id: int, echo: ProgressEcho | None = None) -> AnalysisRun:
    """Do the work of a queued run; never raises: failures are recorded on the run."""
    run = db.session.get(AnalysisRun, run_id)
    if run is None:
        raise ThemeError(f"No analysis run {run_id}")
    if run.status != RunStatus.QUEUED:
        return run  # someone else already picked it up
    run.status = RunStatus.RUNNING.value
    run.started_at = now_utc()
    run.message = "Starting"
    db.session.commit()

    def report(fraction: float, message: str) -> None:
        run.progress = round(max(0.0, min(1.0, fraction)), 3)
        run.message = message[:200]
        db.session.commit()
        if echo is not None:
            echo(run.progress, run.message)

    try:
        if run.kind == "assign":
            report(0.1, "Filing new feedback under the existing themes")
            n = assign_new_comments(run.service_id, run=run)
            run.n_comments = n
            run.message = f"Filed {n} new comments under the existing themes"
        else:
            _fit(run, report)
            run.message = f"Found {run.parameters.get('n_themes', 0)} themes"
        run.status = RunStatus.DONE.value
        run.progress = 1.0
    except ThemeError as error:
        db.session.rollback()
        run.status = RunStatus.FAILED.value
        run.message = str(error)[:200]
        run.error = str(error)
    except Exception as error:  # any failure must end as a message on the run, never a 500
        current_app.logger.exception("Analysis run %s failed", run_id)
        db.session.rollback()
        run.status = RunStatus.FAILED.value
        run.message = "The analysis could not finish. Try again, or ask an administrator."
        run.error = f"{type(error).__name__}: {error}"[:5000]
    run.finished_at = now_utc()
    db.session.commit()
    if run.status == RunStatus.DONE and run.kind == "fit":
        _prune_models(run)
    if echo is not None:
        echo(run.progress, run.message)
    return run


def _engine_version() -> str:
    try:
        package = metadata.version("yousaid")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        package = "unknown"
    from analysis.themes import MODEL_FORMAT

    return f"yousaid {package}, model format {MODEL_FORMAT}"


def _model_path(run: AnalysisRun) -> Path:
    folder = Path(current_app.config["MODEL_DIR"]) / f"service-{run.service_id}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"run-{run.id}.joblib"


def _prune_models(run: AnalysisRun) -> None:
    """Keep only the newest saved model: older ones hold text that may since have been deleted
    at the writer's request."""
    older = db.session.scalars(
        sa.select(AnalysisRun).where(
            AnalysisRun.service_id == run.service_id,
            AnalysisRun.id != run.id,
            AnalysisRun.model_path.is_not(None),
        )
    )
    for old in older:
        Path(old.model_path).unlink(missing_ok=True)
        old.model_path = None
    db.session.commit()


#: Models kept in memory for filing new comments, by file: (path, size, mtime) -> model.
_MODEL_CACHE: dict[tuple[str, int, int], Any] = {}
_MODEL_CACHE_SIZE = 4
_model_cache_lock = threading.Lock()


def _load_model(path: str, cached: bool) -> Any:
    """``ThemeModel.load(path)``; with ``cached``, one load serves until the file changes.

    Filing on arrival assigns each new answer with the service's saved model, and loading it
    costs far more than assigning one comment. The key includes the file's size and mtime, so
    a rewritten file is read again, and a deleted one (pruned, or removed after an erasure)
    leaves the cache, so text it held is not kept in memory.
    """
    from analysis.themes import ThemeModel

    if not cached:
        return ThemeModel.load(path)
    with _model_cache_lock:
        # Drop models whose file is gone or has changed (a newer fit pruned it, say).
        for key in list(_MODEL_CACHE):
            try:
                stat = Path(key[0]).stat()
            except OSError:
                stat = None
            if stat is None or key[1:] != (stat.st_size, stat.st_mtime_ns):
                del _MODEL_CACHE[key]
        stat = Path(path).stat()
        key = (path, stat.st_size, stat.st_mtime_ns)
        model = _MODEL_CACHE.pop(key, None)
        if model is None:
            model = ThemeModel.load(path)
        _MODEL_CACHE[key] = model  # most recently used last
        while len(_MODEL_CACHE) > _MODEL_CACHE_SIZE:
            del _MODEL_CACHE[next(iter(_MODEL_CACHE))]
        return model


def load_latest_model(service_id: int, cached: bool = False) -> tuple[Any, AnalysisRun] | None:
    """The saved model of the service's latest finished fit, if its file can be read.

    ``cached=True`` may return the same object as an earlier call: callers must only read it
    (``assign``), never fit or correct it.
    """
    runs = db.session.scalars(
        sa.select(AnalysisRun)
        .where(
            AnalysisRun.service_id == service_id,
            AnalysisRun.kind == "fit",
            AnalysisRun.status == RunStatus.DONE.value,
            AnalysisRun.model_path.is_not(None),
        )
        .order_by(AnalysisRun.id.desc())
        .limit(3)
    )
    for run in runs:
        try:
            return _load_model(run.model_path, cached), run
        except (OSError, ValueError, TypeError, EOFError):
            current_app.logger.warning("Could not load saved model %s", run.model_path)
    return None


def _service_comments(service_id: int) -> list[Comment]:
    return list(
        db.session.scalars(
            sa.select(Comment).where(Comment.service_id == service_id).order_by(Comment.id)
        )
    )


_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(map(re.escape, REDACTED_KINDS)) + r")\]")


def analysable(text: str) -> str:
    """The redacted text without its placeholders: "[NHS NUMBER]" says nothing about what the
    comment is about, and left in it would become a theme of its own ("NHS number")."""
    return " ".join(_PLACEHOLDER.sub(" ", text).split())


def _sentiments(comments: list[Comment], assignments: list[Any]) -> list[float]:
    """Each comment's sentiment: the theme model's, except that an answer to a survey question
    is read again with the question's wording (``analysis.sentiment``): "Nothing." answers
    "What could we do better?" with praise and "What was good?" with none."""
    scores = [float(a.sentiment) for a in assignments]
    asked = [i for i, c in enumerate(comments) if c.question_id is not None]
    if asked:
        wording = dict(db.session.execute(
            sa.select(Question.id, Question.text)
            .where(Question.id.in_({comments[i].question_id for i in asked}))
        ).all())
        read = sentiment_scores([analysable(comments[i].redacted_text) for i in asked],
                                [wording.get(comments[i].question_id) for i in asked])
        for i, score in zip(asked, read, strict=True):
            scores[i] = float(score)
    return scores


def _fit(run: AnalysisRun, report: Callable[[float, str], None]) -> None:
    from analysis.themes import ThemeModel

    # A refit files every comment, new ones included, so there is nothing to assign first.
    comments = [c for c in _service_comments(run.service_id) if c.redacted_text.strip()]
    run.n_comments = len(comments)
    if len(comments) < MIN_COMMENTS:
        raise ThemeError(
            f"There are {len(comments)} comments for this service. At least {MIN_COMMENTS} "
            "are needed to find themes."
        )
    loaded = load_latest_model(run.service_id)
    previous = loaded[0] if loaded else None
    # The previous model already carries the corrections it was given; pass only newer ones.
    curations = _curations(run.service_id, only_unapplied=previous is not None)
    corrections = build_corrections(curations)

    def engine_progress(fraction: float, message: str) -> None:
        report(0.05 + 0.85 * fraction, message[:1].upper() + message[1:])

    parameters = model_parameters()
    model = ThemeModel(**parameters)
    try:
        model.fit(
            [analysable(c.redacted_text) for c in comments],
            ids=[str(c.id) for c in comments],
            previous=previous,
            corrections=corrections,
            progress=engine_progress,
        )
    except EmbeddingsUnavailable as error:
        raise ThemeError(
            "Sentence embeddings are switched on (FLASK_THEMES_BACKEND) but not installed: "
            "an administrator can run pip install '.[embeddings]' or switch them off."
        ) from error
    report(0.92, "Saving themes")
    path = _model_path(run)
    model.save(path)
    run.model_path = str(path)
    run.model_version = _engine_version()
    _store_themes(run, model, comments)
    for curation in curations:
        curation.applied_run_id = run.id
    run.parameters = {
        **parameters,
        "n_themes": len(model.themes_),
        "previous_run_id": loaded[1].id if loaded else None,
        "corrections": len(curations),
    }


def _themes_by_key(service_id: int) -> dict[str, Theme]:
    return {
        t.key: t
        for t in db.session.scalars(sa.select(Theme).where(Theme.service_id == service_id))
    }


def _resolve(theme: Theme | None) -> Theme | None:
    """Follow merges; None for hidden themes ("not a theme")."""
    seen = set()
    while theme is not None and theme.merged_into_id is not None and theme.id not in seen:
        seen.add(theme.id)
        theme = theme.merged_into
    if theme is None or theme.is_hidden:
        return None
    return theme


def _store_themes(run: AnalysisRun, model: Any, comments: list[Comment]) -> None:
    existing = _themes_by_key(run.service_id)
    for key, info in model.themes_.items():
        theme = existing.get(key)
        if theme is None:
            theme = Theme(service_id=run.service_id, key=key, first_run_id=run.id, size=0)
            db.session.add(theme)
            existing[key] = theme
            theme.previous_size = None
        else:
            theme.previous_size = theme.size
        if not theme.named_by_person:
            theme.name = (info.name or key)[:200]
            theme.description = info.description or ""
        theme.origin = info.origin
        theme.top_terms = list(info.top_terms)
        theme.sentiment = float(info.sentiment)
        theme.last_run_id = run.id
        theme.representative_ids = [comments[i].id for i in info.representative]
    for key, theme in existing.items():
        if key not in model.themes_ and theme.last_run_id != run.id:
            theme.previous_size = theme.size
    db.session.flush()

    service_comment_ids = sa.select(Comment.id).where(Comment.service_id == run.service_id)
    db.session.execute(
        sa.delete(CommentTheme).where(
            CommentTheme.source == "model", CommentTheme.comment_id.in_(service_comment_ids)
        )
    )
    manual = set(
        db.session.scalars(
            sa.select(CommentTheme.comment_id)
            .join(Comment, Comment.id == CommentTheme.comment_id)
            .where(Comment.service_id == run.service_id, CommentTheme.source == "manual")
        )
    )
    sentiments = _sentiments(comments, model.assignments_)
    for comment, assignment, sentiment in zip(comments, model.assignments_, sentiments,
                                              strict=True):
        comment.sentiment = sentiment
        if comment.id in manual:
            continue  # a person filed this comment: their choice stands
        _write_assignment(comment.id, assignment, existing, run.id)
    db.session.flush()
    recount_themes(run.service_id)


def _write_assignment(
    comment_id: int, assignment: Any, themes: dict[str, Theme], run_id: int
) -> int:
    written: list[int] = []
    for key in assignment.themes:
        theme = _resolve(themes.get(key))
        if theme is None or theme.id in written:
            continue
        db.session.add(
            CommentTheme(
                comment_id=comment_id,
                theme_id=theme.id,
                is_primary=not written,
                score=float(assignment.scores.get(key, 0.0)),
                run_id=run_id,
                source="model",
            )
        )
        written.append(theme.id)
    return len(written)


def recount_themes(service_id: int) -> None:
    counts = dict(
        db.session.execute(
            sa.select(CommentTheme.theme_id, sa.func.count())
            .join(Theme, Theme.id == CommentTheme.theme_id)
            .where(Theme.service_id == service_id)
            .group_by(CommentTheme.theme_id)
        ).all()
    )
    for theme in db.session.scalars(sa.select(Theme).where(Theme.service_id == service_id)):
        theme.size = int(counts.get(theme.id, 0))


def assign_new_comments(service_id: int, run: AnalysisRun | None = None) -> int:
    """File comments that arrived after the last fit under its themes, without refitting.

    Returns the number of comments looked at (0 when there is no saved model yet).
    """
    loaded = load_latest_model(service_id, cached=True)
    if loaded is None:
        return 0
    model, fit_run = loaded
    fitted = set(getattr(model, "ids_", []))
    has_theme = sa.select(CommentTheme.id).where(CommentTheme.comment_id == Comment.id).exists()
    candidates = db.session.scalars(
        sa.select(Comment)
        .where(Comment.service_id == service_id, ~has_theme)
        .order_by(Comment.id)
    )
    new = [c for c in candidates if str(c.id) not in fitted and c.redacted_text.strip()]
    if not new:
        return 0
    assignments = model.assign([analysable(c.redacted_text) for c in new])
    themes = _themes_by_key(service_id)
    run_id = run.id if run is not None else fit_run.id
    for comment, assignment, sentiment in zip(new, assignments, _sentiments(new, assignments),
                                              strict=True):
        comment.sentiment = sentiment
        _write_assignment(comment.id, assignment, themes, run_id)
    db.session.flush()
    recount_themes(service_id)
    db.session.commit()
    return len(new)


# --------------------------------------------------------------------------- corrections
def _curations(service_id: int, only_unapplied: bool) -> list[ThemeCuration]:
    query = (
        sa.select(ThemeCuration)
        .join(Theme, Theme.id == ThemeCuration.theme_id)
        .where(Theme.service_id == service_id)
        .order_by(ThemeCuration.created_at, ThemeCuration.id)
    )
    if only_unapplied:
        query = query.where(ThemeCuration.applied_run_id.is_(None))
    return list(db.session.scalars(query))


def build_corrections(curations: Iterable[ThemeCuration]) -> Any:
    """Turn people's curations into the engine's Corrections."""
    from analysis.themes import Corrections

    corrections = Corrections()
    text_ids: set[int] = set()
    for c in curations:
        text_ids.update(c.after.get("comment_ids", []))
        if "comment_id" in c.after:
            text_ids.add(c.after["comment_id"])
    texts = {
        i: analysable(text) for i, text in db.session.execute(
            sa.select(Comment.id, Comment.redacted_text).where(Comment.id.in_(text_ids))
        ).all()
    } if text_ids else {}
    for c in curations:
        after = c.after
        if c.kind == CurationKind.RENAME:
            corrections.names[after["key"]] = after["name"]
        elif c.kind == CurationKind.DESCRIBE:
            corrections.descriptions[after["key"]] = after["description"]
        elif c.kind == CurationKind.MERGE:
            corrections.merges.append((tuple(after["source_keys"]), after["key"]))
            corrections.examples.extend(
                (texts[i], after["key"]) for i in after.get("comment_ids", []) if i in texts
            )
        elif c.kind == CurationKind.SPLIT:
            corrections.names[after["key"]] = after["name"]
            corrections.examples.extend(
                (texts[i], after["key"]) for i in after.get("comment_ids", []) if i in texts
            )
        elif c.kind == CurationKind.MOVE:
            if after.get("comment_id") in texts:
                corrections.examples.append((texts[after["comment_id"]], after["key"]))
        elif c.kind == CurationKind.NOT_A_THEME:
            corrections.not_themes.append(after["key"])
    return corrections


# --------------------------------------------------------------------------- curation
def _record(theme: Theme, user_id: int | None, kind: CurationKind, before: dict,
            after: dict) -> ThemeCuration:
    curation = ThemeCuration(
        theme_id=theme.id, user_id=user_id, kind=kind.value, before=before, after=after
    )
    db.session.add(curation)
    return curation


def edit_theme(theme: Theme, name: str, description: str, user_id: int | None) -> Theme:
    """Rename and/or describe a theme; the words survive refits."""
    name, description = name.strip(), description.strip()
    if name and name != theme.name:
        _record(theme, user_id, CurationKind.RENAME, {"key": theme.key, "name": theme.name},
                {"key": theme.key, "name": name})
        theme.name = name
        theme.named_by_person = True
    if description != theme.description:
        _record(theme, user_id, CurationKind.DESCRIBE,
                {"key": theme.key, "description": theme.description},
                {"key": theme.key, "description": description})
        theme.description = description
        theme.named_by_person = True
    db.session.commit()
    return theme


def _theme_comment_ids(theme_id: int) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(CommentTheme.comment_id).where(CommentTheme.theme_id == theme_id)
        )
    )


def merge_themes(into: Theme, sources: list[Theme], user_id: int | None) -> Theme:
    """Fold `sources` into `into`: their comments and action links move to it."""
    sources = [s for s in sources if s.id != into.id and s.service_id == into.service_id]
    if not sources:
        raise ThemeError("Choose at least one other theme to merge")
    moved: list[int] = []
    for source in sources:
        source_ids = _theme_comment_ids(source.id)
        moved.extend(source_ids)
        _move_rows(source.id, into.id)
        # Actions linked to the old theme now point at the merged one.
        linked = db.session.scalars(
            sa.select(action_theme.c.action_id).where(action_theme.c.theme_id == source.id)
        ).all()
        already = set(
            db.session.scalars(
                sa.select(action_theme.c.action_id).where(action_theme.c.theme_id == into.id)
            )
        )
        db.session.execute(sa.delete(action_theme).where(action_theme.c.theme_id == source.id))
        for action_id in set(linked) - already:
            db.session.execute(sa.insert(action_theme).values(action_id=action_id,
                                                              theme_id=into.id))
        source.merged_into_id = into.id
    _record(
        into, user_id, CurationKind.MERGE,
        {"themes": [{"id": s.id, "key": s.key, "name": s.name} for s in sources]},
        {"key": into.key, "source_keys": [s.key for s in sources], "comment_ids": moved[:50]},
    )
    db.session.flush()
    recount_themes(into.service_id)
    db.session.commit()
    return into


def _move_rows(from_id: int, to_id: int, comment_ids: list[int] | None = None) -> None:
    query = sa.select(CommentTheme).where(CommentTheme.theme_id == from_id)
    if comment_ids is not None:
        query = query.where(CommentTheme.comment_id.in_(comment_ids))
    for row in list(db.session.scalars(query)):
        clash = db.session.scalar(
            sa.select(CommentTheme).where(
                CommentTheme.comment_id == row.comment_id, CommentTheme.theme_id == to_id
            )
        )
        if clash is not None:
            clash.is_primary = clash.is_primary or row.is_primary
            clash.source = "manual"
            db.session.delete(row)
        else:
            row.theme_id = to_id
            row.source = "manual"
    db.session.flush()


def split_theme(theme: Theme, comment_ids: list[int], name: str,
                user_id: int | None) -> Theme:
    """Move the chosen comments of `theme` into a new theme called `name`."""
    in_theme = set(_theme_comment_ids(theme.id))
    chosen = [i for i in comment_ids if i in in_theme]
    if not chosen:
        raise ThemeError("Choose the comments that belong in the new theme")
    if len(chosen) == len(in_theme):
        raise ThemeError("Leave at least one comment in this theme, or rename it instead")
    new = Theme(
        service_id=theme.service_id,
        key=f"curated-{uuid.uuid4().hex[:10]}",
        name=name.strip(),
        description="",
        origin="confirmed",
        named_by_person=True,
        sentiment=theme.sentiment,
    )
    db.session.add(new)
    db.session.flush()
    _move_rows(theme.id, new.id, chosen)
    _record(theme, user_id, CurationKind.SPLIT, {"key": theme.key, "name": theme.name},
            {"key": new.key, "from_key": theme.key, "name": new.name, "theme_id": new.id,
             "comment_ids": chosen})
    recount_themes(theme.service_id)
    db.session.commit()
    return new


def move_comment(comment: Comment, from_theme: Theme, to_theme: Theme | None,
                 user_id: int | None) -> None:
    """File a comment under another theme (or under none)."""
    if to_theme is not None and to_theme.service_id != comment.service_id:
        raise ThemeError("That theme belongs to another service")
    if to_theme is None:
        db.session.execute(
            sa.delete(CommentTheme).where(
                CommentTheme.comment_id == comment.id, CommentTheme.theme_id == from_theme.id
            )
        )
    else:
        _move_rows(from_theme.id, to_theme.id, [comment.id])
    # The moved comment is now the person's decision; make it primary where it went.
    if to_theme is not None:
        for row in db.session.scalars(
            sa.select(CommentTheme).where(CommentTheme.comment_id == comment.id)
        ):
            row.is_primary = row.theme_id == to_theme.id
            row.source = "manual"
    _record(from_theme, user_id, CurationKind.MOVE,
            {"key": from_theme.key, "comment_id": comment.id},
            {"key": to_theme.key if to_theme else UNASSIGNED, "comment_id": comment.id,
             "theme_id": to_theme.id if to_theme else None})
    db.session.flush()
    recount_themes(comment.service_id)
    db.session.commit()


def mark_not_a_theme(theme: Theme, user_id: int | None) -> None:
    """Hide a theme: its comments lose it and later runs do not bring it back."""
    db.session.execute(sa.delete(CommentTheme).where(CommentTheme.theme_id == theme.id))
    theme.is_hidden = True
    _record(theme, user_id, CurationKind.NOT_A_THEME, {"key": theme.key, "name": theme.name},
            {"key": theme.key})
    db.session.flush()
    recount_themes(theme.service_id)
    db.session.commit()


# --------------------------------------------------------------------------- reading
def active_themes(service_id: int) -> list[Theme]:
    return list(
        db.session.scalars(
            sa.select(Theme)
            .where(Theme.service_id == service_id, Theme.is_hidden.is_(False),
                   Theme.merged_into_id.is_(None))
            .order_by(Theme.size.desc(), Theme.name)
        )
    )


def month_starts(months: int, today: date | None = None) -> list[date]:
    """First days of the last `months` months, oldest first, ending with this month."""
    today = today or now_utc().date()
    year, month = today.year, today.month
    out = []
    for _ in range(months):
        out.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def month_of(value: datetime) -> date:
    return date(value.year, value.month, 1)


@dataclass
class ThemeSummary:
    theme: Theme
    count: int = 0
    monthly: list[int] = field(default_factory=list)
    negative: int = 0
    sources: Counter = field(default_factory=Counter)
    change: str = ""

    @property
    def source_cells(self) -> list[Cell]:
        """Counts by source, small ones hidden as on the theme page."""
        named = {SOURCE_NAMES.get(k, k): v for k, v in self.sources.items()}
        breakdown = suppress_small_counts("Sources", named)
        return breakdown.cells if not breakdown.hidden else []

    @property
    def share_negative(self) -> int:
        return round(100 * self.negative / self.count) if self.count else 0


def _change(theme: Theme, latest_run_id: int | None) -> str:
    if latest_run_id is not None and theme.first_run_id == latest_run_id:
        return "New"
    if theme.previous_size is None:
        return ""
    if theme.size > theme.previous_size:
        return f"Grew by {theme.size - theme.previous_size}"
    if theme.size < theme.previous_size:
        return f"Shrank by {theme.previous_size - theme.size}"
    return "No change"


def theme_summaries(service_id: int, months: int = 12) -> list[ThemeSummary]:
    """Each active theme with its size, monthly trend, share negative and sources."""
    themes = active_themes(service_id)
    starts = month_starts(months)
    position = {m: i for i, m in enumerate(starts)}
    summaries = {t.id: ThemeSummary(t, monthly=[0] * months) for t in themes}
    rows = db.session.execute(
        sa.select(CommentTheme.theme_id, Comment.received_at, Comment.source, Comment.sentiment)
        .join(Comment, Comment.id == CommentTheme.comment_id)
        .where(CommentTheme.theme_id.in_(list(summaries)))
    )
    for theme_id, received_at, source, sentiment in rows:
        s = summaries[theme_id]
        s.count += 1
        s.sources[source] += 1
        if sentiment is not None and sentiment <= NEGATIVE_AT_MOST:
            s.negative += 1
        i = position.get(month_of(received_at))
        if i is not None:
            s.monthly[i] += 1
    latest = latest_run(service_id)
    for s in summaries.values():
        s.change = _change(s.theme, latest.id if latest else None)
    return sorted(summaries.values(), key=lambda s: (-s.count, s.theme.name))


def theme_comments_query(theme: Theme) -> sa.Select:
    return (
        sa.select(Comment)
        .join(CommentTheme, CommentTheme.comment_id == Comment.id)
        .where(CommentTheme.theme_id == theme.id)
        .order_by(Comment.received_at.desc(), Comment.id.desc())
    )


def representative_comments(theme: Theme) -> list[Comment]:
    ids = list(theme.representative_ids or [])
    if not ids:
        return []
    found = {
        c.id: c
        for c in db.session.scalars(
            sa.select(Comment)
            .join(CommentTheme, CommentTheme.comment_id == Comment.id)
            .where(Comment.id.in_(ids), CommentTheme.theme_id == theme.id)
        )
    }
    return [found[i] for i in ids if i in found]


DEMOGRAPHICS = (
    ("age_band", "Age"),
    ("ethnicity", "Ethnic group"),
    ("gender", "Gender"),
    ("disability", "Disability"),
    ("first_language", "First language"),
)
SOURCE_NAMES = {"survey": "Survey", "panel": "Panel", "focus_group": "Focus group"}
NOT_RECORDED = "Not recorded"


@dataclass
class Cell:
    label: str
    count: int | None  # None: suppressed


@dataclass
class Breakdown:
    title: str
    cells: list[Cell]
    total: int | None
    hidden: bool = False  # too few comments to show any of it safely


def suppress_small_counts(title: str, counts: dict[str, int], threshold: int = 5) -> Breakdown:
    """Hide counts from 1 to threshold-1, and enough others that subtraction cannot undo it.

    If only one cell is hidden, the next-smallest is hidden too: otherwise the total (shown here,
    and as the theme's size elsewhere) minus the visible cells would give it away. If every
    cell but none other could be paired, the whole breakdown is withheld.
    """
    items = sorted(((k, v) for k, v in counts.items() if v > 0), key=lambda kv: (-kv[1], kv[0]))
    total = sum(v for _, v in items)
    hidden = {k for k, v in items if v < threshold}
    if len(hidden) == 1:
        others = [(v, k) for k, v in items if k not in hidden]
        if others:
            hidden.add(min(others)[1])
    if hidden and len(hidden) < 2:
        return Breakdown(title, [], None, hidden=True)
    cells = [Cell(k, None if k in hidden else v) for k, v in items]
    return Breakdown(title, cells, total)


def theme_breakdowns(theme: Theme) -> tuple[Breakdown, list[Breakdown]]:
    """By source, and by each demographic group of the people who answered the survey."""
    rows = db.session.execute(
        sa.select(
            Comment.source,
            Response.age_band,
            Response.ethnicity,
            Response.gender,
            Response.disability,
            Response.first_language,
        )
        .join(CommentTheme, CommentTheme.comment_id == Comment.id)
        .outerjoin(Response, Response.id == Comment.response_id)
        .where(CommentTheme.theme_id == theme.id)
    ).all()
    sources: Counter = Counter(SOURCE_NAMES.get(r[0], r[0]) for r in rows)
    groups: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        for i, (attribute, _) in enumerate(DEMOGRAPHICS, start=1):
            groups[attribute][row[i] or NOT_RECORDED] += 1
    by_source = suppress_small_counts("Where it came from", dict(sources))
    demographic = [suppress_small_counts(title, dict(groups[attr])) for attr, title in DEMOGRAPHICS]
    return by_source, demographic


def monthly_counts(theme: Theme, months: int = 24) -> list[tuple[date, int]]:
    starts = month_starts(months)
    counts = Counter(
        month_of(r)
        for r in db.session.scalars(
            sa.select(Comment.received_at)
            .join(CommentTheme, CommentTheme.comment_id == Comment.id)
            .where(CommentTheme.theme_id == theme.id)
        )
    )
    return [(m, counts.get(m, 0)) for m in starts]


def actions_for_theme(theme: Theme) -> list[Action]:
    return list(
        db.session.scalars(
            sa.select(Action)
            .join(action_theme, action_theme.c.action_id == Action.id)
            .where(action_theme.c.theme_id == theme.id)
            .order_by(Action.created_at.desc())
        )
    )


def run_history(service_id: int, limit: int = 10) -> list[AnalysisRun]:
    return list(
        db.session.scalars(
            sa.select(AnalysisRun)
            .where(AnalysisRun.service_id == service_id)
            .order_by(AnalysisRun.id.desc())
            .limit(limit)
        )
    )
