"""The routine catalog: exercise, routine and source data files, validated as a whole.

A catalog directory holds `schema/` (the JSON Schemas), `sources.json`, `safety.json`,
`guide.json`, `postures.json`, `plan.json`, `exercises/*.json` and `routines/*.json`; an exercise's or
routine's id is its file name. Every fault is collected, never just the first, so a clinician can fix a whole file in one pass.

Reading the files is `files.py`, the checks across them `checks.py` and `plan.py`, the
timing arithmetic `dosage.py`, `flask routines` `cli.py`; this module puts them together and
loads the catalog into the app.
"""

from dataclasses import dataclass
from pathlib import Path

import click
from flask import Flask

from .checks import check_exercise, check_exercise_postures, check_guide, check_illustrations, check_routine, check_safety, index_postures, index_sources
from .files import by_file, format_faults, load_validators, read_document, read_folder
from .plan import check_plan

KINDS = ("exercises", "routines")


class CatalogError(click.ClickException):
    """The catalog has faults; the app must not start on it.

    A `ClickException` so that `flask run` and every `flask` command print the list of
    faults as a plain message and exit 1, instead of a traceback.
    """

    def __init__(self, faults):
        self.faults = faults
        super().__init__(format_faults(faults))


@dataclass(frozen=True)
class Catalog:
    """The validated data, each mapping keyed by id in file-name order."""

    sources: dict
    exercises: dict
    routines: dict
    safety: dict
    guide: dict
    postures: dict
    plan: dict


def load_catalog(directory, illustrations_dir=None):
    """Load and validate the catalog in `directory`; raise `CatalogError` on any fault."""
    catalog, faults = inspect_catalog(directory, illustrations_dir)
    if faults:
        raise CatalogError(faults)
    return catalog


def inspect_catalog(directory, illustrations_dir=None):
    """Return `(catalog, faults)`: the catalog is None whenever there is any fault.

    With `illustrations_dir`, every illustration an exercise or variant names must be a file there.
    """
    directory = Path(directory)
    faults = []
    validators = load_validators(directory, faults)
    if faults:
        return None, by_file(faults)

    sources_file = directory / "sources.json"
    sources_document = read_document(sources_file, validators["sources"], faults)
    sources = index_sources(sources_file, sources_document, faults)

    postures_file = directory / "postures.json"
    postures_document = read_document(postures_file, validators["postures"], faults)
    postures = index_postures(str(postures_file), postures_document, sources, faults)

    documents = {kind: read_folder(directory / kind, validators[kind], faults) for kind in KINDS}
    exercises, routines = documents["exercises"], documents["routines"]
    for file, exercise in exercises.values():
        if exercise is not None:
            check_exercise(file, exercise, sources, faults)
            check_exercise_postures(file, exercise, postures, faults)
            if illustrations_dir is not None:
                check_illustrations(file, exercise, Path(illustrations_dir), faults)
    for file, routine in routines.values():
        if routine is not None:
            check_routine(file, routine, exercises, sources, faults)

    safety_file, guide_file = directory / "safety.json", directory / "guide.json"
    safety = read_document(safety_file, validators["safety"], faults)
    if safety is not None:
        check_safety(str(safety_file), safety, routines, sources, faults)
    guide = read_document(guide_file, validators["guide"], faults)
    if guide is not None:
        check_guide(str(guide_file), guide, sources, faults)
    plan_file = directory / "plan.json"
    plan = read_document(plan_file, validators["plan"], faults)
    if plan is not None:
        check_plan(str(plan_file), plan, routines, sources, faults)

    if faults:
        return None, by_file(faults)
    return (
        Catalog(
            sources=sources,
            exercises={key: document for key, (_, document) in exercises.items()},
            routines={key: document for key, (_, document) in routines.items()},
            safety=safety,
            guide=guide,
            postures=postures,
            plan=plan,
        ),
        [],
    )


def illustrations_dir(app):
    """Where the exercise illustrations live: `illustrations/` in the app's static folder."""
    return Path(app.config["STATIC_DIR"]) / "illustrations"


def init_app(app: Flask):
    """Load the catalog once at start-up, refusing to start on any fault."""
    app.extensions["catalog"] = load_catalog(app.config["ROUTINES_DIR"], illustrations_dir(app))
