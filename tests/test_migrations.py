"""The migrations build the schema the models describe, on a fresh SQLite file."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

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
