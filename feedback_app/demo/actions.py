"""Close the demo's loop: find its themes, then record the changes the story says were made.

`load-demo` runs this after the feedback is loaded, so the theme screens, the public
"You said, we did" board, receipts and the before/after impact all have something real to show.
The themes come from the analysis itself (a real run per demo service); the actions are linked
to the named themes it finds (waiting distress, questionnaires and scores, session limits...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from feedback_app.actions import services as actions
from feedback_app.extensions import db
from feedback_app.models import Action, ActionStatus, ActionUpdate, RunStatus, Service, Theme, User
from feedback_app.themes import services as themes

from . import content
from .loader import DemoStory


@dataclass(frozen=True)
class Step:
    days_after: int  # relative to the action's key date
    text: str
    status: str | None = None


@dataclass(frozen=True)
class DemoAction:
    theme_key: str
    title: str
    description: str
    owner: str
    status: str
    participation: str
    published: bool
    progress: int = 0
    reason: str = ""
    steps: tuple[Step, ...] = ()


def _actions(story: DemoStory) -> list[tuple[DemoAction, date]]:
    """Each demo action with the date its timeline is counted from."""
    checkin = story.checkin_calls_started
    forms = story.questionnaires_every_other_session_started
    recent = story.today - timedelta(days=45)
    return [
        (DemoAction(
            theme_key="waiting_distress",
            title="Wellbeing check-in calls while you wait",
            description=(
                "Everyone on our waiting list now gets a call from a psychological wellbeing "
                "practitioner every four weeks: how you are, what you can do in the meantime, "
                "and how long the wait is likely to be. The panel designed the call with us."),
            owner="Riverside service manager",
            status=ActionStatus.DONE.value, participation="co_produce", published=True,
            steps=(
                Step(-75, "The panel told us that waiting without hearing anything was the "
                          "hardest part, and helped write the script for a check-in call.",
                     ActionStatus.PLANNED.value),
                Step(-30, "Two practitioners trained; calls tested with ten people on the list.",
                     ActionStatus.IN_PROGRESS.value),
                Step(0, "Calls started for everyone waiting more than four weeks."),
                Step(60, "The panel reviewed the first two months of calls: keep them, and "
                         "offer a text instead of a call for people who prefer it."),
            ),
        ), checkin),
        (DemoAction(
            theme_key="measurement_pressure",
            title="Questionnaires every other session, not every session",
            description=(
                "We now ask you to fill in the mood questionnaires (PHQ-9 and GAD-7) every "
                "other session, and your therapist explains what the scores are for."),
            owner="Clinical lead",
            status=ActionStatus.DONE.value, participation="involve", published=True,
            steps=(
                Step(-60, "The panel met about questionnaires: many people felt judged by "
                          "their scores.", ActionStatus.PLANNED.value),
                Step(0, "Questionnaires every other session in all teams."),
            ),
        ), forms),
        (DemoAction(
            theme_key="session_limits",
            title="More sessions for everyone",
            description="Many of you said the course of therapy ended too soon.",
            owner="Service manager",
            status=ActionStatus.NOT_POSSIBLE.value, participation="consult", published=True,
            reason=(
                "The number of sessions follows the national Talking Therapies model our "
                "service is funded for, so we cannot simply add sessions for everyone. What we "
                "have changed: at session six your therapist now reviews with you whether a "
                "longer course or a different kind of help is right, and you can come back "
                "within a year without a new referral."),
            steps=(Step(0, "Discussed with commissioners: not possible within current funding.",
                        ActionStatus.NOT_POSSIBLE.value),),
        ), recent),
        (DemoAction(
            theme_key="non_cbt_wish",
            title="Counselling for depression as a choice from the start",
            description="Offering counselling, not only CBT, when you are first assessed.",
            owner="Clinical lead", status=ActionStatus.IN_PROGRESS.value,
            participation="involve", published=True, progress=40,
            steps=(Step(0, "Two counsellors recruited; training starts next month.",
                        ActionStatus.IN_PROGRESS.value),),
        ), recent),
        (DemoAction(
            theme_key="cultural_language_matching",
            title="Interpreters booked at referral",
            description="Asking about language at referral so an interpreter is booked for "
                        "the first appointment, not the second.",
            owner="Admin team lead", status=ActionStatus.PROPOSED.value,
            participation="consult", published=False,
        ), recent),
    ]


def analyse_demo(echo: Callable[[str], None]) -> None:
    """Run the real theme analysis once for each demo service."""
    for spec in content.SERVICES:
        service = db.session.scalar(sa.select(Service).where(Service.slug == spec.slug))
        if service is None:
            continue
        run, created = themes.queue_run(service.id, started_by_id=None)
        if created:
            run = themes.execute_run(run.id)
        if run.status == RunStatus.FAILED:
            echo(f"Finding themes for {service.name} failed: {run.message}")
        else:
            echo(f"{service.name}: {run.message}")


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


def load_demo_actions(story: DemoStory, echo: Callable[[str], None] = lambda _m: None) -> int:
    """Analyse the demo services and add Riverside's "You said, we did" actions (once)."""
    service = db.session.scalar(sa.select(Service).where(Service.slug == content.RIVERSIDE.slug))
    if service is None:
        return 0
    if db.session.scalar(sa.select(Action.id).where(Action.service_id == service.id).limit(1)):
        return 0
    analyse_demo(echo)
    lead = db.session.scalar(sa.select(User).where(User.email == content.USERS[1].email))
    made = 0
    for spec, key_date in _actions(story):
        theme = db.session.scalar(
            sa.select(Theme).where(Theme.service_id == service.id, Theme.key == spec.theme_key,
                                   Theme.merged_into_id.is_(None))
        )
        if theme is None:
            echo(f"No {spec.theme_key} theme was found, so the demo skips: {spec.title}")
            continue
        action = actions.create_action(
            service_id=service.id, created_by_id=lead.id if lead else None, title=spec.title,
            theme_ids=[theme.id], description=spec.description, owner=spec.owner,
            status=spec.status, reason_not_possible=spec.reason, progress_pct=spec.progress,
            participation_level=spec.participation,
            done_on=key_date if spec.status == ActionStatus.DONE else None,
        )
        first = key_date + timedelta(days=min((s.days_after for s in spec.steps), default=0))
        action.created_at = _at(min(first, story.today))
        for step in spec.steps:
            when = min(key_date + timedelta(days=step.days_after), story.today)
            db.session.add(ActionUpdate(action=action, text=step.text, status_after=step.status,
                                        created_at=_at(when),
                                        created_by_id=lead.id if lead else None))
        if spec.published:
            action.published = True
            action.published_at = _at(min(key_date + timedelta(days=1), story.today))
        db.session.commit()
        made += 1
    return made
