"""Command-line tasks: `flask --app feedback_app <command>`. Thin wrappers over services."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

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


def init_app(app: Flask) -> None:
    for command in (init_db_command, create_service_command, create_user_command):
        app.cli.add_command(command)
