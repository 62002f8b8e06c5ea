"""The log's shapes on the wire: sessions and their sets, the sync batch, pages of sessions.

Adding a field to a logged set is a field here, a column in `storing/models.py` and its migration, and
the client's recorder: nothing else restates it. The result of a sync (`SyncResult`) is shared
with the weekly function checks and the own routines, in `wire.py`.
"""

from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel

from ..storing import limits
from .wire import CatalogId, ClientId, Timestamp, WireModel, bounded_list, text, whole_number

Pain = Annotated[int | None, Field(strict=True, ge=0, le=10, description="Pain on the 0–10 scale; null when skipped.")]
SmallCount = whole_number(0, 1000)

SET_EXAMPLE = {
    "id": "3f0b8c52-5a1e-4a57-9d38-1b1e1a0c2d11",
    "order": 0,
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
    "recordedAt": "2026-11-02T07:31:00.000Z",
}


class SetRecord(WireModel):
    """One set of one exercise, on one side where it has sides: what was planned and what was done."""

    model_config = ConfigDict(title="Set", json_schema_extra={"examples": [SET_EXAMPLE]})

    client_id: ClientId = Field(alias="id")
    order: whole_number(0, 10000, "Position of the set in the session.")
    exercise_id: CatalogId = Field(description="An exercise of the catalog.")
    exercise_name: text(1, 200)
    variant_id: CatalogId | None = Field(description="A variant of that exercise.")
    set_number: whole_number(1, 100) = Field(alias="set")
    side: Literal["left", "right"] | None
    reps_planned: SmallCount
    reps_done: SmallCount
    hold_seconds_planned: whole_number(0, 3600) | None
    held_seconds: bounded_list(Annotated[float, Field(ge=0, le=3600)], 1000, "Seconds held, rep by rep.")
    skipped: Annotated[bool, Field(strict=True)]
    recorded_at: Timestamp

    def row(self, **columns):
        """The set's columns, as `sets` stores them."""
        return self.model_dump(by_alias=False) | columns


class ExerciseStop(WireModel):
    """An exercise the person stopped, and why."""

    exercise_id: CatalogId
    reason: CatalogId = Field(description="A stop reason of the safety data.")
    at: Timestamp


SESSION_EXAMPLE = {
    "id": "9a7e6d1c-2b3f-4c5d-8e9f-0a1b2c3d4e5f",
    "routineId": "back-basics",
    "routineTitle": "Back basics",
    "startedAt": "2026-11-02T07:30:00.000Z",
    "endedAt": "2026-11-02T07:37:00.000Z",
    "painBefore": 6,
    "painAfter": 4,
    "note": "",
    "status": "completed",
    "stopReason": None,
    "exerciseStops": [],
    "updatedAt": "2026-11-02T07:37:05.000Z",
    "sets": [SET_EXAMPLE],
}


def readable_stops(stored):
    """The stored exercise stops that are valid today.

    Before times were parsed for real, a stop's `at` was only matched against a pattern, so a
    row may hold one on 30 February: it is left out of answers (and stays in the row), never a 500.
    """
    for stop in stored:
        try:
            yield ExerciseStop.model_validate(stop)
        except ValueError:
            continue


class SessionRecord(WireModel):
    """A routine session with its sets, as the player logged it."""

    model_config = ConfigDict(title="Session", json_schema_extra={"examples": [SESSION_EXAMPLE]})

    client_id: ClientId = Field(alias="id")
    routine_id: CatalogId = Field(description="A routine of the catalog.")
    routine_title: text(1, 200)
    started_at: Timestamp
    ended_at: Timestamp | None
    pain_before: Pain
    pain_after: Pain
    note: text(max_length=limits.MAX_NOTE_LENGTH)
    status: Literal["in-progress", "completed", "stopped", "abandoned"]
    stop_reason: CatalogId | None = Field(description="Why the whole session was stopped: a stop reason of the safety data.")
    exercise_stops: bounded_list(ExerciseStop, limits.MAX_EXERCISE_STOPS) = Field(default_factory=list)
    updated_at: Timestamp = Field(description="The device's time of its last edit: the later edit wins.")
    sets: bounded_list(SetRecord, limits.MAX_SETS_PER_SESSION)

    # Kept as JSON in one column, exactly as the wire writes them.
    JSON_COLUMNS: ClassVar[set[str]] = {"exercise_stops"}

    @classmethod
    def from_row(cls, row, **values):
        # JSON columns hold the wire's own shape (camelCase): read them as the wire is read.
        return super().from_row(row, exercise_stops=list(readable_stops(row.exercise_stops)), **values)

    def row(self, **columns):
        """The session's columns (its sets apart), as `sessions` stores them."""
        row = self.model_dump(by_alias=False, exclude={"sets", *self.JSON_COLUMNS})
        row |= {name: self.model_dump(mode="json", include={name})[to_camel(name)] for name in self.JSON_COLUMNS}
        return row | columns


class SyncBatch(WireModel):
    """Sessions to store, each exactly once."""

    # The most objects and lists a valid batch can hold: a body with more is refused unparsed.
    MAX_CONTAINERS: ClassVar[int] = 2 + limits.MAX_SYNC_SESSIONS * (3 + limits.MAX_EXERCISE_STOPS + 2 * limits.MAX_SETS_PER_SESSION)

    sessions: bounded_list(SessionRecord, limits.MAX_SYNC_SESSIONS)


class SessionPage(WireModel):
    """A page of sessions, newest first."""

    sessions: list[SessionRecord]
    next: str | None = Field(description="Pass as `before` for the next (older) page; null on the last page.")


class SessionPageQuery(WireModel):
    """Which page of sessions: how many, and after which."""

    model_config = ConfigDict(strict=False)  # query parameters arrive as text

    limit: Annotated[int, Field(ge=1, le=limits.SESSIONS_PAGE_MAX)] = limits.SESSIONS_PAGE_DEFAULT
    before: text(max_length=200, description="The `next` of the previous page.") | None = None
