"""Timing arithmetic shared by everything that needs a routine's length.

The player (`static/js/player/routine-steps.js`) walks the same steps in this order, so for each item:
get ready, then for every set and side the reps (each a hold or one moving rep) with
rests between reps, a switch-sides pause between the sides, a rest between sets, and
the rest after the item unless it is the last one.
"""


def rep_seconds(item):
    """How long one rep takes: the hold, or the tempo of a moving rep."""
    return item["hold_seconds"] or item["rep_seconds"]


def item_seconds(item, is_last=False):
    """Seconds one routine item takes from its get-ready to the end of its rest after."""
    sides = 2 if item["per_side"] else 1
    reps = item["reps"]
    one_side = reps * rep_seconds(item) + (reps - 1) * item["rest_between_reps_seconds"]
    one_set = sides * one_side + (sides - 1) * item["switch_sides_seconds"]
    seconds = item["get_ready_seconds"] + item["sets"] * one_set
    seconds += (item["sets"] - 1) * item["rest_between_sets_seconds"]
    if not is_last:
        seconds += item["rest_after_seconds"]
    return seconds


def routine_seconds(routine):
    """Seconds the whole routine takes, warm-up included."""
    items = routine["items"]
    warm_up = routine.get("warm_up")
    total = warm_up["seconds"] if warm_up else 0
    for index, item in enumerate(items):
        total += item_seconds(item, is_last=index == len(items) - 1)
    return total


def rounded_minutes(seconds):
    """Whole minutes as a person reads "about 7 min": halves round up, never below 1."""
    return max(1, int(seconds / 60 + 0.5))
