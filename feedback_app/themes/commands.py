"""Command-line analysis: `flask --app feedback_app analyse --service <slug>` and `assign-new`."""

from __future__ import annotations

import click
import sqlalchemy as sa

from feedback_app.extensions import db
from feedback_app.models import RunStatus, Service
from feedback_app.themes import services


def _service(slug: str) -> Service:
    service = db.session.scalar(sa.select(Service).where(Service.slug == slug))
    if service is None:
        raise click.ClickException(f"No service with slug {slug!r}")
    return service


def _echo_progress(fraction: float, message: str) -> None:
    click.echo(f"\r{fraction * 100:5.1f}%  {message:<60}", nl=False)


def _run(service: Service, kind: str) -> None:
    run, created = services.queue_run(service.id, started_by_id=None, kind=kind)
    if not created:
        raise click.ClickException(
            f"An analysis is already running for {service.name} (run {run.id})."
        )
    run = services.execute_run(run.id, echo=_echo_progress)
    click.echo("")
    if run.status == RunStatus.FAILED:
        raise click.ClickException(run.message)
    click.echo(f"{service.name}: {run.message} ({run.n_comments} comments, run {run.id}).")


@click.command("analyse")
@click.option("--service", "slug", required=True, help="Slug of the service")
def analyse_command(slug: str) -> None:
    """Find themes in a service's feedback (keeps names, curation and action links)."""
    _run(_service(slug), "fit")


@click.command("assign-new")
@click.option("--service", "slug", default=None, help="Slug of one service (default: all)")
def assign_new_command(slug: str | None) -> None:
    """File new feedback under each service's existing themes, without finding themes again."""
    targets = [_service(slug)] if slug else list(db.session.scalars(sa.select(Service)))
    for service in targets:
        _run(service, "assign")
