"""The migrations build the schema the models describe, on a fresh SQLite file."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from config import TestConfig
from feedback_app import create_app
from feedback_app.extensions import db


@pytest.fixture
def migrated_app(tmp_path):
    class Config(TestConfig):
        # Always SQLite here, even when the other tests run on PostgreSQL.
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"

    app = create_app(Config)
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()


def _script(app) -> ScriptDirectory:
    return ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())


def test_upgrade_creates_every_table(migrated_app):
    tables = set(sa.inspect(db.engine).get_table_names())
    assert set(db.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_there_is_one_head_and_the_database_is_at_it(migrated_app):
    heads = _script(migrated_app).get_heads()
    assert len(heads) == 1, f"migrations have several heads: {heads}"
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    assert tuple(current) == tuple(heads)


def test_models_and_migrated_database_do_not_differ(migrated_app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"the models and the migrations differ: {differences}"


def test_flask_db_check_agrees(migrated_app):
    result = migrated_app.test_cli_runner().invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(db.engine).get_columns(table)}


def test_member_erasure_migration_downgrades_and_upgrades_keeping_members(migrated_app):
    with db.engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO service (id, name, slug, description, created_at) VALUES (1, 'North', "
            "'north', '', '2026-01-01 00:00:00')"
        ))
        connection.execute(sa.text(
            "INSERT INTO panel (id, service_id, name, description, created_at) "
            "VALUES (1, 1, 'Panel', '', '2026-01-01 00:00:00')"
        ))
        connection.execute(sa.text(
            "INSERT INTO panel_member (id, panel_id, display_name, is_pseudonym, contact_consent,"
            " access_needs, access_notes, created_at, erased_at) VALUES (7, 1, 'Former member 7',"
            " 1, 0, '[]', '', '2026-01-01 00:00:00', '2026-11-27 09:00:00')"
        ))
    assert {"erased_at", "erased_by_id"} <= _columns("panel_member")

    downgrade(revision="0002_themes_actions")
    assert not {"erased_at", "erased_by_id"} & _columns("panel_member")
    with db.engine.connect() as connection:
        names = connection.execute(sa.text("SELECT display_name FROM panel_member")).scalars()
        assert list(names) == ["Former member 7"]

    upgrade()
    assert {"erased_at", "erased_by_id"} <= _columns("panel_member")
    with db.engine.connect() as connection:
        erased = connection.execute(sa.text("SELECT erased_at FROM panel_member")).scalars()
        assert list(erased) == [None]  # the date went with the column; the member stayed
