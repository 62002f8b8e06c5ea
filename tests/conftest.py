"""Shared fixtures: the app and its clients, breakable copies of the data, a live server for Chromium."""

import os
import shutil
import threading

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from pwa import PROJECT_ROOT, create_app

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


@pytest.fixture
def app():
    """The app as tests see it: testing mode, a private in-memory SQLite database."""
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.fixture
def client(app):
    return app.test_client()


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
    """Keep test output readable: no line per request."""

    def log_request(self, *args, **kwargs):
        pass


class LiveServer:
    """The app behind a real HTTP server on 127.0.0.1, in a thread.

    Requests go to `self.app`, which a test may replace with a newly built app to play
    a deploy while browsers stay connected to the same origin.
    """

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, self, threaded=True, request_handler=QuietRequestHandler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
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
        self.server.shutdown()
        self.thread.join(timeout=5)


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


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """One server for the browser tests, on its own SQLite file."""
    database = tmp_path_factory.mktemp("live") / "unknot.sqlite"
    server = LiveServer(create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"}))
    yield server
    server.stop()


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
def deployable_server(static_copy, start_live_server):
    """A live server on a copy of `static/`; `deploy()` rebuilds its app, as a release would."""
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "STATIC_DIR": str(static_copy)}
    server = start_live_server(create_app(config))

    def deploy():
        server.app = create_app(config)
        return server.app

    server.deploy = deploy
    return server
