"""The exercise illustrations: one per exercise and adaptation, well-formed, self-contained, small."""

import gzip
import json
import xml.etree.ElementTree as ET

import pytest

from pwa import PROJECT_ROOT
from pwa.catalog import inspect_catalog

ILLUSTRATIONS = PROJECT_ROOT / "static" / "illustrations"
SVG = "{http://www.w3.org/2000/svg}"
FILES = sorted(ILLUSTRATIONS.glob("*.svg"))
BUDGET_BYTES = 40 * 1024


def named_illustrations():
    """Every illustration the exercise files name, for the exercise or one of its variants."""
    names = set()
    for path in (PROJECT_ROOT / "routines" / "exercises").glob("*.json"):
        exercise = json.loads(path.read_text())
        names.add(exercise["illustration"])
        names.update(variant["illustration"] for variant in exercise["variants"] if "illustration" in variant)
    return names


def test_every_exercise_and_adaptation_has_its_illustration_and_no_file_is_orphaned():
    names = named_illustrations()
    assert len(names) == 17
    assert names == {path.name for path in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_illustration_is_a_self_contained_accessible_svg_with_two_positions(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 240 130"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text.strip()
    assert desc is not None and len(desc.text.split()) >= 8, "the description should say how it moves"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image", f"{SVG}style"), element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert not name.endswith("href") or value.startswith("#"), value
            assert "url(" not in value or value.startswith("url(#"), value
    classes = [element.get("class", "") for element in root.iter()]
    assert "pose pose-start" in classes and "pose pose-end" in classes
    assert "mat" in classes
    assert any("moving" in value for value in classes), "the moving part is emphasised"


def test_all_illustrations_together_fit_the_budget():
    total = sum(len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)) for path in FILES)
    assert total <= BUDGET_BYTES


def test_a_missing_illustration_is_a_fault_of_the_exercise(catalog_copy, tmp_path):
    illustrations = tmp_path / "illustrations"
    illustrations.mkdir()
    for path in FILES:
        if path.name != "bridge.svg":
            (illustrations / path.name).write_bytes(path.read_bytes())
    _, faults = inspect_catalog(catalog_copy, illustrations)
    assert [(fault.file.rsplit("/", 2)[-2:], fault.path) for fault in faults] == [(["exercises", "bridge.json"], "$.illustration")]


def test_an_adaptation_must_name_its_illustration(catalog_copy):
    file = catalog_copy / "exercises" / "cat-cow.json"
    exercise = json.loads(file.read_text())
    del exercise["variants"][2]["illustration"]
    file.write_text(json.dumps(exercise))
    _, faults = inspect_catalog(catalog_copy)
    assert any(fault.path == "$.variants[2]" and "'illustration' is a required property" in fault.message for fault in faults)
