"""`flask routines validate` and `flask routines list`."""

import json


def test_validate_a_clean_catalog_exits_0(runner, routines_dir):
    result = runner.invoke(args=["routines", "validate", str(routines_dir)])
    assert result.exit_code == 0, result.output
    assert "13 exercises, 5 routines" in result.output
    assert "no faults" in result.output


def test_validate_defaults_to_the_app_catalog(runner, routines_dir):
    result = runner.invoke(args=["routines", "validate"])
    assert result.exit_code == 0, result.output
    assert str(routines_dir) in result.output


def test_validate_a_broken_catalog_prints_file_and_path_and_exits_1(runner, catalog_copy):
    exercise_file = catalog_copy / "exercises" / "side-leg-raise.json"
    exercise = json.loads(exercise_file.read_text())
    exercise["default_dose"]["reps"] = -1
    exercise["sources"].append("WIKI")
    exercise_file.write_text(json.dumps(exercise))

    result = runner.invoke(args=["routines", "validate", str(catalog_copy)])

    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{exercise_file}: $.default_dose.reps: -1 is less than the minimum of 1" in lines
    assert lines[-1] == "1 fault in 1 file."


def test_validate_a_broken_plan_names_the_plan_file_and_path(runner, catalog_copy):
    plan_file = catalog_copy / "plan.json"
    plan = json.loads(plan_file.read_text())
    plan["levels"][0] = "bed-rest"
    plan_file.write_text(json.dumps(plan))

    result = runner.invoke(args=["routines", "validate", str(catalog_copy)])

    assert result.exit_code == 1
    assert f"{plan_file}: $.levels[0]: unknown routine 'bed-rest': add it to routines/" in result.output.splitlines()


def test_validate_counts_every_fault_and_file(runner, catalog_copy):
    for name in ("bridge", "cat-cow"):
        file = catalog_copy / "exercises" / f"{name}.json"
        file.write_text(file.read_text().replace('"two_sided": false', '"two_sided": "no"'))
    result = runner.invoke(args=["routines", "validate", str(catalog_copy)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "2 faults in 2 files."


def test_validate_a_missing_directory_is_a_clear_usage_error(runner, tmp_path):
    result = runner.invoke(args=["routines", "validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_list_prints_each_routine_with_its_duration(runner):
    result = runner.invoke(args=["routines", "list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "EXERCISES", "DURATION"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == {"back-basics", "acute-relief", "morning-mobility", "daily-strength", "desk-break"}
    assert rows["back-basics"].endswith("7 min")
