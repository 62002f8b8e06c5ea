"""Cross-reference checks of the daily plan (`routines/plan.json`) that its schema cannot express."""

from .checks import check_source_ids, check_unique_ids
from .files import Fault

THRESHOLDS = {
    "step_down": ("within_days", "pain_rise"),
    "one_step": ("within_days", "clear_sessions"),
    "step_up": ("window_days", "finished_sessions", "distinct_days", "max_pain_after"),
    "strength_days": ("per_week", "rest_days_between"),
}


def check_plan(file, plan, routines, sources, faults):
    """Every routine the plan names exists, every level is in range, every source is known."""
    levels = plan["levels"]
    for index, routine_id in enumerate(levels):
        check_routine_id(file, f"$.levels[{index}]", routine_id, routines, faults)
    check_routine_id(file, "$.strength_days.between_routine", plan["strength_days"]["between_routine"], routines, faults)
    check_routine_id(file, "$.desk_break.routine", plan["desk_break"]["routine"], routines, faults)

    answers = plan["check_in"]["answers"]
    check_unique_ids(file, [(f"$.check_in.answers[{index}].id", answer["id"]) for index, answer in enumerate(answers)], faults, "answer id")
    leveled = [(f"$.check_in.answers[{index}].level", answer["level"]) for index, answer in enumerate(answers)]
    for path, level in [*leveled, ("$.no_answer.level", plan["no_answer"]["level"])]:
        if level >= len(levels):
            faults.append(Fault(file, path, f"level {level} is not in levels, which has {len(levels)}: use 0 to {len(levels) - 1}"))
    for index, answer in enumerate(answers):
        check_source_ids(file, f"$.check_in.answers[{index}].sources", answer["sources"], sources, faults)
    known_answers = {answer["id"] for answer in answers}
    for index, answer_id in enumerate(plan["desk_break"]["not_on_answers"]):
        if answer_id not in known_answers:
            faults.append(Fault(file, f"$.desk_break.not_on_answers[{index}]", f"unknown answer '{answer_id}': use an id of check_in.answers"))

    for section, names in THRESHOLDS.items():
        check_source_ids(file, f"$.{section}.sources", plan[section]["sources"], sources, faults)
        for name in names:
            check_source_ids(file, f"$.{section}.{name}.sources", plan[section][name]["sources"], sources, faults)
    check_source_ids(file, "$.desk_break.sources", plan["desk_break"]["sources"], sources, faults)


def check_routine_id(file, path, routine_id, routines, faults):
    if routine_id not in routines:
        faults.append(Fault(file, path, f"unknown routine '{routine_id}': add it to routines/"))
