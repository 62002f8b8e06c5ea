"""Sessions and sets shaped as the player logs them, for the sync tests to send.

Their fields come from the wire models' own examples, so a new field needs no change here.
"""

import copy
import uuid
from datetime import UTC, datetime, timedelta

from pwa.api.log_wire import SESSION_EXAMPLE, SET_EXAMPLE

BASE_TIME = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


def iso(moment):
    """A time as the browser writes it (`Date.prototype.toISOString`)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def a_set(order=0, **fields):
    """One finished set of bridges, held five times for 5 s."""
    return {
        **copy.deepcopy(SET_EXAMPLE),
        "id": str(uuid.uuid4()),
        "order": order,
        "recordedAt": iso(BASE_TIME + timedelta(minutes=1 + order)),
        **fields,
    }


def a_session(day=0, sets=2, **fields):
    """A completed Back basics session `day` days after BASE_TIME, with `sets` sets."""
    started = BASE_TIME + timedelta(days=day)
    return {
        **copy.deepcopy(SESSION_EXAMPLE),
        "id": str(uuid.uuid4()),
        "startedAt": iso(started),
        "endedAt": iso(started + timedelta(minutes=7)),
        "updatedAt": iso(started + timedelta(minutes=7, seconds=5)),
        "sets": [a_set(order, recordedAt=iso(started + timedelta(minutes=1 + order))) for order in range(sets)],
        **fields,
    }
