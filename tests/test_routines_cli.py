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


def test_validate_refuses_a_reference_that_links_only_to_a_home_page(runner, catalog_copy):
    sources_file = catalog_copy / "sources.json"
    document = json.loads(sources_file.read_text())
    index, source = next((index, source) for index, source in enumerate(document["sources"]) if source["id"] == "GSTT")
    source["url"] = "https://www.guysandstthomas.nhs.uk/"
    sources_file.write_text(json.dumps(document))

    result = runner.invoke(args=["routines", "validate", str(catalog_copy)])

    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{sources_file}: $.sources[{index}].url: 'GSTT' links only to a home page (https://www.guysandstthomas.nhs.uk/): link the page that says what is cited to it",
        "1 fault in 1 file.",
    ]


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


def a_routine_file(tmp_path, routines_dir, change=None, name="my-gentler-basics.json"):
    """A copy of Back basics as a clinician might send it, outside the catalog, changed by `change`."""
    routine = json.loads((routines_dir / "routines" / "back-basics.json").read_text())
    del routine["$schema"]
    routine["title"] = "Gentler basics"
    if change:
        change(routine)
    file = tmp_path / name
    file.write_text(json.dumps(routine, indent=2))
    return file


def test_validate_a_shipped_routine_file_exits_0_and_sums_it_up(runner, routines_dir):
    file = routines_dir / "routines" / "acute-relief.json"
    result = runner.invoke(args=["routines", "validate", str(file)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{file}: routine 'Acute relief', 7 exercises, about 8 min; no faults."


def test_validate_a_hand_written_routine_file_outside_the_catalog(runner, routines_dir, tmp_path):
    file = a_routine_file(tmp_path, routines_dir, name="For Sam (week 2).json")
    result = runner.invoke(args=["routines", "validate", str(file)])
    assert result.exit_code == 0, result.output
    assert "routine 'Gentler basics'" in result.output


def unknown_exercise_and_variant(routine):
    routine["items"][0]["exercise"] = "toe-touch"
    routine["items"][1]["variant"] = "upside-down"


def test_validate_a_routine_file_names_each_unknown_exercise_and_variant(runner, routines_dir, tmp_path):
    file = a_routine_file(tmp_path, routines_dir, unknown_exercise_and_variant)
    exercise = json.loads((routines_dir / "routines" / "back-basics.json").read_text())["items"][1]["exercise"]
    result = runner.invoke(args=["routines", "validate", str(file)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{file}: $.items[0].exercise: unknown exercise 'toe-touch'" in lines
    assert f"{file}: $.items[1].variant: exercise '{exercise}' has no variant 'upside-down'" in lines
    assert lines[-1] == "2 faults in 1 file."


def schema_faults(routine):
    routine["items"][2]["reps"] = 0
    routine["colour"] = "blue"
    del routine["summary"]


def test_validate_a_routine_file_names_each_schema_fault_by_its_json_path(runner, routines_dir, tmp_path):
    file = a_routine_file(tmp_path, routines_dir, schema_faults)
    result = runner.invoke(args=["routines", "validate", str(file)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{file}: $.items[2].reps: 0 is less than the minimum of 1" in lines
    assert any(line.startswith(f"{file}: $: Additional properties are not allowed ('colour'") for line in lines)
    assert f"{file}: $: 'summary' is a required property" in lines
    assert lines[-1] == "3 faults in 1 file."


def test_validate_a_routine_file_checks_sources_sides_and_the_last_rest(runner, routines_dir, tmp_path):
    def change(routine):
        routine["sources"].append("MY-BLOG")
        routine["items"][-1]["rest_after_seconds"] = 30

    file = a_routine_file(tmp_path, routines_dir, change)
    result = runner.invoke(args=["routines", "validate", str(file)])
    assert result.exit_code == 1
    assert f"{file}: $.sources" in result.output
    assert "MY-BLOG" in result.output
    last = len(json.loads(file.read_text())["items"]) - 1
    assert f"{file}: $.items[{last}].rest_after_seconds: the last item has nothing after it" in result.output


def test_validate_a_routine_file_keeps_seed_articles_out_of_its_sources(runner, routines_dir, tmp_path):
    def change(routine):
        routine["sources"] = ["S3", *routine["sources"]]
        routine["provenance"] = ["NICE"]

    file = a_routine_file(tmp_path, routines_dir, change)
    result = runner.invoke(args=["routines", "validate", str(file)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{file}: $.sources[0]: 'S3' is a seed article, which users never see as a source: list it in provenance" in lines
    assert f"{file}: $.provenance[0]: 'NICE' is a reference, not a seed article: cite it in sources" in lines


def test_validate_a_file_that_is_not_json_says_where_it_broke(runner, tmp_path):
    file = tmp_path / "routine.json"
    file.write_text('{"title": "Half a routine",\n  "items": [')
    result = runner.invoke(args=["routines", "validate", str(file)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(f"{file}: $: not valid JSON: ")
    assert "(line 2, column" in result.output


def test_validate_a_routine_file_refuses_a_repeated_key(runner, routines_dir, tmp_path):
    file = a_routine_file(tmp_path, routines_dir)
    file.write_text(file.read_text().replace('"title": "Gentler basics"', '"title": "Gentler basics", "title": "Other"'))
    result = runner.invoke(args=["routines", "validate", str(file)])
    assert result.exit_code == 1
    assert f"{file}: $: duplicate key 'title': each key may appear once" in result.output.splitlines()
