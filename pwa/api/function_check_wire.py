"""The weekly function check's shapes on the wire (the Patient-Specific Functional Scale).

The person names up to three activities their back makes hard and rates each from 0 (unable to
do it) to 10 (able to do it as before the problem). Built on `wire.py`'s base types, so names,
ids and times are checked exactly as the log's are.
"""

from typing import Annotated, ClassVar

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from ..storing import limits
from .wire import ClientId, PastTime, WireModel, bounded_list, storable, whole_number

FUNCTION_CHECK_EXAMPLE = {
    "id": "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    "takenAt": "2026-11-02T07:45:00.000Z",
    "updatedAt": "2026-11-02T07:45:00.000Z",
    "activities": [{"name": "Putting on socks", "score": 4}, {"name": "Sitting for an hour", "score": 6}],
}


def distinct_names(activities):
    """Each activity once: two rows of the same activity would make its line in History ambiguous."""
    # Unicode's plain lower case, as `toLowerCase()` on the device: the two must judge alike.
    names = [activity.name.lower() for activity in activities]
    if len(set(names)) != len(names):
        raise PydanticCustomError("activity_repeated", "names the same activity more than once")
    return activities


ActivityName = Annotated[
    str,
    # Trimmed before its length is checked: "   " is no name.
    StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=limits.MAX_ACTIVITY_NAME_LENGTH),
    AfterValidator(storable),
    Field(description="The activity, in the person's words, e.g. 'Putting on socks' (trimmed, 1–60 characters)."),
]


class ActivityScore(WireModel):
    """One activity and how well the person can do it this week."""

    name: ActivityName
    score: whole_number(0, 10, "0 = unable to do it, 10 = able to do it as before the problem.")


class FunctionCheckRecord(WireModel):
    """One weekly check: its activities and scores, when it was taken and last edited."""

    model_config = ConfigDict(title="FunctionCheck", json_schema_extra={"examples": [FUNCTION_CHECK_EXAMPLE]})

    client_id: ClientId = Field(alias="id")
    taken_at: PastTime = Field(description="When the person took the check.")
    updated_at: PastTime = Field(description="The device's time of its last edit: the later edit wins.")
    activities: Annotated[
        list[ActivityScore],
        Field(min_length=1, max_length=limits.MAX_FUNCTION_CHECK_ACTIVITIES, description="One to three activities, in the person's order."),
        AfterValidator(distinct_names),
    ]

    def row(self, **columns):
        """The check's columns, as `function_checks` stores them (its activities as the wire writes them)."""
        return self.model_dump(by_alias=False, exclude={"activities"}) | {"activities": self.model_dump(mode="json")["activities"]} | columns


def readable_checks(rows):
    """The stored checks (`function_checks` rows) as records; a row that no longer passes today's rules is left out, never a 500."""
    for row in rows:
        try:
            yield FunctionCheckRecord.model_validate({"id": row.client_id, "takenAt": row.taken_at, "updatedAt": row.updated_at, "activities": row.activities}, strict=False)
        except ValueError:
            continue


class FunctionCheckBatch(WireModel):
    """Weekly checks to store, each exactly once."""

    MAX_CONTAINERS: ClassVar[int] = 2 + limits.MAX_SYNC_FUNCTION_CHECKS * (2 + limits.MAX_FUNCTION_CHECK_ACTIVITIES)

    checks: bounded_list(FunctionCheckRecord, limits.MAX_SYNC_FUNCTION_CHECKS)


class FunctionCheckList(WireModel):
    """The account's weekly checks, oldest first (the newest 1000 at most: nineteen years of weeks)."""

    checks: list[FunctionCheckRecord]
