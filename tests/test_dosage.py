"""Routine length arithmetic: what the player will walk through, second by second."""

import pytest

from pwa.catalog import dosage


def make_item(**overrides):
    item = {
        "sets": 1,
        "reps": 5,
        "hold_seconds": 0,
        "rep_seconds": 4,
        "per_side": False,
        "rest_between_reps_seconds": 0,
        "rest_between_sets_seconds": 0,
        "rest_after_seconds": 15,
        "get_ready_seconds": 5,
        "switch_sides_seconds": 0,
    }
    return {**item, **overrides}


def test_moving_reps_count_their_tempo():
    # 5 get ready + 5 reps x 4 s + 15 rest after
    assert dosage.item_seconds(make_item()) == 40


def test_holds_count_hold_time_and_rests_between_reps():
    item = make_item(hold_seconds=5, rep_seconds=0, rest_between_reps_seconds=3)
    # 5 get ready + 5 x 5 s holds + 4 rests x 3 s + 15 rest after
    assert dosage.item_seconds(item) == 57


def test_two_sided_items_do_each_side_with_a_switch_between():
    item = make_item(hold_seconds=5, rep_seconds=0, rest_between_reps_seconds=3, per_side=True, switch_sides_seconds=5)
    # 5 get ready + 2 sides x (25 + 12) + 5 switch + 15 rest after
    assert dosage.item_seconds(item) == 99


def test_sets_rest_between_them():
    item = make_item(sets=2, reps=8, hold_seconds=5, rep_seconds=0, rest_between_reps_seconds=3, rest_between_sets_seconds=45)
    # 5 get ready + 2 x (40 + 21) + 45 between sets + 15 rest after
    assert dosage.item_seconds(item) == 187


def test_the_last_item_has_no_rest_after():
    assert dosage.item_seconds(make_item(), is_last=True) == 25


def test_routine_adds_warm_up_and_items():
    routine = {"warm_up": {"instruction": "Walk.", "seconds": 60}, "items": [make_item(), make_item()]}
    assert dosage.routine_seconds(routine) == 60 + 40 + 25


@pytest.mark.parametrize(("seconds", "minutes"), [(10, 1), (89, 1), (90, 2), (399, 7), (630, 11)])
def test_rounded_minutes(seconds, minutes):
    assert dosage.rounded_minutes(seconds) == minutes
