"""The person's own routines: a batch synced in exactly once, and the whole list to pull."""

from dataclasses import asdict
from pathlib import Path

from flask import current_app, g
from sqlalchemy.exc import IntegrityError

from ..catalog.checks import check_routine
from ..catalog.files import load_validators
from ..storing import limits, own_routines
from ..storing.db import db
from ..storing.timestamps import utc_now
from .auth import device_required, unauthorized
from .blueprint import bp
from .device_views import lock_account
from .errors import ApiError
from .own_routine_wire import OwnRoutineBatch, OwnRoutineList, OwnRoutineRecord
from .spec import body_limit, errors, responses, spec
from .wire import UNSTORABLE_TEXT, SyncResult


def routine_validator():
    """The catalog's own validator of routine files, made once per app from its `schema/` folder."""
    validator = current_app.extensions.get("own_routine_validator")
    if validator is None:
        faults = []
        validator = load_validators(Path(current_app.config["ROUTINES_DIR"]), faults)["routines"]
        current_app.extensions["own_routine_validator"] = validator
    return validator


def wire_path(json_path):
    """`$.items[0].sets` as the part of a request field after `routine`: `.items[0].sets`."""
    return json_path.removeprefix("$")


def unstorable_at(value, path=""):
    """The path of the first text in a document no database can store (a NUL, half a UTF-16 pair), or None."""
    if isinstance(value, str):
        return path if UNSTORABLE_TEXT.search(value) else None
    if isinstance(value, dict):
        entries = [(f"{path}.{key}", key, entry) for key, entry in value.items()]
    elif isinstance(value, list):
        entries = [(f"{path}[{index}]", "", entry) for index, entry in enumerate(value)]
    else:
        return None
    for where, key, entry in entries:
        if UNSTORABLE_TEXT.search(key):
            return where
        found = unstorable_at(entry, where)
        if found is not None:
            return found
    return None


def check_routines(records):
    """Each document against the routine schema, then against the catalog (exercises, variants,
    sides, sources); the first fault is a 422 naming its field."""
    validator = routine_validator()
    catalog = current_app.extensions["catalog"]
    exercises = {key: (None, exercise) for key, exercise in catalog.exercises.items()}
    for index, record in enumerate(records):
        if record.routine is None:
            continue
        at = f"routines[{index}].routine"
        where = unstorable_at(record.routine)
        if where is not None:
            field = at + where
            raise ApiError(422, f"{field}: holds a character that cannot be stored (NUL or half of a UTF-16 pair)", field)
        error = next(iter(sorted(validator.iter_errors(record.routine), key=lambda fault: fault.json_path)), None)
        if error is not None:
            field = at + wire_path(error.json_path)
            raise ApiError(422, f"{field}: {error.message[:200]}", field)
        faults = []
        check_routine("routine", record.routine, exercises, catalog.sources, faults, legacy_ok=True)
        if faults:
            field = at + wire_path(faults[0].path)
            raise ApiError(422, f"{field}: {faults[0].message}", field)


@bp.post("/own-routines")
@device_required
@body_limit(limits.MAX_OWN_ROUTINES_BODY_BYTES)
@spec.validate(
    json=OwnRoutineBatch,
    resp=responses(
        HTTP_200=(SyncResult, "What became of each routine."),
        **errors(400, 401, 413, 422, HTTP_422="A routine breaks the routine schema or names an unknown exercise or variant, or the account would hold too many: `error.field` names it."),
    ),
    tags=["own routines"],
)
def sync_own_routines(json: OwnRoutineBatch):
    """Store a batch of own routines, each exactly once

    Idempotent by the client's UUIDs. A routine sent again with a later `updatedAt` replaces the
    stored one (never an older edit over a newer one); a deletion is a tombstone, of which the
    account keeps the latest 1000 (and those its sessions name).
    """
    check_routines(json.routines)
    account_id = g.device.account_id
    try:
        lock_account(account_id)
        if own_routines.live_after(account_id, json.routines) > limits.MAX_OWN_ROUTINES:
            raise ApiError(422, f"routines: an account keeps at most {limits.MAX_OWN_ROUTINES} routines of its own; delete one to add another.", "routines")
        return SyncResult.of(**asdict(own_routines.store_routines(account_id, json.routines, utc_now())))
    except IntegrityError:
        # The account was deleted (from another device) while this batch was being stored.
        db.session.rollback()
        raise unauthorized("This account was deleted. Sign this device in again.") from None


@bp.get("/own-routines")
@device_required
@spec.validate(resp=responses(HTTP_200=(OwnRoutineList, "Every own routine of the account."), **errors(401)), tags=["own routines"])
def list_own_routines():
    """Every own routine of the account, deleted ones as tombstones"""
    rows = own_routines.list_routines(g.device.account_id)
    return OwnRoutineList.of(routines=[OwnRoutineRecord.from_row(row) for row in rows]), 200, {"Cache-Control": "no-store"}
