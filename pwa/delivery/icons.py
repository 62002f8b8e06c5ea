"""Render the app icons from their one source drawing, `static/icons/icon.svg`.

Run as a script (`python -m pwa.delivery.icons`) or at start-up through `assets.py`. The drawing has
a `background` rect and a `glyph` group: the "any" icons keep the rounded background; the
maskable and Apple icons fill the square edge to edge and shrink the glyph into the safe zone
that launchers never crop.
"""

import sys
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

import resvg_py
from PIL import Image

from ..paths import PROJECT_ROOT

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
SOURCE = Path("icons") / "icon.svg"
OUTPUT_DIR = Path("gen") / "icons"
# (file name, size in pixels, full bleed)
ICONS = (
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("icon-maskable-512.png", 512, True),
    ("apple-touch-icon.png", 180, True),
)
# The maskable safe zone is a centred circle of 80% of the icon's width.
SAFE_ZONE_SCALE = 0.72
# Two colours and their anti-aliased edges: a 64-colour palette looks the same at a third of the bytes.
PALETTE_COLOURS = 64

ET.register_namespace("", SVG_NAMESPACE)


def full_bleed(svg_text):
    """The drawing with square corners and the glyph scaled into the maskable safe zone."""
    root = ET.fromstring(svg_text)
    size = float(root.get("viewBox").split()[2])
    for element in root.iter():
        element_id = element.get("id")
        if element_id == "background":
            element.set("rx", "0")
        elif element_id == "glyph":
            offset = size * (1 - SAFE_ZONE_SCALE) / 2
            element.set("transform", f"translate({offset:g} {offset:g}) scale({SAFE_ZONE_SCALE:g})")
    return ET.tostring(root, encoding="unicode")


def small_png(png):
    """The same picture as a palette PNG, for a smaller download and precache."""
    image = Image.open(BytesIO(png)).convert("RGBA")
    out = BytesIO()
    image.quantize(colors=PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue()


def build_icons(static_dir):
    """Write every icon PNG below `static_dir/gen/icons`; return their paths relative to `static_dir`."""
    static_dir = Path(static_dir)
    source_text = (static_dir / SOURCE).read_text(encoding="utf-8")
    variants = {False: source_text, True: full_bleed(source_text)}
    output_dir = static_dir / OUTPUT_DIR
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, size, bleed in ICONS:
        png = small_png(bytes(resvg_py.svg_to_bytes(svg_string=variants[bleed], width=size, height=size)))
        target = output_dir / name
        if not target.exists() or target.read_bytes() != png:
            target.write_bytes(png)
        written.append((OUTPUT_DIR / name).as_posix())
    return written


if __name__ == "__main__":
    for path in build_icons(sys.argv[1] if len(sys.argv) > 1 else PROJECT_ROOT / "static"):
        print(path)
