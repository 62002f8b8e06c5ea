"""Shared fixtures: the app on an in-memory database, its clients, and a breakable catalog copy."""

import shutil

import pytest

from pwa import PROJECT_ROOT, create_app

ROUTINES_DIR = PROJECT_ROOT / "routines"


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
