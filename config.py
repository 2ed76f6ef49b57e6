"""Configuration classes. Secrets and the database come from the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("YOUSAID_INSTANCE", BASE_DIR / "instance"))


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'yousaid.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True}
    # A person may take a long time to write about their experience: keep the CSRF token valid
    # for a day, and even when it has expired the form comes back with every answer kept.
    WTF_CSRF_TIME_LIMIT = 24 * 3600
    MAX_CONTENT_LENGTH = 512 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    FEEDBACK_TEXT_MAX = 5000
    PAGE_SIZE = 25
    # Where nhsuk-frontend's compiled CSS, JS and images are served from (installed by npm).
    NHSUK_FRONTEND_DIST = os.environ.get(
        "NHSUK_FRONTEND_DIST", str(BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk")
    )
    MODEL_DIR = os.environ.get("YOUSAID_MODEL_DIR", str(INSTANCE_DIR / "models"))
    # File each new comment under the service's existing themes as it arrives (in the
    # background, never inside the request that brought it).
    ASSIGN_ON_ARRIVAL = True
    # The theme engine's backend: "default" (TF-IDF + LSA, always installed) or "embeddings"
    # (sentence embeddings: better themes, needs `pip install '.[embeddings]'`; see README).
    # Set it with the environment variable FLASK_THEMES_BACKEND=embeddings.
    THEMES_BACKEND = "default"


class TestConfig(Config):
    TESTING = True
    # Tests that want new feedback filed under themes as it arrives turn this on and wait.
    ASSIGN_ON_ARRIVAL = False
    SECRET_KEY = "test-secret"  # noqa: S105 - fixed key for tests only
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True

    def __init__(self) -> None:
        if not os.environ.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set in production")
        self.SECRET_KEY = os.environ["SECRET_KEY"]
