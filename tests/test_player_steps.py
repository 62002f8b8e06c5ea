"""The player's steps (JavaScript) and the routine durations (Python) are one arithmetic."""

import json
import subprocess

import pytest

from pwa import PROJECT_ROOT

ROUTINE_IDS = ["back-basics", "acute-relief", "morning-mobility", "daily-strength", "desk-break"]
STEPS_MODULE = (PROJECT_ROOT / "static" / "js" / "player" / "routine-steps.js").as_uri()
TOTAL_SCRIPT = f"""
import {{ readFileSync }} from "node:fs";
import {{ expandRoutine, totalSeconds }} from "{STEPS_MODULE}";
const steps = expandRoutine(JSON.parse(readFileSync(process.argv[1], "utf8")));
console.log(JSON.stringify({{ total: totalSeconds(steps), kinds: steps.map((step) => step.kind) }}));
"""


@pytest.mark.parametrize("routine_id", ROUTINE_IDS)
def test_player_steps_add_up_to_the_served_duration(client, tmp_path, routine_id):
    routine = client.get(f"/api/v1/routines/{routine_id}").get_json()
    routine_file = tmp_path / "routine.json"
    routine_file.write_text(json.dumps(routine))
    result = subprocess.run(
        ["node", "--input-type=module", "-e", TOTAL_SCRIPT, str(routine_file)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    expansion = json.loads(result.stdout)
    assert expansion["total"] == routine["duration_seconds"]
    assert expansion["kinds"][-1] == "done"
    reps = sum(item["sets"] * item["reps"] * (2 if item["per_side"] else 1) for item in routine["items"])
    assert sum(kind in ("hold", "move") for kind in expansion["kinds"]) == reps
