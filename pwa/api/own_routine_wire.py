"""The shapes of own routines on `/api/v1/own-routines`, on the base types of `wire.py`.

The routine document itself is checked by the catalog's own JSON Schema (the one the files in
`routines/routines/` are checked by) and against the catalog, in `own_routine_views.py`; here it
is a JSON object, its size held by the body limit and the count of objects and lists. A sync's
answer is the log's `SyncResult` (`wire.py`).
"""

from typing import Annotated, Any, ClassVar

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ..storing import limits
from .wire import ClientId, PastTime, WireModel, bounded_list

ROUTINE_EXAMPLE = {
    "id": "0b5f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
    "updatedAt": "2026-12-01T09:30:00.000Z",
    "deleted": False,
    "routine": {
        "title": "Gentle basics",
        "summary": "A routine I put together from the Unknot exercises.",
        "rationale": "Exercises picked from the library, each with its own page on how to do it and when to stop.",
        "frequency": "As often as you and your clinician decide.",
        "when_to_use": ["When you want these exercises, in this order."],
        "when_not_to_use": ["If pain becomes sharp or spreads down a leg: stop, and get advice if it does not settle."],
        "items": [
            {
                "exercise": "pelvic-tilt",
                "sets": 1,
                "reps": 5,
                "hold_seconds": 0,
                "rep_seconds": 4,
                "per_side": False,
                "rest_between_reps_seconds": 0,
                "rest_between_sets_seconds": 0,
                "rest_after_seconds": 0,
                "get_ready_seconds": 5,
                "switch_sides_seconds": 0,
            }
        ],
        "sources": ["NHS-LBP"],
    },
}
# Per routine: the record, the document, its four lists, a warm-up, and an object per item.
CONTAINERS_PER_ROUTINE = 7 + 20


class OwnRoutineRecord(WireModel):
    """One own routine, or the tombstone a deletion leaves (`deleted`, no document)."""

    model_config = ConfigDict(title="OwnRoutine", json_schema_extra={"examples": [ROUTINE_EXAMPLE]})

    client_id: ClientId = Field(alias="id")
    updated_at: PastTime = Field(description="The device's time of its last edit: the later edit wins.")
    deleted: Annotated[bool, Field(strict=True, description="True once deleted: a tombstone, so every device learns of it.")]
    routine: dict[str, Any] | None = Field(description="The routine in the shape of routines/schema/routine.schema.json; null once deleted.")

    @model_validator(mode="after")
    def tombstone_has_no_routine(self):
        if self.deleted and self.routine is not None:
            raise PydanticCustomError("tombstone_with_routine", "a deleted routine has no document: send routine as null")
        if not self.deleted and self.routine is None:
            raise PydanticCustomError("routine_missing", "a routine that is not deleted needs its document")
        return self

    def row(self, **columns):
        """The routine's columns, as `own_routines` stores them."""
        return self.model_dump(by_alias=False) | columns


class OwnRoutineBatch(WireModel):
    """Own routines to store, each exactly once, an edit only over an older one."""

    MAX_CONTAINERS: ClassVar[int] = 2 + limits.MAX_OWN_ROUTINES_BATCH * CONTAINERS_PER_ROUTINE

    routines: bounded_list(OwnRoutineRecord, limits.MAX_OWN_ROUTINES_BATCH)


class OwnRoutineList(WireModel):
    """Every own routine of the account, tombstones too, by edit time (oldest first)."""

    routines: list[OwnRoutineRecord]
