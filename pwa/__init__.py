"""Unknot: guided relief routines for back spasms, served as JSON to an offline PWA."""

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .api.rate_limit import Limit
from .api.request_body import SizedBody
from .paths import PROJECT_ROOT
from .storing.limits import MAX_BODY_BYTES, MAX_SYNC_BODY_BYTES


def create_app(test_config=None):
    """Build the Flask app: config, database, the validated catalog, the API and the app shell.

    Settings come, each overriding the one before, from the defaults below, then
    `instance/config.py` (or `test_config` when given), with `DATABASE_URL` from the
    environment overriding the database unless `test_config` names one itself.
    """
    app = Flask(__name__, instance_relative_config=True, static_folder=str(PROJECT_ROOT / "static"))
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(app.instance_path) / 'unknot.sqlite'}",
        ROUTINES_DIR=str(PROJECT_ROOT / "routines"),
        STATIC_DIR=str(PROJECT_ROOT / "static"),
        CATALOG_MAX_AGE=300,
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        # Per client address (new accounts, redeeming codes) or per account (making codes).
        # Counted in memory unless RATELIMIT_STORAGE_URI names a shared store (redis://...).
        RATE_LIMITS={
            "new-account": Limit(hits=30, seconds=3600),
            "pairing-redeem": Limit(hits=10, seconds=600),
            "pairing-code": Limit(hits=5, seconds=600),
            "reminder-change": Limit(hits=30, seconds=600),
            "calendar": Limit(hits=60, seconds=600),
        },
        # Web Push: the subject push services may write to about our messages, and the hosts of
        # the push services reminders are sent to (the server posts to a subscription's endpoint,
        # so only to these). VAPID_PRIVATE_KEY (PEM or base64) or else a key made in the instance folder.
        VAPID_SUBJECT="mailto:unknot@localhost",
        PUSH_SERVICE_HOSTS=("fcm.googleapis.com", "android.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"),
        # Tests only: let http://127.0.0.1:<port> stand in for a push service.
        PUSH_ALLOW_LOOPBACK_HTTP=False,
        # How many reverse proxies in front of the app set X-Forwarded-For and -Proto: 0 trusts
        # none. Behind one, set 1, or every client shares the proxy's address (and its rate limits).
        PROXY_FIX_X_FOR=0,
        # Dynamic responses (the shell page, the worker, API JSON) compressed as they go out;
        # static files and the catalog are compressed once, ahead of time.
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_MIMETYPES=["text/html", "text/javascript", "text/csv", "application/json", "application/manifest+json"],
        COMPRESS_BR_LEVEL=5,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    database_url = os.environ.get("DATABASE_URL")
    if database_url:
        app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    # Where the rate limits are counted, shared by every worker and machine (redis://...).
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        app.config["RATELIMIT_STORAGE_URI"] = redis_url
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(app.config["SQLALCHEMY_DATABASE_URI"])

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    # A chunked body (no Content-Length) is read to its end here, never past the largest limit.
    app.wsgi_app = SizedBody(app.wsgi_app, MAX_SYNC_BODY_BYTES)
    if app.config["PROXY_FIX_X_FOR"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"], x_proto=app.config["PROXY_FIX_X_FOR"])

    from . import api, catalog, reminders
    from .api import rate_limit
    from .catalog import cli as catalog_cli
    from .delivery import assets, compression, security, shell, static_files
    from .reminders import jobs, vapid
    from .storing import models

    models.init_app(app)
    vapid.init_app(app)
    rate_limit.init_app(app)
    catalog.init_app(app)
    catalog_cli.init_app(app)
    api.init_app(app)
    assets.init_app(app)
    shell.init_app(app)
    static_files.init_app(app)
    security.init_app(app)
    compression.init_app(app)
    jobs.init_app(app)
    reminders.init_app(app)
    return app


def normalise_database_url(url):
    """A PostgreSQL URL through psycopg 3, the driver we install; `postgres://` (which some hosts
    hand out) included. A URL that names its driver (`postgresql+...://`) is left alone."""
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url
