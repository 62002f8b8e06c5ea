"""Shared fixtures: the app and its clients, breakable copies of the data, a live server for Chromium.

The database is migrated SQLite, a fresh copy per test; with `UNKNOT_TEST_DATABASE_URL` set
(`make test` sets it for its PostgreSQL run), it is that database, emptied before each test.

Under pytest-xdist (`-n`) every worker is a process with all of its own: the session's
fixtures (its live server, its browser, its SQLite files under its own temporary folder), its
ports (`tests/servers.py`), and on PostgreSQL a database of its own on the same server.
"""

import contextlib
import os
import shutil
import socket
import threading

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text
from werkzeug.serving import WSGIRequestHandler, make_server

from pwa import PROJECT_ROOT, create_app, normalise_database_url
from pwa.api.rate_limit import Limit
from pwa.storing.db import db, upgrade_database
from tests.servers import free_port

ROUTINES_DIR = PROJECT_ROOT / "routines"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture
def routines_dir():
    """The real, shipped catalog directory (read it, never write it)."""
    return ROUTINES_DIR


SERVER_DATABASE_URL = normalise_database_url(os.environ.get("UNKNOT_TEST_DATABASE_URL", "")) or None


def worker_database_url(url, worker):
    """The database of xdist's worker `worker` ("gw0", ...) on the server of `url`: "unknot_gw0"
    beside "unknot", so workers never empty each other's tables mid-test."""
    if not (url and worker):
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


TEST_DATABASE_URL = worker_database_url(SERVER_DATABASE_URL, os.environ.get("PYTEST_XDIST_WORKER"))
TABLES = ("function_checks", "reminders", "sets", "sessions", "own_routines", "pairing_codes", "devices", "accounts")


def create_worker_database():
    """Create this worker's database on the PostgreSQL server, unless a run before made it."""
    engine = create_engine(SERVER_DATABASE_URL, isolation_level="AUTOCOMMIT")
    name = make_url(TEST_DATABASE_URL).database
    with engine.connect() as connection:
        if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first() is None:
            connection.execute(text(f"CREATE DATABASE {connection.dialect.identifier_preparer.quote(name)}"))
    engine.dispose()


def migrate(database_uri):
    """Apply every migration to the database at `database_uri`, as `flask db upgrade` does."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri})
    with app.app_context():
        upgrade_database()
        db.engine.dispose()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    """A migrated SQLite file, made once; tests get copies. On PostgreSQL: the schema, rebuilt once."""
    if TEST_DATABASE_URL:
        if TEST_DATABASE_URL != SERVER_DATABASE_URL:
            create_worker_database()
        engine = create_engine(TEST_DATABASE_URL)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
        migrate(TEST_DATABASE_URL)
        return None
    path = tmp_path_factory.mktemp("template") / "unknot.sqlite"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture
def database_uri(migrated_template, tmp_path):
    """A migrated, empty database of this test's own."""
    if TEST_DATABASE_URL:
        engine = create_engine(TEST_DATABASE_URL)
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return TEST_DATABASE_URL
    path = tmp_path / "unknot.sqlite"
    shutil.copyfile(migrated_template, path)
    return f"sqlite:///{path}"


def dispose(app):
    """Close the app's database connections (PostgreSQL warns of any left open)."""
    with app.app_context():
        db.engine.dispose()


class BufferedClient(FlaskClient):
    """A test client that reads each answer whole and closes it, as a server would.

    WhiteNoise answers with the open file behind it; unclosed, it would warn.
    """

    def open(self, *args, buffered=True, **kwargs):
        return super().open(*args, buffered=buffered, **kwargs)


@pytest.fixture
def app(database_uri, tmp_path):
    """The app as tests see it: testing mode, a migrated database and a VAPID key of the test's own."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, "VAPID_KEY_FILE": str(tmp_path / "vapid-private-key.pem")})
    app.test_client_class = BufferedClient
    yield app
    dispose(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def sign_in(client):
    """Sign a new device in (on a new account, or with a pairing code); returns its auth headers."""

    def sign(name="Phone", pairing_code=None):
        body = {"name": name} | ({"pairingCode": pairing_code} if pairing_code else {})
        response = client.post("/api/v1/devices", json=body)
        assert response.status_code == 201, response.json
        return {"Authorization": f"Bearer {response.json['token']}"}

    return sign


@pytest.fixture
def auth(sign_in):
    """The headers of a device signed in on a fresh account."""
    return sign_in()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def catalog_copy(tmp_path):
    """A writable copy of the real catalog directory, to break on purpose."""
    target = tmp_path / "routines"
    shutil.copytree(ROUTINES_DIR, target)
    return target


class QuietRequestHandler(WSGIRequestHandler):
    """Keep test output readable (no line per request), and keep count of open connections."""

    def log_request(self, *args, **kwargs):
        pass

    def setup(self):
        super().setup()
        self.server.open_connections.add(self.connection)

    def finish(self):
        self.server.open_connections.discard(self.connection)
        super().finish()


class LiveServer:
    """The app behind a real HTTP server on 127.0.0.1, in a thread.

    Requests go to `self.app`, which a test may replace with a newly built app to play
    a deploy while browsers stay connected to the same origin. `stop()` and `start()` take
    the server off the network and put it back on the same port: an offline test's proof that
    nothing it shows came from the server.
    """

    def __init__(self, app):
        self.app = app
        self.server = None
        self.start(free_port())

    def start(self, port=None):
        """Listen on `port`, by default the one this server had before it was stopped."""
        self.server = make_server("127.0.0.1", self.port if port is None else port, self, threaded=True, request_handler=QuietRequestHandler)
        self.server.open_connections = set()
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def __call__(self, environ, start_response):
        # werkzeug's server reads the socket before closing a response; when the browser has
        # already dropped the connection that read fails and a static file stays open. Buffer
        # each body and close the response here, so nothing is left to the server's clean-up.
        body = self.app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    def stop(self):
        """Stop listening and drop every open connection: a kept-alive one would still answer."""
        if self.server is None:
            return
        self.server.shutdown()
        for connection in list(self.server.open_connections):
            with contextlib.suppress(OSError):  # already closed by the browser
                connection.shutdown(socket.SHUT_RDWR)
        self.thread.join(timeout=5)
        self.server.server_close()
        self.server = None


@pytest.fixture
def start_live_server():
    """Start extra live servers (for example on a copy of `static/`); all stop after the test."""
    servers = []

    def start(app):
        servers.append(LiveServer(app))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()
        dispose(server.app)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, migrated_template):
    """One server for the browser tests, on its own migrated SQLite file."""
    database = tmp_path_factory.mktemp("live") / "unknot.sqlite"
    shutil.copyfile(migrated_template, database)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    # Every browser context that finishes a routine signs in a new account, all from 127.0.0.1.
    app.config["RATE_LIMITS"] = {**app.config["RATE_LIMITS"], "new-account": Limit(hits=100_000, seconds=3600)}
    server = LiveServer(app)
    yield server
    server.stop()
    dispose(server.app)


@pytest.fixture(scope="session")
def base_url(live_server):
    """Playwright's relative URLs (`page.goto("/")`) go to the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, with the flags that keep it off the closed network."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def static_copy(tmp_path):
    """A writable copy of `static/` without its build outputs, to change a file on purpose."""
    target = tmp_path / "static"
    shutil.copytree(PROJECT_ROOT / "static", target, ignore=shutil.ignore_patterns("gen"))
    return target


@pytest.fixture
def deployable_server(static_copy, start_live_server, database_uri):
    """A live server on a copy of `static/`; `deploy()` rebuilds its app, as a release would."""
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, "STATIC_DIR": str(static_copy)}
    server = start_live_server(create_app(config))

    def deploy():
        dispose(server.app)
        server.app = create_app(config)
        return server.app

    server.deploy = deploy
    return server


# Fixtures that launch Chromium (pytest-playwright's `page` and `context` come through `browser`).
BROWSER_FIXTURES = {"browser", "browser_type"}


def pytest_collection_modifyitems(items):
    """Mark `browser` each test that drives Chromium: `make test-fast` (-m "not browser") leaves them out."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
