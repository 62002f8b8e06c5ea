"""`flask routines`: check the whole catalog or one routine file, and list the routines.

`flask routines validate FILE` is the clinician's path: a routine written by hand (or saved
from the app) is checked against the routine schema and against the app's own catalog, so
every exercise, variant and source it names must exist there.
"""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from . import dosage, illustrations_dir, inspect_catalog
from .checks import check_routine
from .files import Fault, format_faults, load_validators, parse_json

routines_cli = AppGroup("routines", help="Check and list the exercise and routine data files.")


def inspect_routine_file(file, catalog, catalog_dir):
    """Return `(routine, faults)` for one routine file checked against `catalog`.

    The schemas come from `catalog_dir`'s `schema/`; the routine is None whenever there is a fault.
    """
    faults = []
    validators = load_validators(Path(catalog_dir), faults)
    if faults:
        return None, faults
    routine = parse_json(file, faults)
    if routine is None:
        return None, faults
    errors = sorted(validators["routines"].iter_errors(routine), key=lambda error: error.json_path)
    faults.extend(Fault(str(file), error.json_path, error.message) for error in errors)
    if errors:
        return None, faults
    exercises = {exercise_id: (None, exercise) for exercise_id, exercise in catalog.exercises.items()}
    check_routine(str(file), routine, exercises, catalog.sources, faults)
    return (None if faults else routine), faults


def validate_file(file):
    """Check one routine file against the app's catalog; print each fault and exit 1 on any."""
    routine, faults = inspect_routine_file(file, current_app.extensions["catalog"], current_app.config["ROUTINES_DIR"])
    if faults:
        click.echo(format_faults(faults))
        raise SystemExit(1)
    minutes = dosage.rounded_minutes(dosage.routine_seconds(routine))
    count = len(routine["items"])
    click.echo(f"{file}: routine '{routine['title']}', {count} exercise{'s' if count != 1 else ''}, about {minutes} min; no faults.")


def validate_directory(directory):
    """Check every data file of a catalog directory; print each fault and exit 1 on any."""
    catalog, faults = inspect_catalog(directory, illustrations_dir(current_app))
    if faults:
        click.echo(format_faults(faults))
        raise SystemExit(1)
    click.echo(f"{directory}: {len(catalog.exercises)} exercises, {len(catalog.routines)} routines, {len(catalog.sources)} sources; no faults.")


@routines_cli.command("validate")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
def validate_command(path):
    """Validate PATH: a catalog directory (default: the app's ROUTINES_DIR), or one routine FILE
    checked against the app's catalog."""
    if path is not None and path.is_file():
        validate_file(path)
    else:
        validate_directory(path or Path(current_app.config["ROUTINES_DIR"]))


@routines_cli.command("list")
def list_command():
    """Print a table of the routines with their computed durations."""
    routines = current_app.extensions["catalog"].routines
    rows = [("ID", "TITLE", "EXERCISES", "DURATION")]
    for routine_id, routine in routines.items():
        seconds = dosage.routine_seconds(routine)
        rows.append((routine_id, routine["title"], str(len(routine["items"])), f"{dosage.rounded_minutes(seconds)} min"))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        click.echo(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}".rstrip())


def init_app(app: Flask):
    """Add `flask routines` to the app's commands."""
    app.cli.add_command(routines_cli)
