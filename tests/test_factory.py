"""The app factory: configuration sources, the database URL, and refusing a broken catalog."""

import json
from pathlib import Path

import pytest

from pwa import create_app
from pwa.catalog import CatalogError


def test_defaults_use_sqlite_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert not app.testing
    expected = Path(app.instance_path) / "unknot.sqlite"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{expected}"


def test_a_test_config_overrides_the_defaults_it_names_and_keeps_the_rest():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "CATALOG_MAX_AGE": 7})
    assert app.testing
    assert (app.config["SQLALCHEMY_DATABASE_URI"], app.config["CATALOG_MAX_AGE"]) == ("sqlite://", 7)
    assert app.config["PROXY_FIX_X_FOR"] == 0  # a default the mapping did not name


def test_database_url_overrides_the_sqlite_default(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://unknot:secret@127.0.0.1:5432/unknot")
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://unknot:secret@127.0.0.1:5432/unknot"


def test_postgres_scheme_from_hosting_providers_is_accepted(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://unknot@127.0.0.1/unknot")
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://unknot@127.0.0.1/unknot"


def test_an_explicit_test_database_wins_over_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://unknot@127.0.0.1/unknot")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"


def test_start_up_refuses_a_broken_catalog_naming_file_and_path(catalog_copy):
    routine_file = catalog_copy / "routines" / "back-basics.json"
    routine = json.loads(routine_file.read_text())
    routine["items"][1]["exercise"] = "handstand"
    routine_file.write_text(json.dumps(routine))

    with pytest.raises(CatalogError) as raised:
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "ROUTINES_DIR": str(catalog_copy)})

    assert f"{routine_file}: $.items[1].exercise: unknown exercise 'handstand'" in str(raised.value.message)
