"""The person's log: sync a batch in, page through it, export it as CSV."""

import base64
import binascii
import csv
import io

from flask import Response, current_app, g, request, stream_with_context
from sqlalchemy.exc import IntegrityError

from .. import sync
from ..db import db
from ..timestamps import iso, parse_time, utc_now
from . import bp
from .auth import device_required, unauthorized
from .errors import ApiError
from .openapi import MAX_SYNC_BODY_BYTES, SESSIONS_PAGE_DEFAULT, SESSIONS_PAGE_MAX
from .requests import json_body

CSV_COLUMNS = [
    "session_id", "routine_id", "routine_title", "started_at", "ended_at", "status", "stop_reason",
    "pain_before", "pain_after", "note", "set_order", "exercise_id", "exercise_name", "variant_id",
    "set", "side", "reps_planned", "reps_done", "hold_seconds_planned", "held_seconds", "skipped", "recorded_at",
]  # fmt: skip
CSV_PAGE = 200


def unknown(field, what, value):
    return ApiError(422, f"{field}: there is no {what} '{value}'.", field)


def parsed(text, field):
    """A time the schema let through, as naive UTC; a 400 naming the field if no such time exists."""
    try:
        return parse_time(text)
    except ValueError:
        raise ApiError(400, f"{field}: '{text}' is not a real date and time.", field) from None


def check_against_catalog(sessions):
    """The checks a schema cannot make: known routines, exercises, variants and stop reasons; times in order."""
    catalog = current_app.extensions["catalog"]
    reasons = {reason["id"] for reason in catalog.safety["stop_reasons"]}
    for index, session in enumerate(sessions):
        at = f"sessions[{index}]"
        times = {name: parsed(session[name], f"{at}.{name}") for name in ("startedAt", "endedAt", "updatedAt") if session[name]}
        if session["routineId"] not in catalog.routines:
            raise unknown(f"{at}.routineId", "routine", session["routineId"])
        if "endedAt" in times and times["endedAt"] < times["startedAt"]:
            raise ApiError(422, f"{at}.endedAt: the session ends before it starts.", f"{at}.endedAt")
        if session["stopReason"] is not None and session["stopReason"] not in reasons:
            raise unknown(f"{at}.stopReason", "stop reason", session["stopReason"])
        for stop_index, stop in enumerate(session.get("exerciseStops", [])):
            if stop["exerciseId"] not in catalog.exercises:
                raise unknown(f"{at}.exerciseStops[{stop_index}].exerciseId", "exercise", stop["exerciseId"])
            if stop["reason"] not in reasons:
                raise unknown(f"{at}.exerciseStops[{stop_index}].reason", "stop reason", stop["reason"])
        for set_index, record in enumerate(session["sets"]):
            exercise = catalog.exercises.get(record["exerciseId"])
            if exercise is None:
                raise unknown(f"{at}.sets[{set_index}].exerciseId", "exercise", record["exerciseId"])
            if record["variantId"] is not None and record["variantId"] not in {variant["id"] for variant in exercise["variants"]}:
                raise unknown(f"{at}.sets[{set_index}].variantId", f"variant of '{record['exerciseId']}' called", record["variantId"])
            parsed(record["recordedAt"], f"{at}.sets[{set_index}].recordedAt")


@bp.post("/sync")
@device_required
def sync_sessions():
    """Store a batch of sessions with their sets, exactly once; say what became of each."""
    # A batch of finished routines is bigger than any other body this API takes.
    request.max_content_length = MAX_SYNC_BODY_BYTES
    batch = json_body("SyncBatch")
    check_against_catalog(batch["sessions"])
    try:
        return sync.store_batch(g.device.account_id, batch["sessions"], utc_now())
    except IntegrityError:
        # The account was deleted (from another device) while this batch was being stored.
        db.session.rollback()
        raise unauthorized("This account was deleted. Sign this device in again.") from None


def session_json(session):
    return {
        "id": session.client_id,
        "routineId": session.routine_id,
        "routineTitle": session.routine_title,
        "startedAt": iso(session.started_at),
        "endedAt": iso(session.ended_at) if session.ended_at else None,
        "painBefore": session.pain_before,
        "painAfter": session.pain_after,
        "note": session.note,
        "status": session.status,
        "stopReason": session.stop_reason,
        "exerciseStops": session.exercise_stops,
        "updatedAt": iso(session.updated_at),
        "sets": [
            {
                "id": record.client_id,
                "order": record.order,
                "exerciseId": record.exercise_id,
                "exerciseName": record.exercise_name,
                "variantId": record.variant_id,
                "set": record.set_number,
                "side": record.side,
                "repsPlanned": record.reps_planned,
                "repsDone": record.reps_done,
                "holdSecondsPlanned": record.hold_seconds_planned,
                "heldSeconds": record.held_seconds,
                "skipped": record.skipped,
                "recordedAt": iso(record.recorded_at),
            }
            for record in session.sets
        ],
    }


def encode_cursor(session):
    # Full precision: a cursor rounded to milliseconds could skip a session started within that millisecond.
    started = session.started_at.isoformat(timespec="microseconds") + "Z"
    return base64.urlsafe_b64encode(f"{started}|{session.client_id}".encode()).decode().rstrip("=")


def decode_cursor(text):
    """The (started_at, client_id) a `before` cursor points after; a 400 naming `before` if it is not one."""
    try:
        started, client_id = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode().split("|")
        return parse_time(started), client_id
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ApiError(400, "before: this is not a `next` value from an earlier page.", "before") from None


def page_limit():
    text = request.args.get("limit")
    if text is None:
        return SESSIONS_PAGE_DEFAULT
    # isascii: "²" is a digit to str.isdigit, and int() refuses it.
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= SESSIONS_PAGE_MAX:
        raise ApiError(400, f"limit: give a whole number from 1 to {SESSIONS_PAGE_MAX}.", "limit")
    return int(text)


@bp.get("/sessions")
@device_required
def list_sessions():
    """The account's sessions with their sets, newest first, a page at a time."""
    limit = page_limit()
    before = decode_cursor(request.args["before"]) if "before" in request.args else None
    sessions = sync.page_of_sessions(g.device.account_id, limit + 1, before)
    page = sessions[:limit]
    next_cursor = encode_cursor(page[-1]) if len(sessions) > limit else None
    return {"sessions": [session_json(session) for session in page], "next": next_cursor}, 200, {"Cache-Control": "no-store"}


def spreadsheet_safe(value):
    """Text a spreadsheet will show, never run: a leading =, +, - or @ would make it a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_rows(session):
    head = [
        session.client_id, session.routine_id, spreadsheet_safe(session.routine_title), iso(session.started_at),
        iso(session.ended_at) if session.ended_at else "", session.status, session.stop_reason or "",
        "" if session.pain_before is None else session.pain_before, "" if session.pain_after is None else session.pain_after,
        spreadsheet_safe(session.note),
    ]  # fmt: skip
    if not session.sets:
        return [head + [""] * (len(CSV_COLUMNS) - len(head))]
    return [
        head
        + [
            record.order, record.exercise_id, spreadsheet_safe(record.exercise_name), record.variant_id or "",
            record.set_number, record.side or "", record.reps_planned, record.reps_done,
            "" if record.hold_seconds_planned is None else record.hold_seconds_planned,
            " ".join(f"{seconds:g}" for seconds in record.held_seconds), "yes" if record.skipped else "no", iso(record.recorded_at),
        ]  # fmt: skip
        for record in session.sets
    ]


@bp.get("/sessions.csv")
@device_required
def export_csv():
    """Every session of the account, oldest first, a row per set, streamed page by page."""
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
                return
            last = (sessions[-1].started_at, sessions[-1].client_id)

    headers = {"Content-Disposition": 'attachment; filename="unknot-sessions.csv"', "Cache-Control": "no-store"}
    return Response(stream_with_context(generate()), mimetype="text/csv", headers=headers)
