"""Write the exercise illustrations in static/illustrations/ from joint positions, one rig for all.

Run: .venv/bin/python tools/figures.py           (writes the SVGs)
     .venv/bin/python tools/figures.py --check   (exit 1 if a committed SVG differs from this output)

Each figure is a body of bones (thick round-capped strokes: torso, neck, thighs, shins, feet, upper
arms, forearms) joined at joints, with a head, drawn in two poses: the start and the end of the
movement. The SVG nests one <g> per bone, rotated about its joint, so the page's stylesheet eases
the body from one pose to the other as a rig: each moving joint has an inner `<g class="m">` whose
`transform` attribute is the turn from the start pose to the end pose. Without any styling the
SVG shows the end pose; the stylesheet sets `transform: none` on `.m` for the start pose, and
animates `.m` from `none` to its attribute (a CSS animation whose last keyframe is left out ends on
the element's own value). A faint ghost of the other pose and an arrow show where the body goes.
Colours come from the page (`currentColor` set by classes), so the figures follow light and dark.
"""

import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "illustrations"

# Body proportions (SVG units; a standing figure is about 135 tall).
LUMBAR, CHEST, NECK = 18, 20, 16
THIGH, SHIN, FOOT = 34, 32, 11
UPPER_ARM, FOREARM = 23, 22
HEAD_R = 8.5
WIDTH = {
    "lumbar": 17,
    "chest": 20,
    "neck": 7,
    "thigh": 12,
    "shin": 9.5,
    "foot": 6,
    "upper-arm": 8,
    "forearm": 6.5,
}
# Semantic class of each kind of bone (tests read them).
KIND = {
    "lumbar": "torso",
    "chest": "torso",
    "neck": "neck",
    "thigh": "thigh",
    "shin": "shin",
    "foot": "foot",
    "upper-arm": "upper-arm",
    "forearm": "forearm",
}
# Joints drawn as a pin, on top of their bones: the knees and the elbows.
PINNED = ("knee", "elbow")
JOINT_R = 2
FLOOR_W = 3
MARGIN = 3


def at(point, degrees, length):
    """The point `length` from `point` in the direction `degrees` (0 is right, 90 is down)."""
    rad = math.radians(degrees)
    return (point[0] + length * math.cos(rad), point[1] + length * math.sin(rad))


def angle(a, b):
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def dist(a, b):
    return math.hypot(b[0] - a[0], b[1] - a[1])


def two_bone(a, b, l1, l2, bend):
    """Absolute angles of two bones from `a` reaching `b`; `bend` +1 or -1 chooses the side of the middle joint."""
    d = min(dist(a, b), l1 + l2 - 1e-6)
    base = angle(a, b)
    cos_a = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
    first = base - bend * math.degrees(math.acos(max(-1, min(1, cos_a))))
    middle = at(a, first, l1)
    return first, angle(middle, b)


def side_body(hip, lumbar, chest, neck, arm_near, arm_far, leg_near, leg_far):
    """Joint positions of a body seen from the side: angles are absolute; arms (upper, fore), legs (thigh, shin, foot)."""
    j = {"hip": hip}
    j["mid"] = at(hip, lumbar, LUMBAR)
    j["neck"] = at(j["mid"], chest, CHEST)
    j["head"] = at(j["neck"], neck, NECK)
    for side, (upper, fore) in (("n", arm_near), ("f", arm_far)):
        j[f"shoulder-{side}"] = j["neck"]
        j[f"elbow-{side}"] = at(j["neck"], upper, UPPER_ARM)
        j[f"hand-{side}"] = at(j[f"elbow-{side}"], fore, FOREARM)
    for side, (thigh, shin, foot) in (("n", leg_near), ("f", leg_far)):
        j[f"knee-{side}"] = at(hip, thigh, THIGH)
        j[f"ankle-{side}"] = at(j[f"knee-{side}"], shin, SHIN)
        j[f"toe-{side}"] = at(j[f"ankle-{side}"], foot, FOOT)
    return j


def side_bones(moving=(), near_arm=2, far_arm=0, planted=False):
    """The bones of a side view: far limbs first (layer 0), then torso and head (1), near limbs (2).

    `near_arm` is the layer of the near arm: 0 when it rests behind the body, 3 when it holds the
    legs (drawn in front of them). A bone moves (accent colour) when either joint is in `moving`
    beyond the hip, or the pair is. `planted` hangs the arms from the hands (roots of their own)
    instead of the shoulders, so hands on the floor stay put all the way through the movement.
    """
    bones = [
        ("hip", "mid", "lumbar", 1),
        ("mid", "neck", "chest", 1),
        ("neck", "head", "neck", 1),
    ]
    for side, arm, leg in (("f", far_arm, 0), ("n", near_arm, 2)):
        bones += [
            (f"shoulder-{side}" if planted else "neck", f"elbow-{side}", "upper-arm", arm),
            (f"elbow-{side}", f"hand-{side}", "forearm", arm),
            ("hip", f"knee-{side}", "thigh", leg),
            (f"knee-{side}", f"ankle-{side}", "shin", leg),
            (f"ankle-{side}", f"toe-{side}", "foot", leg),
        ]
    return [Bone(a, b, kind, layer, far=a.endswith("-f") or b.endswith("-f"), moving=b in moving) for a, b, kind, layer in bones]


@dataclass
class Bone:
    a: str
    b: str
    kind: str
    layer: int
    far: bool = False
    moving: bool = False
    width: float = 0

    def __post_init__(self):
        self.width = self.width or WIDTH.get(self.kind, 0)


@dataclass
class Figure:
    name: str
    title: str
    desc: str
    bones: list
    start: dict
    end: dict
    root: str | tuple  # the joint the rig hangs from, or several (hands planted on the floor)
    arrow: tuple  # (joint, offset, both_ways): the arrow follows that joint's path, offset sideways
    props: list = field(default_factory=list)  # (class, path data in world coordinates, stroke width)
    head: str = "head"


def fmt(value):
    text = f"{value:.1f}"
    if text in ("-0.0", "0.0"):
        return "0"
    return text[:-2] if text.endswith(".0") else text


def norm(degrees):
    while degrees > 180:
        degrees -= 360
    while degrees <= -180:
        degrees += 360
    return degrees


class Rig:
    """The bones as a tree from the root joint, with each bone's length, start angle and turn to the end pose."""

    def __init__(self, figure):
        self.figure = figure
        self.children = {}  # joint -> [(bone, far joint)]
        self.roots = (figure.root,) if isinstance(figure.root, str) else tuple(figure.root)
        seen = set(self.roots)
        queue = list(self.roots)
        while queue:
            joint = queue.pop(0)
            for bone in figure.bones:
                for near, far in ((bone.a, bone.b), (bone.b, bone.a)):
                    if near == joint and far not in seen:
                        seen.add(far)
                        queue.append(far)
                        self.children.setdefault(joint, []).append((bone, far))
        missing = {bone.b for bone in figure.bones} - seen
        assert not missing, (figure.name, missing)
        for bone in figure.bones:
            l0, l1 = dist(figure.start[bone.a], figure.start[bone.b]), dist(figure.end[bone.a], figure.end[bone.b])
            assert abs(l0 - l1) < 0.05, (figure.name, bone.a, bone.b, l0, l1)

    def pose_at(self, t):
        """Joint positions a fraction `t` of the way, turning each joint's relative angle as CSS does."""
        f = self.figure
        positions = {}
        for root in self.roots:
            r0, r1 = f.start[root], f.end[root]
            positions[root] = (r0[0] + t * (r1[0] - r0[0]), r0[1] + t * (r1[1] - r0[1]))

        def walk(joint, parent_start, parent_end, parent_now):
            for _bone, far in self.children.get(joint, []):
                a0, a1 = angle(f.start[joint], f.start[far]), angle(f.end[joint], f.end[far])
                rel0, rel1 = norm(a0 - parent_start), norm(a1 - parent_end)
                now = parent_now + rel0 + t * norm(rel1 - rel0)
                positions[far] = at(positions[joint], now, dist(f.start[joint], f.start[far]))
                walk(far, a0, a1, now)

        for root in self.roots:
            walk(root, 0, 0, 0)
        return positions

    def bounds(self):
        """The box of everything drawn, through the whole movement."""
        xs, ys = [], []
        for step in range(11):
            pose = self.pose_at(step / 10)
            for bone in self.figure.bones:
                if not bone.kind:
                    continue
                for joint in (bone.a, bone.b):
                    x, y = pose[joint]
                    xs += [x - bone.width / 2, x + bone.width / 2]
                    ys += [y - bone.width / 2, y + bone.width / 2]
            x, y = pose[self.figure.head]
            xs += [x - HEAD_R, x + HEAD_R]
            ys += [y - HEAD_R, y + HEAD_R]
        return xs, ys

    def svg(self, layer_filter, dx, dy):
        """The rig's nested groups, only the bones of the layers `layer_filter` accepts."""
        f = self.figure
        out = []

        def has(joint):
            return any(layer_filter(bone.layer) or has(far) or (far == f.head and layer_filter(1)) for bone, far in self.children.get(joint, []))

        def walk(joint, parent_start, parent_end, offset):
            for bone, far in self.children.get(joint, []):
                draw_bone = layer_filter(bone.layer)
                draw_head = far == f.head and layer_filter(1)
                if not (draw_bone or draw_head or has(far)):
                    continue
                a0, a1 = angle(f.start[joint], f.start[far]), angle(f.end[joint], f.end[far])
                rel0, turn = norm(a0 - parent_start), norm(norm(a1 - parent_end) - norm(a0 - parent_start))
                length = dist(f.start[joint], f.start[far])
                moves = []
                if offset:
                    moves.append(f"translate({fmt(offset)})")
                if abs(rel0) >= 0.05:
                    moves.append(f"rotate({fmt(rel0)})")
                out.append(f'<g transform="{" ".join(moves)}">' if moves else "<g>")
                if abs(turn) >= 0.05:
                    out.append(f'<g class="m" transform="rotate({fmt(turn)})">')
                if draw_bone and bone.kind:
                    classes = [KIND[bone.kind]] + (["far"] if bone.far else []) + (["mv"] if bone.moving else [])
                    out.append(f'<path class="{" ".join(classes)}" stroke-width="{fmt(bone.width)}" d="M0 0H{fmt(length)}"/>')
                if draw_head:
                    moving = " mv" if bone.moving else ""
                    out.append(f'<circle class="head{moving}" cx="{fmt(length)}" r="{fmt(HEAD_R)}"/>')
                walk(far, a0, a1, length)
                if draw_bone and bone.kind and far.startswith(PINNED):
                    out.append(f'<circle class="joint" cx="{fmt(length)}" r="{fmt(JOINT_R)}"/>')
                if abs(turn) >= 0.05:
                    out.append("</g>")
                out.append("</g>")

        for root in self.roots:
            if not has(root):
                continue
            r0, r1 = f.start[root], f.end[root]
            out.append(f'<g transform="translate({fmt(r0[0] + dx)} {fmt(r0[1] + dy)})">')
            shift = (r1[0] - r0[0], r1[1] - r0[1])
            if math.hypot(*shift) >= 0.05:
                out.append(f'<g class="m" transform="translate({fmt(shift[0])} {fmt(shift[1])})">')
            walk(root, 0, 0, 0)
            if root.startswith(PINNED) and any(layer_filter(bone.layer) and bone.kind for bone, _ in self.children[root]):
                out.append(f'<circle class="joint" r="{fmt(JOINT_R)}"/>')
            if math.hypot(*shift) >= 0.05:
                out.append("</g>")
            out.append("</g>")
        return "".join(out)


def arrow_path(rig, dx, dy):
    """A curved arrow beside the path one joint takes from the start pose to the end pose.

    The arrow is that path moved by a fixed offset, at least 16 long, with a head at the end (and at
    the start too for a movement that goes back and forth).
    """
    joint, (ox, oy), both_ways = rig.figure.arrow
    points = [rig.pose_at(t / 20)[joint] for t in range(21)]
    first, middle, last = points[2], points[10], points[18]
    chord = dist(first, last)
    if chord < 16:
        centre = ((first[0] + last[0]) / 2, (first[1] + last[1]) / 2)
        scale = 16 / max(chord, 0.01)
        first, middle, last = ((centre[0] + (p[0] - centre[0]) * scale, centre[1] + (p[1] - centre[1]) * scale) for p in (first, middle, last))
    first, middle, last = ((p[0] + ox, p[1] + oy) for p in (first, middle, last))
    control = (2 * middle[0] - (first[0] + last[0]) / 2, 2 * middle[1] - (first[1] + last[1]) / 2)

    def head(tip, towards):
        direction = angle(towards, tip)
        wing = [at(tip, direction + 180 + spread, 6) for spread in (-35, 35)]
        return f"M{fmt(wing[0][0] + dx)} {fmt(wing[0][1] + dy)}L{fmt(tip[0] + dx)} {fmt(tip[1] + dy)}L{fmt(wing[1][0] + dx)} {fmt(wing[1][1] + dy)}"

    d = f"M{fmt(first[0] + dx)} {fmt(first[1] + dy)}Q{fmt(control[0] + dx)} {fmt(control[1] + dy)} {fmt(last[0] + dx)} {fmt(last[1] + dy)}"
    d += head(last, control)
    if both_ways:
        d += head(first, control)
    return d, [first, control, last]


def prop_points(data):
    """The numbers of a path of absolute M/L/H/V/Q commands, as points, for the bounding box."""
    points, x, y, command, numbers = [], 0.0, 0.0, "M", []
    tokens = data.replace(",", " ")
    for char in "MLHVQZ":
        tokens = tokens.replace(char, f" {char} ")
    for token in [*tokens.split(), "M"]:
        if token in "MLHVQZ":
            values = list(map(float, numbers))
            if command in "MLQ":
                for i in range(0, len(values) - 1, 2):
                    x, y = values[i], values[i + 1]
                    points.append((x, y))
            elif command == "H":
                for value in values:
                    x = value
                    points.append((x, y))
            elif command == "V":
                for value in values:
                    y = value
                    points.append((x, y))
            command, numbers = token, []
        else:
            numbers.append(token)
    return points


def shift_path(data, dx, dy):
    """The same absolute path moved by (dx, dy)."""
    tokens = data.replace(",", " ")
    for char in "MLHVQZ":
        tokens = tokens.replace(char, f" {char} ")
    out, command, index = [], "M", 0
    for token in tokens.split():
        if token in "MLHVQZ":
            command, index = token, 0
            out.append(token)
            continue
        value = float(token)
        if command == "H" or (command in "MLQ" and index % 2 == 0):
            value += dx
        else:
            value += dy
        index += 1
        out.append(fmt(value))
    text = ""
    for token in out:
        if token in "MLHVQZ" or not text or text[-1] in "MLHVQZ" or token.startswith("-"):
            text += token
        else:
            text += " " + token
    return text


def render(figure):
    rig = Rig(figure)
    xs, ys = rig.bounds()
    _, arrow_box = arrow_path(rig, 0, 0)
    xs += [p[0] for p in arrow_box]
    ys += [p[1] for p in arrow_box]
    for _, data, width in figure.props:
        for x, y in prop_points(data):
            xs += [x - width / 2, x + width / 2]
            ys += [y - width / 2, y + width / 2]
    props = figure.props if any(cls == "floor" for cls, _, _ in figure.props) else [floor(min(xs) - 2, max(xs) + 2), *figure.props]
    ys.append(FLOOR_Y + FLOOR_W)
    dx, dy = MARGIN - min(xs), MARGIN - min(ys)
    w, h = max(xs) - min(xs) + 2 * MARGIN, max(ys) - min(ys) + 2 * MARGIN
    arrow, _ = arrow_path(rig, dx, dy)
    name = figure.name
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {math.ceil(w)} {math.ceil(h)}" role="img" aria-labelledby="{name}-title" aria-describedby="{name}-desc">',
        f'<title id="{name}-title">{figure.title}</title><desc id="{name}-desc">{figure.desc}</desc>',
        '<g class="pose" fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">',
    ]
    for cls, data, width in props:
        parts.append(f'<path class="{cls}" stroke-width="{fmt(width)}" d="{shift_path(data, dx, dy)}"/>')
    body = "".join(rig.svg(lambda layer, keep=keep: layer == keep, dx, dy) for keep in sorted({bone.layer for bone in figure.bones}))
    parts.append(f'<g class="ghost" fill="currentColor">{body}</g>')
    parts.append(f'<g class="body" fill="currentColor">{body}</g>')
    parts.append(f'<path class="arrow" stroke-width="3" d="{arrow}"/>')
    parts.append("</g></svg>\n")
    return "".join(parts)


# ---- the figures -------------------------------------------------------------------------------

FLOOR_Y = 0  # the floor's top; the body lies above it (negative y)


def floor(x0, x1, y=FLOOR_Y):
    return ("floor", f"M{fmt(x0)} {fmt(y + FLOOR_W / 2)}H{fmt(x1)}", FLOOR_W)


# Lying on the back, head to the left: torso centre lines just above the floor.
SUPINE_HIP = (100, -8.5)
ARM_ALONG = (10, 0)  # an arm resting along the body on the floor (upper arm, forearm)
KNEE_UP = 1  # two_bone's bend that puts a knee above the line from hip to ankle


def bent_knee(hip, ankle_x=None, foot=8):
    """A leg from `hip` with the foot flat on the floor, the knee up."""
    ankle = (ankle_x if ankle_x is not None else hip[0] + 46, FLOOR_Y - 5)
    thigh, shin = two_bone(hip, ankle, THIGH, SHIN, KNEE_UP)
    return (thigh, shin, foot)


def supine(hip=SUPINE_HIP, lumbar=180, chest=182.5, neck=180, arm_near=ARM_ALONG, arm_far=ARM_ALONG, leg_near=None, leg_far=None):
    bent = bent_knee(hip)
    return side_body(hip, lumbar, chest, neck, arm_near, arm_far, leg_near or bent, leg_far or bent)


def spine_to(hip, lumbar, neck_y):
    """The chest angle that brings the neck back to height `neck_y` after the lumbar angle changes."""
    mid = at(hip, lumbar, LUMBAR)
    rise = max(-1, min(1, (neck_y - mid[1]) / CHEST))
    return 180 - math.degrees(math.asin(rise))


def reach(joints, start, target, l1, l2, bend):
    """Angles of a two-bone limb from joint `start` of `joints` to the point `target`."""
    return two_bone(joints[start], target, l1, l2, bend)


def on_thigh(joints, side, fraction, lift=0):
    """A point on a thigh, `fraction` of the way from hip to knee, `lift` to its left of the bone."""
    hip, knee = joints["hip"], joints[f"knee-{side}"]
    direction = angle(hip, knee)
    return at(at(hip, direction, THIGH * fraction), direction - 90, lift)


def front_bones(kinds, moving=()):
    """Bones given as (a, b, kind, layer[, width]) for the views from the front or the feet."""
    bones = []
    for a, b, kind, layer, *width in kinds:
        bones.append(Bone(a, b, kind, layer, far=layer == 0 and kind is not None, moving=b in moving, width=width[0] if width else 0))
    return bones


def side_lying():
    pelvis = (100, -13)

    def pose(lift):
        j = {"pelvis": pelvis}
        j["hip-t"], j["hip-b"] = (pelvis[0], pelvis[1] - 6), (pelvis[0], pelvis[1] + 6)
        j["mid"] = at(pelvis, 180, LUMBAR)
        j["neck"] = at(j["mid"], 180, CHEST)
        j["head"] = at(j["neck"], -172, NECK)
        j["shoulder-t"], j["shoulder-b"] = (j["neck"][0], j["neck"][1] - 8), (j["neck"][0], j["neck"][1] + 8)
        j["elbow-b"] = at(j["shoulder-b"], 183, UPPER_ARM)
        j["hand-b"] = at(j["elbow-b"], 180, FOREARM)
        j["elbow-t"] = at(j["shoulder-t"], 22, UPPER_ARM)
        j["hand-t"] = at(j["elbow-t"], -12, FOREARM)
        j["knee-b"] = at(j["hip-b"], 1, THIGH)
        j["ankle-b"] = at(j["knee-b"], 0, SHIN)
        j["toe-b"] = at(j["ankle-b"], -80, 7)
        leg = 3 - lift
        j["knee-t"] = at(j["hip-t"], leg, THIGH)
        j["ankle-t"] = at(j["knee-t"], leg, SHIN)
        j["toe-t"] = at(j["ankle-t"], leg - 80, 7)
        return j

    bones = front_bones(
        [
            ("pelvis", "hip-t", None, 1),
            ("pelvis", "hip-b", None, 1),
            ("hip-b", "knee-b", "thigh", 0),
            ("knee-b", "ankle-b", "shin", 0),
            ("ankle-b", "toe-b", "foot", 0),
            ("pelvis", "mid", "lumbar", 1, 20),
            ("mid", "neck", "chest", 1, 24),
            ("neck", "head", "neck", 1),
            ("neck", "shoulder-t", None, 1),
            ("neck", "shoulder-b", None, 1),
            ("shoulder-b", "elbow-b", "upper-arm", 0),
            ("elbow-b", "hand-b", "forearm", 0),
            ("hip-t", "knee-t", "thigh", 2),
            ("knee-t", "ankle-t", "shin", 2),
            ("ankle-t", "toe-t", "foot", 2),
            ("shoulder-t", "elbow-t", "upper-arm", 2),
            ("elbow-t", "hand-t", "forearm", 2),
        ],
        moving={"knee-t", "ankle-t", "toe-t"},
    )
    return Figure(
        "side-leg-raise",
        "Side leg raise",
        "Lying on one side with the bottom knee bent, the straight top leg lifts to about 45 degrees with the toes facing forward, holds, and lowers; then the other side.",
        bones,
        pose(0),
        pose(40),
        "pelvis",
        ("ankle-t", (6, -6), False),
    )


def standing_side():
    pelvis = (100, -71)
    chair_x = 62

    def pose(lift):
        j = {"pelvis": pelvis}
        j["hip-l"], j["hip-r"] = (pelvis[0] - 7, pelvis[1]), (pelvis[0] + 7, pelvis[1])
        j["mid"] = at(pelvis, -90, LUMBAR)
        j["neck"] = at(j["mid"], -90, CHEST)
        j["head"] = at(j["neck"], -90, NECK)
        j["shoulder-l"], j["shoulder-r"] = (j["neck"][0] - 12, j["neck"][1] + 3), (j["neck"][0] + 12, j["neck"][1] + 3)
        left = two_bone(j["shoulder-l"], (chair_x + 2, -76), UPPER_ARM, FOREARM, -1)
        j["elbow-l"] = at(j["shoulder-l"], left[0], UPPER_ARM)
        j["hand-l"] = at(j["elbow-l"], left[1], FOREARM)
        right = two_bone(j["shoulder-r"], (j["hip-r"][0] + 8, j["hip-r"][1] - 4), UPPER_ARM, FOREARM, -1)
        j["elbow-r"] = at(j["shoulder-r"], right[0], UPPER_ARM)
        j["hand-r"] = at(j["elbow-r"], right[1], FOREARM)
        j["knee-l"] = at(j["hip-l"], 90, THIGH)
        j["ankle-l"] = at(j["knee-l"], 90, SHIN)
        j["toe-l"] = at(j["ankle-l"], 180, 6)
        leg = 90 - lift
        j["knee-r"] = at(j["hip-r"], leg, THIGH)
        j["ankle-r"] = at(j["knee-r"], leg, SHIN)
        j["toe-r"] = at(j["ankle-r"], leg - 90, 6)
        return j

    bones = front_bones(
        [
            ("pelvis", "hip-l", None, 1),
            ("pelvis", "hip-r", None, 1),
            ("hip-l", "knee-l", "thigh", 1),
            ("knee-l", "ankle-l", "shin", 1),
            ("ankle-l", "toe-l", "foot", 1),
            ("hip-r", "knee-r", "thigh", 1),
            ("knee-r", "ankle-r", "shin", 1),
            ("ankle-r", "toe-r", "foot", 1),
            ("pelvis", "mid", "lumbar", 1, 20),
            ("mid", "neck", "chest", 1, 24),
            ("neck", "head", "neck", 1),
            ("neck", "shoulder-l", None, 1),
            ("neck", "shoulder-r", None, 1),
            ("shoulder-l", "elbow-l", "upper-arm", 2),
            ("elbow-l", "hand-l", "forearm", 2),
            ("shoulder-r", "elbow-r", "upper-arm", 2),
            ("elbow-r", "hand-r", "forearm", 2),
        ],
        moving={"knee-r", "ankle-r", "toe-r"},
    )
    back = f"M{fmt(chair_x)} 0V-80M{fmt(chair_x - 30)} 0V-80M{fmt(chair_x - 30)} -78H{fmt(chair_x)}M{fmt(chair_x - 30)} -40H{fmt(chair_x)}"
    return Figure(
        "side-leg-raise-standing",
        "Standing side leg raise",
        "Standing side-on to a desk and holding it, the outer leg lifts out to the side with the toes facing forward, holds, and lowers; then the other side.",
        bones,
        pose(0),
        pose(30),
        "pelvis",
        ("ankle-r", (8, 0), False),
        [("prop", back, 4)],
    )


def knee_rolls():
    feet = (100, -4)

    def pose(roll):
        j = {"feet": feet, "pelvis": (100, -28)}
        j["chest"] = (100, -60)
        j["head"] = at(j["chest"], -90, 15)
        for name, sign in (("l", -1), ("r", 1)):
            j[f"foot-{name}"] = (feet[0] + 7 * sign, feet[1])
            j[f"knee-{name}"] = at(j[f"foot-{name}"], -90 + roll, 36)
            j[f"hip-{name}"] = at(j[f"knee-{name}"], 90 + roll, 10)
            j[f"tip-{name}"] = at(j[f"knee-{name}"], -90 + roll, 14)
            j[f"shoulder-{name}"] = (100 + 15 * sign, -58)
            j[f"elbow-{name}"] = at(j[f"shoulder-{name}"], 90 - 74 * sign, UPPER_ARM)
            j[f"hand-{name}"] = at(j[f"elbow-{name}"], 90 - 80 * sign, FOREARM)
        j["pelvis-l"], j["pelvis-r"] = (92, -28), (108, -28)
        return j

    kinds = [
        ("feet", "pelvis", None, 1),
        ("pelvis", "pelvis-l", "lumbar", 1, 14),
        ("pelvis", "pelvis-r", "lumbar", 1, 14),
        ("pelvis", "chest", "lumbar", 1, 22),
        ("chest", "shoulder-l", "chest", 1, 14),
        ("chest", "shoulder-r", "chest", 1, 14),
        ("chest", "head", "neck", 1),
    ]
    for name in ("l", "r"):
        kinds += [
            (f"shoulder-{name}", f"elbow-{name}", "upper-arm", 0),
            (f"elbow-{name}", f"hand-{name}", "forearm", 0),
        ]
    for name in ("l", "r"):
        kinds += [
            ("feet", f"foot-{name}", None, 2),
            (f"foot-{name}", f"knee-{name}", "shin", 3),
            (f"knee-{name}", f"hip-{name}", "thigh", 2),
            (f"knee-{name}", f"tip-{name}", None, 2),
        ]
    bones = front_bones(kinds, moving={"knee-l", "knee-r", "hip-l", "hip-r"})
    return Figure(
        "knee-rolls",
        "Knee rolls",
        "Lying on the back with knees bent and feet flat, seen from the feet: both knees roll gently to one side together, then come back to the middle; then the other side.",
        bones,
        pose(0),
        pose(48),
        "feet",
        ("tip-r", (0, 0), False),
        [("floor", "M36 1.5L70 -88H130L164 1.5Z", 3)],
    )


def figures():
    found = []
    flat = supine()

    # Pelvic tilt: the low back flattens, then eases into a small arch (the middle of the back lifts).
    found.append(
        Figure(
            "pelvic-tilt",
            "Pelvic tilt",
            "Lying on the back with knees bent, the pelvis rocks slowly: the low back flattens to the floor, then eases into a small arch.",
            side_bones(moving={"mid", "neck"}, near_arm=0),
            flat,
            supine(lumbar=194, chest=spine_to(SUPINE_HIP, 194, flat["neck"][1])),
            "hip",
            ("mid", (0, -19), True),
        )
    )

    # Flat-back press: from a relaxed small arch, the low back presses flat to the floor and holds.
    found.append(
        Figure(
            "flat-back-press",
            "Flat-back pelvic press",
            "Lying on the back with knees bent, the low back presses flat against the floor and holds while breathing, then relaxes.",
            side_bones(moving={"mid", "neck"}, near_arm=0),
            supine(lumbar=194, chest=spine_to(SUPINE_HIP, 194, flat["neck"][1])),
            flat,
            "hip",
            ("mid", (0, -19), False),
        )
    )

    # Single knee-to-chest: the near knee comes up to the chest, both hands behind the thigh.
    knee_args = [SUPINE_HIP, 180, 182.5, 180, ARM_ALONG, ARM_ALONG, (-126, 16, -66), bent_knee(SUPINE_HIP)]
    knee_up = side_body(*knee_args)
    knee_args[4] = reach(knee_up, "neck", on_thigh(knee_up, "n", 0.8, -7), UPPER_ARM, FOREARM, 1)
    knee_args[5] = reach(knee_up, "neck", on_thigh(knee_up, "n", 0.7, -7), UPPER_ARM, FOREARM, 1)
    knee_end = side_body(*knee_args)
    found.append(
        Figure(
            "knee-to-chest",
            "Single knee-to-chest",
            "Lying on the back with knees bent, one knee is drawn gently towards the chest with both hands while the other foot stays on the floor; then the other side.",
            side_bones(moving={"knee-n", "ankle-n", "toe-n"}, near_arm=3, far_arm=0),
            flat,
            knee_end,
            "hip",
            ("knee-n", (4, -10), False),
        )
    )

    # Double knee-to-chest: both knees up, held behind the thighs.
    both_args = [SUPINE_HIP, 180, 182.5, 180, ARM_ALONG, ARM_ALONG, (-126, 16, -66), (-119, 20, -62)]
    both_up = side_body(*both_args)
    both_args[4] = reach(both_up, "neck", on_thigh(both_up, "n", 0.8, -7), UPPER_ARM, FOREARM, 1)
    both_args[5] = reach(both_up, "neck", on_thigh(both_up, "f", 0.8, -7), UPPER_ARM, FOREARM, 1)
    found.append(
        Figure(
            "double-knee-to-chest",
            "Double knee-to-chest",
            "Lying on the back, both knees are drawn gently towards the chest and held behind the thighs, then lowered one at a time.",
            side_bones(moving={"knee-n", "ankle-n", "toe-n", "knee-f", "ankle-f", "toe-f"}, near_arm=3, far_arm=0),
            flat,
            side_body(*both_args),
            "hip",
            ("knee-n", (4, -10), False),
        )
    )

    # Bridge: shoulders stay down, the hips lift until shoulders, hips and knees make a line.
    shoulder, ankle = flat["neck"], flat["ankle-n"]
    best = None
    for tenth in range(0, 900):
        theta = -tenth / 20
        knee = at(shoulder, theta, LUMBAR + CHEST + THIGH)
        error = abs(dist(knee, ankle) - SHIN)
        if best is None or error < best[0]:
            best = (error, theta)
    theta = best[1]
    hip_up = at(shoulder, theta, LUMBAR + CHEST)
    line = angle(hip_up, shoulder)
    knee = at(hip_up, theta, THIGH)
    shin = angle(knee, ankle)
    bridge_leg = (theta, shin, 8)
    found.append(
        Figure(
            "bridge",
            "Bridge",
            "Lying on the back with knees bent, the hips lift until shoulders, hips and knees make a straight line, hold, then lower slowly.",
            side_bones(moving={"mid", "hip", "knee-n", "knee-f"}, near_arm=0),
            flat,
            side_body(hip_up, line, line, 180, ARM_ALONG, ARM_ALONG, bridge_leg, bridge_leg),
            "neck",
            ("hip", (0, -14), False),
        )
    )

    # On all fours, facing left: knees under the hips, hands under the shoulders.
    knee_n = (130, -5.5)
    hip4 = (130, -39.5)

    def all_fours(spine_length, bend, neck, hand_x=None):
        neck_point = (hip4[0] - math.sqrt(spine_length**2 - 9**2), hip4[1] - 9)
        lumbar, chest = two_bone(hip4, neck_point, LUMBAR, CHEST, bend)
        base = side_body(hip4, lumbar, chest, neck, (90, 90), (90, 90), (90, 2, 6), (90, 2, 6))
        x = base["neck"][0] if hand_x is None else hand_x
        near = reach(base, "neck", (x, -3.5), UPPER_ARM, FOREARM, 1)
        far = reach(base, "neck", (x + 5, -3.5), UPPER_ARM, FOREARM, 1)
        far_knee = (knee_n[0] - 5, knee_n[1])
        far_thigh = angle(hip4, far_knee)
        return side_body(hip4, lumbar, chest, neck, near, far, (90, 2, 6), (far_thigh, 2, 6))

    cat = all_fours(33, -1, 125)
    cow = all_fours(35, 1, -150, hand_x=cat["neck"][0])
    found.append(
        Figure(
            "cat-cow",
            "Cat-cow",
            "On all fours, the back rounds up towards the ceiling with the chin tucked, then the belly sinks gently and the head lifts.",
            side_bones(moving={"mid", "neck", "head"}, planted=True),
            cat,
            cow,
            ("hip", "hand-n", "hand-f"),
            ("mid", (0, -16), True),
        )
    )

    # Child's pose: from all fours the hips sit back to the heels, arms sliding forward on the floor.
    fours = all_fours(37.5, -1, 160)
    sit_hip = at(knee_n, -33, THIGH)
    sit_args = [sit_hip, 190, 160, 135, (180, 180), (180, 180), (angle(sit_hip, knee_n), 2, 6), (angle(sit_hip, (knee_n[0] - 5, knee_n[1])), 2, 6)]
    sitting = side_body(*sit_args)
    sit_args[4] = reach(sitting, "neck", (fours["hand-n"][0] - 14, -3.5), UPPER_ARM, FOREARM, 1)
    sit_args[5] = reach(sitting, "neck", (fours["hand-f"][0] - 14, -3.5), UPPER_ARM, FOREARM, 1)
    found.append(
        Figure(
            "childs-pose",
            "Child's pose",
            "From all fours, the hips sit back towards the heels with the arms stretched forward and the head resting down, then come back up.",
            side_bones(moving={"mid", "neck", "head", "hip"}),
            fours,
            side_body(*sit_args),
            "knee-n",
            ("hip", (6, -12), False),
        )
    )

    # Modified curl-up: one knee bent, arms across the chest; head and shoulders lift a little.
    straight_leg = (2, 0, -75)
    curl_start = side_body(SUPINE_HIP, 180, 182.5, 180, (-16, 190), (-12, 194), bent_knee(SUPINE_HIP), straight_leg)
    lift = 22
    curl_end = side_body(SUPINE_HIP, 180, 182.5 + lift, 180 + lift + 8, (-16 + lift, 190 + lift), (-12 + lift, 194 + lift), bent_knee(SUPINE_HIP), straight_leg)
    found.append(
        Figure(
            "curl-up",
            "Modified curl-up",
            "Lying on the back with one knee bent and arms across the chest, the head and shoulders lift slightly while the low back stays down, hold, then lower.",
            side_bones(moving={"neck", "head", "elbow-n", "hand-n"}),
            curl_start,
            curl_end,
            "hip",
            ("head", (2, -12), False),
        )
    )

    # Hamstring stretch: the near thigh held upright behind the knee; the knee straightens.
    bent_up = [SUPINE_HIP, 180, 182.5, 180, ARM_ALONG, ARM_ALONG, (-97, -2, -92), bent_knee(SUPINE_HIP)]
    bent_pose = side_body(*bent_up)
    grip = on_thigh(bent_pose, "n", 0.72, 7)
    bent_up[4] = reach(bent_pose, "neck", grip, UPPER_ARM, FOREARM, -1)
    bent_up[5] = reach(bent_pose, "neck", on_thigh(bent_pose, "n", 0.62, 7), UPPER_ARM, FOREARM, -1)
    straight_up = list(bent_up)
    straight_up[6] = (-97, -97, -187)
    found.append(
        Figure(
            "hamstring-stretch",
            "Hamstring stretch, lying",
            "Lying on the back with one thigh held upright, the knee slowly straightens until a gentle pull is felt behind the thigh; then the other leg.",
            side_bones(moving={"ankle-n", "toe-n"}, near_arm=3),
            side_body(*bent_up),
            side_body(*straight_up),
            "hip",
            ("ankle-n", (10, -6), False),
        )
    )

    # Hip-flexor stretch: half-kneeling on a cushion, the back knee down; the hips shift forward.
    kneel = (150, -11)
    back_leg = (8, 18)
    front_ankle = (112, -5)

    def half_kneel(hip):
        thigh = angle(hip, kneel)
        front = two_bone(hip, front_ankle, THIGH, SHIN, -1)
        base = side_body(hip, -90, -91, -90, (90, 90), (90, 90), (thigh, *back_leg), (*front, 176))
        front_knee = base["knee-f"]
        near = reach(base, "neck", (front_knee[0] + 2, front_knee[1] - 8), UPPER_ARM, FOREARM, 1)
        far = reach(base, "neck", (front_knee[0] - 2, front_knee[1] - 8), UPPER_ARM, FOREARM, 1)
        return side_body(hip, -90, -91, -90, near, far, (thigh, *back_leg), (*front, 176))

    upright = (kneel[0], kneel[1] - THIGH)
    forward = (kneel[0] - 12, kneel[1] - math.sqrt(THIGH**2 - 12**2))
    found.append(
        Figure(
            "hip-flexor-stretch",
            "Hip-flexor stretch",
            "Half-kneeling on a cushion with the trunk upright and the tailbone tucked, the hips shift gently forward to stretch the front of the back hip; then the other side.",
            side_bones(moving={"knee-n"}, near_arm=3),
            half_kneel(upright),
            half_kneel(forward),
            "knee-n",
            ("hip", (0, -8), False),
            [("prop", f"M{fmt(kneel[0] - 10)} -3H{fmt(kneel[0] + 16)}", 6)],
        )
    )

    # Standing hip-flexor stretch: a long split stance holding a chair; the hips shift forward.
    back_ankle = (158, -10)
    front_foot = (96, -5)
    chair_top = (80, -76)

    def split(theta):
        hip = at(back_ankle, theta, THIGH + SHIN)
        back = angle(hip, back_ankle)
        front = two_bone(hip, front_foot, THIGH, SHIN, -1)
        base = side_body(hip, -90, -92, -90, (90, 90), (90, 90), (back, back, 40), (*front, 178))
        near = reach(base, "neck", chair_top, UPPER_ARM, FOREARM, -1)
        far = reach(base, "neck", (chair_top[0] + 3, chair_top[1]), UPPER_ARM, FOREARM, -1)
        return side_body(hip, -90, -92, -90, near, far, (back, back, 40), (*front, 178))

    found.append(
        Figure(
            "hip-flexor-stretch-standing",
            "Standing hip-flexor stretch",
            "Standing in a long split stance and holding a chair, the tailbone tucks and the hips shift forward to stretch the front of the back hip; then the other side.",
            side_bones(moving={"knee-n", "ankle-n"}, near_arm=3, planted=True),
            split(232),
            split(222),
            ("ankle-f", "hand-n", "hand-f"),
            ("hip", (0, -10), False),
            [("prop", f"M{fmt(chair_top[0] + 1)} 0V{fmt(chair_top[1] + 3)}M{fmt(chair_top[0] + 1)} -40H54M56 -40V0", 4)],
        )
    )

    # Seated: on a chair facing left, near its front edge, feet flat.
    seat_y = -38
    sit = (128, seat_y - 8.5)
    seated_leg = (180 - math.degrees(math.asin((sit[1] - (FLOOR_Y - 5 - SHIN)) / -THIGH)), 90, 180)

    def seated(lumbar, chest, neck):
        base = side_body(sit, lumbar, chest, neck, (90, 90), (90, 90), seated_leg, seated_leg)
        knee = base["knee-n"]
        near = reach(base, "neck", (knee[0] + 4, knee[1] - 7), UPPER_ARM, FOREARM, -1)
        far = reach(base, "neck", (knee[0] + 8, knee[1] - 7), UPPER_ARM, FOREARM, -1)
        return side_body(sit, lumbar, chest, neck, near, far, seated_leg, seated_leg)

    chair_prop = ("prop", f"M114 {seat_y + 2}H150V-86M150 {seat_y + 2}V0M116 {seat_y + 2}V0", 4)
    found.append(
        Figure(
            "cat-cow-seated",
            "Seated cat-cow",
            "Sitting tall on a chair with hands on the knees, the back rounds and the chin drops, then the chest lifts and the back arches gently.",
            side_bones(moving={"mid", "neck", "head"}, near_arm=3),
            seated(-78, -125, -150),
            seated(-100, -82, -100),
            "hip",
            ("neck", (-10, -6), True),
            [chair_prop],
        )
    )
    found.append(
        Figure(
            "pelvic-tilt-seated",
            "Seated pelvic tilt",
            "Sitting near the front of a chair with feet flat, the pelvis rolls back so the low back rounds a little, then forward into a small arch.",
            side_bones(moving={"mid", "neck"}, near_arm=3),
            seated(-76, -100, -95),
            seated(-104, -86, -92),
            "hip",
            ("mid", (15, -2), True),
            [chair_prop],
        )
    )

    # Prone on elbows: lying face down, then propped on the forearms, hips staying down.
    prone_hip = (100, -8.5)
    prone_legs = (2.5, 3, 14)
    prone_flat = side_body(prone_hip, 180, 182.5, -158, (165, 180), (165, 180), prone_legs, prone_legs)
    propped_neck = (prone_hip[0] - math.sqrt(36**2 - 18.5**2), -27)
    lumbar, chest = two_bone(prone_hip, propped_neck, LUMBAR, CHEST, 1)
    prone_up = side_body(prone_hip, lumbar, chest, -168, (90, 180), (90, 180), prone_legs, prone_legs)
    found.append(
        Figure(
            "prone-on-elbows",
            "Prone on elbows",
            "Lying on the front, the chest lifts and the body props up on the forearms with the elbows under the shoulders, while the hips stay down; hold, then lower slowly.",
            side_bones(moving={"mid", "neck", "head"}, near_arm=3),
            prone_flat,
            prone_up,
            "hip",
            ("neck", (4, -14), False),
        )
    )

    # Side leg raise, seen from the front: lying on one side, head on the lower arm, the top leg lifts.
    found.append(side_lying())
    # Standing side leg raise, seen from the front: holding a chair, the outer leg lifts to the side.
    found.append(standing_side())
    # Knee rolls, seen from the feet: lying on the back, both knees roll to one side together.
    found.append(knee_rolls())
    return found


def main(argv):
    check = "--check" in argv
    stale = []
    for figure in figures():
        text = render(figure)
        path = OUT / f"{figure.name}.svg"
        if check:
            if not path.is_file() or path.read_text() != text:
                stale.append(path.name)
        else:
            path.write_text(text)
    if stale:
        print("differ from tools/figures.py:", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
