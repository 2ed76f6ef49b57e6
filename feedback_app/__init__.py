"""YouSaid: the Flask application factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader
from werkzeug.routing import IntegerConverter

from config import Config

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


def create_app(config_class: type[Config] | Config = Config) -> Flask:
    app = Flask(__name__, template_folder=str(TEMPLATE_DIR))
    app.config.from_object(config_class)
    app.config.from_prefixed_env()
    register_templates(app)
    register_url_converters(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    warm_up(app)
    return app


def warm_up(app: Flask) -> None:
    """Train the learnt risk reader and the learnt sentiment model in the background as the
    server starts (about 15 CPU seconds together), so neither the first person to send
    feedback nor the first filing of it waits for them. Tests train them when first used."""
    if app.testing:
        return
    import threading

    from analysis import risk_learnt, sentiment

    def train() -> None:
        risk_learnt.model()
        risk_learnt.urgency_model()
        sentiment.model()

    threading.Thread(target=train, name="learnt-models-warm-up", daemon=True).start()


def register_templates(app: Flask) -> None:
    # nhsuk-frontend-jinja's components need ChainableUndefined; our templates come first.
    app.jinja_options = {
        **app.jinja_options,
        "undefined": ChainableUndefined,
        # Flask only autoescapes .html files; the NHS.UK components are .jinja files, and text
        # people typed reaches them (labels, hints, error messages), so escape everywhere.
        "autoescape": True,
        "loader": ChoiceLoader(
            [FileSystemLoader(str(TEMPLATE_DIR)), PackageLoader("nhsuk_frontend_jinja")]
        ),
    }
    from feedback_app import templating

    templating.init_app(app)


class IdConverter(IntegerConverter):
    """<int:...> in our routes is a database id: one past the column's range is simply not found
    (a 404 from routing) rather than an overflow inside the database driver."""

    def __init__(self, map, fixed_digits=0, min=None, max=2**31 - 1, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def register_url_converters(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter


def register_extensions(app: Flask) -> None:
    from feedback_app import database
    from feedback_app.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrations = Path(__file__).resolve().parent.parent / "migrations"
    migrate.init_app(app, db, render_as_batch=True, directory=str(migrations))
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    database.init_app(app)


def register_blueprints(app: Flask) -> None:
    from feedback_app.admin.routes import bp as admin_bp
    from feedback_app.assets import bp as assets_bp
    from feedback_app.auth.routes import bp as auth_bp
    from feedback_app.inbox.routes import bp as inbox_bp
    from feedback_app.main.routes import bp as main_bp
    from feedback_app.panels.routes import bp as panels_bp
    from feedback_app.surveys.routes import bp as surveys_bp

    for bp in (assets_bp, main_bp, auth_bp, admin_bp, surveys_bp, panels_bp, inbox_bp):
        app.register_blueprint(bp)
    from feedback_app.actions.routes import bp as actions_bp
    from feedback_app.public.routes import bp as public_bp
    from feedback_app.themes.routes import bp as themes_bp

    for bp in (themes_bp, actions_bp, public_bp):
        app.register_blueprint(bp)


def register_errorhandlers(app: Flask) -> None:
    from feedback_app import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    from feedback_app import cli

    cli.init_app(app)
