"""The exercise illustrations: one per exercise and adaptation, drawn by tools/figures.py as rigs
with a body, a ghost and an arrow; well-formed, self-contained, coloured by the page, small."""

import gzip
import importlib.util
import json
import math
import re
import xml.etree.ElementTree as ET

import brotli
import pytest

from pwa import PROJECT_ROOT
from pwa.catalog import inspect_catalog

ILLUSTRATIONS = PROJECT_ROOT / "static" / "illustrations"
SVG = "{http://www.w3.org/2000/svg}"
FILES = sorted(ILLUSTRATIONS.glob("*.svg"))
BUDGET_BYTES = 40 * 1024
LIMBS = ("thigh", "shin", "upper-arm", "forearm")


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


figures_tool = load_module("figures_tool", PROJECT_ROOT / "tools" / "figures.py")
FIGURES = {figure.name: figure for figure in figures_tool.figures()}


def named_illustrations():
    """Every illustration the exercise files name, for the exercise or one of its variants."""
    names = set()
    for path in (PROJECT_ROOT / "routines" / "exercises").glob("*.json"):
        exercise = json.loads(path.read_text())
        names.add(exercise["illustration"])
        names.update(variant["illustration"] for variant in exercise["variants"] if "illustration" in variant)
    return names


def classes(element):
    return set(element.get("class", "").split())


def test_every_exercise_and_adaptation_has_its_illustration_and_no_file_is_orphaned():
    names = named_illustrations()
    assert len(names) == 17
    assert names == {path.name for path in FILES}


def test_the_committed_svgs_are_what_the_generator_draws():
    assert {f"{name}.svg" for name in FIGURES} == {path.name for path in FILES}
    for name, figure in FIGURES.items():
        assert (ILLUSTRATIONS / f"{name}.svg").read_text() == figures_tool.render(figure), f"run tools/figures.py: {name}.svg is stale"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_the_rig_turns_from_the_start_pose_to_the_end_pose_through_real_in_betweens(name):
    """Turning every joint by its relative angle, as the stylesheet does, reproduces both poses; half-way is neither."""
    figure = FIGURES[name]
    rig = figures_tool.Rig(figure)
    for t, pose in ((0, figure.start), (1, figure.end)):
        reached = rig.pose_at(t)
        for joint, point in pose.items():
            if joint in reached:
                assert math.dist(reached[joint], point) < 0.01, (t, joint)
    middle = rig.pose_at(0.5)
    travel = max(math.dist(figure.start[joint], figure.end[joint]) for joint in middle)
    assert travel >= 4, "something visibly moves"
    mover = max(middle, key=lambda joint: math.dist(figure.start[joint], figure.end[joint]))
    assert math.dist(middle[mover], figure.start[mover]) > 0.25 * travel
    assert math.dist(middle[mover], figure.end[mover]) > 0.25 * travel


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_illustration_is_a_self_contained_accessible_svg(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text.strip()
    assert desc is not None and len(desc.text.split()) >= 8, "the description should say how it moves"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    x, y, width, height = map(float, root.get("viewBox").split())
    assert (x, y) == (0, 0), "mirroring for the right side flips about the viewBox's middle from the origin"
    assert 40 <= width <= 240 and 30 <= height <= 200
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image", f"{SVG}style"), element.tag
        assert "style" not in element.attrib, "the Content-Security-Policy forbids style attributes"
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert not name.endswith("href") or value.startswith("#"), value
            assert "url(" not in value or value.startswith("url(#"), value
            if name in ("fill", "stroke", "color", "stop-color"):
                assert value in ("none", "currentColor"), f"colours come from the page's tokens, not {name}={value}"
            assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(|hsl\(", value), value


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_illustration_has_a_thick_body_a_ghost_an_arrow_and_the_floor(path):
    root = ET.parse(path).getroot()
    pose = next(element for element in root if "pose" in classes(element))
    groups = {name: [element for element in pose.iter() if name in classes(element)] for name in ("body", "ghost", "arrow", "floor")}
    assert all(len(found) == 1 for found in groups.values()), {name: len(found) for name, found in groups.items()}
    body, ghost = groups["body"][0], groups["ghost"][0]
    assert ET.tostring(body).replace(b'class="body"', b"") == ET.tostring(ghost).replace(b'class="ghost"', b""), "the ghost is the same rig"
    parts = [element for element in body.iter() if element.tag == f"{SVG}path"]
    kinds = set().union(*(classes(part) for part in parts))
    assert {"torso", *LIMBS} <= kinds, kinds
    for part in parts:
        minimum = 14 if "torso" in classes(part) else 6
        assert float(part.get("stroke-width")) >= minimum, (classes(part), part.get("stroke-width"))
    heads = [element for element in body.iter() if "head" in classes(element)]
    assert len(heads) == 1 and float(heads[0].get("r")) >= 8
    assert [element for element in body.iter() if "joint" in classes(element)], "knees and elbows are drawn as joints"
    moving = [element for element in body.iter() if "m" in classes(element)]
    assert moving and all(re.fullmatch(r"(translate\([-\d. ]+\) ?)?(rotate\([-\d.]+\))?", group.get("transform")) for group in moving)
    assert any("mv" in classes(element) for element in body.iter()), "the moving part is emphasised"
    assert "Q" in groups["arrow"][0].get("d"), "the arrow follows the movement's curve"


def test_all_illustrations_together_fit_the_budget():
    bodies = [path.read_bytes() for path in FILES]
    gzipped = sum(len(gzip.compress(body, compresslevel=9, mtime=0)) for body in bodies)
    squeezed = sum(len(brotli.compress(body, quality=11)) for body in bodies)
    assert len(bodies) == 17
    assert gzipped <= BUDGET_BYTES and squeezed <= BUDGET_BYTES, (gzipped, squeezed)


def test_the_weight_benchmark_counts_every_file():
    bench = load_module("figure_weight", PROJECT_ROOT / "bench" / "figure_weight.py")
    rows = bench.weights()
    assert [name for name, *_ in rows] == [path.name for path in FILES]
    assert all(raw > packed > 0 and raw > squeezed > 0 for _, raw, packed, squeezed in rows)
    assert bench.BUDGET_BYTES == BUDGET_BYTES


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
