"""Command-line tasks: `flask --app feedback_app <command>`. Thin wrappers over services."""

from __future__ import annotations

import time

import click
import sqlalchemy as sa
from flask import Flask, current_app, url_for
from flask_migrate import upgrade
from werkzeug.routing import BuildError

from feedback_app.auth.services import AccountError, create_user
from feedback_app.extensions import db
from feedback_app.models import Role, Service


@click.command("init-db")
def init_db_command() -> None:
    """Create or upgrade the database to the latest schema (runs the migrations)."""
    upgrade()
    click.echo("Database is up to date.")


@click.command("create-service")
@click.option("--name", required=True)
@click.option("--slug", required=True)
@click.option("--description", default="")
def create_service_command(name: str, slug: str, description: str) -> None:
    """Create a service (a Talking Therapies service, a team or a site)."""
    from feedback_app.admin.services import ServiceError, create_service

    try:
        service = create_service(name=name, slug=slug, description=description)
    except ServiceError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created service {service.name} ({service.slug}).")


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--service", "service_slugs", multiple=True, help="Slug of a service (repeatable)")
@click.password_option()
def create_user_command(
    email: str, name: str, role: str, service_slugs: tuple[str, ...], password: str
) -> None:
    """Create a user with a role, belonging to the given services."""
    services = list(db.session.scalars(sa.select(Service).where(Service.slug.in_(service_slugs))))
    missing = set(service_slugs) - {s.slug for s in services}
    if missing:
        raise click.ClickException(f"No service with slug: {', '.join(sorted(missing))}")
    try:
        user = create_user(email, name, password, role, services)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.role} {user.email}.")


@click.command("load-demo")
@click.option("--analyse/--no-analyse", default=True, show_default=True,
              help="Also find themes and add the demo's \"You said, we did\" actions.")
def load_demo_command(analyse: bool) -> None:
    """Load the fictional demo services, accounts, surveys, panel and feedback (once)."""
    from feedback_app.demo.actions import load_demo_actions
    from feedback_app.demo.loader import DemoLoadError, demo_story, load_demo

    started = time.perf_counter()
    try:
        summary = load_demo(progress=click.echo)
    except DemoLoadError as error:
        raise click.ClickException(str(error)) from error
    if summary is None:
        click.echo("Demo already loaded: nothing changed.")
        if analyse and load_demo_actions(demo_story(), click.echo):
            click.echo("Added the demo's themes and \"You said, we did\" actions.")
        return
    story = summary.story
    click.echo(
        f"Demo loaded in {time.perf_counter() - started:.1f} seconds: {summary.services} "
        f"services, {summary.users} accounts, {summary.surveys} surveys, "
        f"{summary.responses} survey responses, {summary.meetings} panel meetings and focus groups."
    )
    sources = ", ".join(f"{n} {source.replace('_', ' ')}" for source, n in
                        sorted(summary.comments.items()))
    click.echo(f"Comments: {sum(summary.comments.values())} ({sources}) over {summary.months} "
               f"months from {story.window_start:%-d %B %Y}.")
    click.echo(f"Story: wellbeing check-in calls while you wait from "
               f"{story.checkin_calls_started:%-d %B %Y}; questionnaires every other session "
               f"from {story.questionnaires_every_other_session_started:%-d %B %Y}.")
    if analyse:
        click.echo("Finding themes in the demo feedback (a real analysis run)...")
        made = load_demo_actions(story, click.echo)
        click.echo(f"Added {made} \"You said, we did\" actions linked to those themes.")


@click.command("demo-logins")
@click.option("--base-url", default="http://127.0.0.1:5000", show_default=True,
              envvar="YOUSAID_BASE_URL", help="Where the app runs, for the survey links.")
def demo_logins_command(base_url: str) -> None:
    """Print the demo accounts, their shared password and the public survey links."""
    from feedback_app.demo.content import DEMO_PASSWORD
    from feedback_app.demo.loader import (
        DemoLoadError,
        demo_logins,
        is_loaded,
        public_survey_slugs,
    )

    try:
        loaded = is_loaded()
    except DemoLoadError as error:
        raise click.ClickException(str(error)) from error
    if not loaded:
        raise click.ClickException("The demo is not loaded: run `flask load-demo` first.")
    click.echo("Demo accounts (DEMO ONLY: never use these where there is real feedback)")
    for login in demo_logins():
        click.echo(f"  {login.email:<38} {login.what}")
    click.echo(f"  Password for every demo account: {DEMO_PASSWORD}")
    click.echo(f"  Sign in at {base_url.rstrip('/')}/auth/login")
    click.echo("Public survey links:")
    with current_app.test_request_context(base_url=base_url):
        for service, title, slug in public_survey_slugs():
            try:
                link = url_for("surveys.respond", slug=slug, _external=True)
            except BuildError:
                link = f"(survey address {slug})"
            click.echo(f"  {service}: {title}\n    {link}")


@click.command("rescreen-risk")
def rescreen_risk_command() -> None:
    """Run the current risk check again over every stored comment (it only ever raises)."""
    from feedback_app.comments.services import rescreen_risk

    done = rescreen_risk()
    click.echo(f"Checked {done.checked} comments: {done.raised} newly flagged or raised to "
               f"urgent, {done.labelled} earlier learnt-reader flags labelled as such.")


def init_app(app: Flask) -> None:
    for command in (
        init_db_command,
        create_service_command,
        create_user_command,
        load_demo_command,
        demo_logins_command,
        rescreen_risk_command,
    ):
        app.cli.add_command(command)
    from feedback_app.themes.commands import analyse_command, assign_new_command

    for command in (analyse_command, assign_new_command):
        app.cli.add_command(command)
