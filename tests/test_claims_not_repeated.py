"""None of the claims the content brief lists as not to repeat appears in anything we ship."""

import re

import pytest

from pwa import PROJECT_ROOT

# The brief's list, section 5, as patterns over shipped text (case-insensitive).
FORBIDDEN = {
    "high blood pressure as a cause": r"blood pressure",
    "Golgi tendon organs overwhelming the cerebellum": r"golgi|cerebell",
    "dehydration or electrolytes as cause or cure": r"dehydrat|electrolyte|rehydrat",
    "magnesium or supplements": r"magnesium|supplement",
    "Epsom salt or detox": r"epsom|detox",
    "rest as essential": r"rest is (essential|vital|key)|bed rest (is|helps)",
    "injections or surgery as a permanent solution": r"permanent (solution|fix|cure)",
    "ice reduces inflammation or removes waste": r"(reduc\w*|lessen\w*) (the )?inflammation|remov\w* (the )?waste",
    "ice as often as possible": r"as often as (you )?(possible|can)",
    "pain on movement means see a doctor immediately": r"doctor immediately",
    "50% less disc pressure from losing weight": r"disc pressure|\b50 ?%",
}
# Every file with words a person reads: the app's modules and page, and all the data.
SHIPPED = sorted([*(PROJECT_ROOT / "static").rglob("*.js"), *(PROJECT_ROOT / "routines").rglob("*.json"), *(PROJECT_ROOT / "pwa" / "templates").rglob("*.html")])


def test_the_scan_covers_the_content_and_the_app():
    names = {path.name for path in SHIPPED}
    assert {"safety.json", "guide.json", "bridge.json", "player-view.js", "shell.html"} <= names


@pytest.mark.parametrize("claim", FORBIDDEN, ids=list(FORBIDDEN))
def test_claim_is_not_in_shipped_text(claim):
    pattern = re.compile(FORBIDDEN[claim], re.IGNORECASE)
    hits = [
        f"{path.relative_to(PROJECT_ROOT)}: {match.group(0)!r}" for path in SHIPPED if "gen" not in path.relative_to(PROJECT_ROOT).parts for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert hits == []
