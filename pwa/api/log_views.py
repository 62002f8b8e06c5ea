"""The person's log: sync a batch in, page through it, export it (with the weekly checks) as CSV."""

import csv
import io
from dataclasses import asdict

from flask import Response, current_app, g, stream_with_context
from sqlalchemy.exc import IntegrityError

from .. import base64url
from ..storing import function_checks, limits, own_routines, sync
from ..storing.db import db
from ..storing.timestamps import parse_time, utc_now
from .auth import device_required, unauthorized
from .blueprint import bp
from .errors import ApiError
from .function_check_wire import readable_checks
from .log_wire import SessionPage, SessionPageQuery, SessionRecord, SetRecord, SyncBatch
from .spec import body_limit, errors, responses, spec
from .wire import SyncResult

CSV_PAGE = 200
# CSV headers: the field names, but for the ids, which say whose id they are.
CSV_NAMES = {SessionRecord: {"client_id": "session_id"}, SetRecord: {"client_id": "set_id", "order": "set_order", "set_number": "set"}}
# Nested lists, and the client's edit time (a sync detail, not a fact of the session).
CSV_LEFT_OUT = {"sets", "exercise_stops", "updated_at"}


def unknown(field, what, value):
    return ApiError(422, f"{field}: there is no {what} '{value}'.", field)


def check_against_catalog(sessions, account_id):
    """The checks a schema cannot make: known routines (the catalog's, or the account's own),
    exercises, variants and stop reasons; times in order."""
    catalog = current_app.extensions["catalog"]
    reasons = {reason["id"] for reason in catalog.safety["stop_reasons"]}
    own = own_routines.known_ids(account_id, {session.routine_id for session in sessions if session.routine_id not in catalog.routines})
    for index, session in enumerate(sessions):
        at = f"sessions[{index}]"
        if session.routine_id not in catalog.routines and session.routine_id not in own:
            raise unknown(f"{at}.routineId", "routine", session.routine_id)
        if session.ended_at is not None and session.ended_at < session.started_at:
            raise ApiError(422, f"{at}.endedAt: the session ends before it starts.", f"{at}.endedAt")
        if session.stop_reason is not None and session.stop_reason not in reasons:
            raise unknown(f"{at}.stopReason", "stop reason", session.stop_reason)
        for stop_index, stop in enumerate(session.exercise_stops):
            if stop.exercise_id not in catalog.exercises:
                raise unknown(f"{at}.exerciseStops[{stop_index}].exerciseId", "exercise", stop.exercise_id)
            if stop.reason not in reasons:
                raise unknown(f"{at}.exerciseStops[{stop_index}].reason", "stop reason", stop.reason)
        for set_index, record in enumerate(session.sets):
            exercise = catalog.exercises.get(record.exercise_id)
            if exercise is None:
                raise unknown(f"{at}.sets[{set_index}].exerciseId", "exercise", record.exercise_id)
            if record.variant_id is not None and record.variant_id not in {variant["id"] for variant in exercise["variants"]}:
                raise unknown(f"{at}.sets[{set_index}].variantId", f"variant of '{record.exercise_id}' called", record.variant_id)


@bp.post("/sync")
@device_required
@body_limit(limits.MAX_SYNC_BODY_BYTES)
@spec.validate(
    json=SyncBatch,
    resp=responses(
        HTTP_200=(SyncResult, "What became of each session."),
        **errors(400, 401, 413, 422, HTTP_422="A session names an unknown routine, exercise, variant or stop reason, or ends before it starts: `error.field` names it."),
    ),
    tags=["log"],
)
def sync_sessions(json: SyncBatch):
    """Store a batch of sessions with their sets, exactly once

    Idempotent by the client's UUIDs: a retry, a duplicate, a reordered or concurrent batch never
    stores anything twice. A session sent again with a later `updatedAt` replaces the stored one;
    sets are added, never duplicated.
    """
    check_against_catalog(json.sessions, g.device.account_id)
    try:
        return SyncResult.of(**asdict(sync.store_batch(g.device.account_id, json.sessions, utc_now())))
    except IntegrityError:
        # The account was deleted (from another device) while this batch was being stored.
        db.session.rollback()
        raise unauthorized("This account was deleted. Sign this device in again.") from None


def encode_cursor(session):
    # Full precision: a cursor rounded to milliseconds could skip a session started within that millisecond.
    started = session.started_at.isoformat(timespec="microseconds") + "Z"
    return base64url.encode(f"{started}|{session.client_id}".encode())


def decode_cursor(text):
    """The (started_at, client_id) a `before` cursor points after; a 400 naming `before` if it is not one."""
    try:
        started, client_id = base64url.decode(text).decode().split("|")
        return parse_time(started), client_id
    except ValueError:  # not base64url, not UTF-8, not two parts, or not a time
        raise ApiError(400, "before: this is not a `next` value from an earlier page.", "before") from None


@bp.get("/sessions")
@device_required
@spec.validate(query=SessionPageQuery, resp=responses(HTTP_200=(SessionPage, "A page of sessions."), **errors(400, 401)), tags=["log"])
def list_sessions(query: SessionPageQuery):
    """The account's sessions with their sets, newest first, a page at a time"""
    before = decode_cursor(query.before) if query.before is not None else None
    sessions = sync.page_of_sessions(g.device.account_id, query.limit + 1, before)
    page = sessions[: query.limit]
    next_cursor = encode_cursor(page[-1]) if len(sessions) > query.limit else None
    body = SessionPage.of(sessions=[SessionRecord.from_row(session) for session in page], next=next_cursor)
    return body, 200, {"Cache-Control": "no-store"}


def spreadsheet_safe(value):
    """Text a spreadsheet will show, never run: a leading =, +, - or @ would make it a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_fields(model):
    return [name for name in model.model_fields if name not in CSV_LEFT_OUT]


def csv_cells(model, record):
    """A record's CSV cells: times as the API writes them, lists space-separated, yes and no."""
    values = record.model_dump(mode="json", by_alias=False, include=set(csv_fields(model)))
    cells = []
    for name in csv_fields(model):
        value = values[name]
        if value is None:
            value = ""
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, list):
            value = " ".join(f"{item:g}" for item in value)
        cells.append(spreadsheet_safe(value))
    return cells


LOG_COLUMNS = [CSV_NAMES[model].get(name, name) for model in (SessionRecord, SetRecord) for name in csv_fields(model)]
# The weekly function check, after the log: a row per activity rated, its log columns empty
# (and a session's row has these empty), so one filter on check_id shows either.
CHECK_COLUMNS = ["check_id", "check_taken_at", "activity", "activity_score"]
CSV_COLUMNS = LOG_COLUMNS + CHECK_COLUMNS


def csv_rows(row):
    session = SessionRecord.from_row(row)
    head = csv_cells(SessionRecord, session)
    no_check = [""] * len(CHECK_COLUMNS)
    if not session.sets:
        return [head + [""] * len(csv_fields(SetRecord)) + no_check]
    return [head + csv_cells(SetRecord, record) + no_check for record in session.sets]


def check_rows(check):
    """A weekly check's CSV rows: one per activity, in the person's order."""
    taken = check.model_dump(mode="json")["takenAt"]
    blank = [""] * len(LOG_COLUMNS)
    return [[*blank, check.client_id, taken, spreadsheet_safe(activity.name), activity.score] for activity in check.activities]


@bp.get("/sessions.csv")
@device_required
@spec.validate(resp=responses(HTTP_200=None, **errors(401)), tags=["log"], skip_validation=True)
def export_csv():
    """Every session of the account as CSV, a row per set, then its weekly checks, a row per activity

    Oldest first; a session without sets is one row with empty set columns; a weekly check's rows
    have the log's columns empty, a session's row the check's. Streamed page by page.
    """
    account_id = g.device.account_id

    def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        last = None
        while True:
            sessions = sync.page_of_sessions(account_id, CSV_PAGE, last, newest_first=False)
            for session in sessions:
                writer.writerows(csv_rows(session))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            if len(sessions) < CSV_PAGE:
                break
            last = (sessions[-1].started_at, sessions[-1].client_id)
        for check in readable_checks(function_checks.list_checks(account_id)):
            writer.writerows(check_rows(check))
        yield buffer.getvalue()

    headers = {"Content-Disposition": 'attachment; filename="unknot-sessions.csv"', "Cache-Control": "no-store"}
    return Response(stream_with_context(generate()), mimetype="text/csv", headers=headers)
