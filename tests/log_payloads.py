"""Sessions and sets shaped as the player logs them, for the sync tests to send."""

import uuid
from datetime import UTC, datetime, timedelta

BASE_TIME = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


def iso(moment):
    """A time as the browser writes it (`Date.prototype.toISOString`)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def a_set(order=0, **fields):
    """One finished set of bridges, held five times for 5 s."""
    return {
        "id": str(uuid.uuid4()),
        "order": order,
        "exerciseId": "bridge",
        "exerciseName": "Bridge",
        "variantId": None,
        "set": 1,
        "side": None,
        "repsPlanned": 5,
        "repsDone": 5,
        "holdSecondsPlanned": 5,
        "heldSeconds": [5, 5, 5, 5, 5.1],
        "skipped": False,
        "recordedAt": iso(BASE_TIME + timedelta(minutes=1 + order)),
        **fields,
    }


def a_session(day=0, sets=2, **fields):
    """A completed Back basics session `day` days after BASE_TIME, with `sets` sets."""
    started = BASE_TIME + timedelta(days=day)
    return {
        "id": str(uuid.uuid4()),
        "routineId": "back-basics",
        "routineTitle": "Back basics",
        "startedAt": iso(started),
        "endedAt": iso(started + timedelta(minutes=7)),
        "painBefore": 6,
        "painAfter": 4,
        "note": "",
        "status": "completed",
        "stopReason": None,
        "exerciseStops": [],
        "updatedAt": iso(started + timedelta(minutes=7, seconds=5)),
        "sets": [a_set(order, recordedAt=iso(started + timedelta(minutes=1 + order))) for order in range(sets)],
        **fields,
    }
