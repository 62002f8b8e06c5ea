"""`static/js/own-routines/qr-svg.js` in real Chromium: each QR code it draws, rendered to PNG, is read back by zbar.

Node makes the SVG (the module is pure); Chromium paints it as a phone's screen would; Debian's
`zbarimg` (zbar-tools, installed by `make test`) decodes the picture with no knowledge of how
it was made.
"""

import json
import shutil
import subprocess

import pytest

from tests.conftest import PROJECT_ROOT

NODE = shutil.which("node")
ZBARIMG = shutil.which("zbarimg") or "/usr/bin/zbarimg"

# Print, one JSON line per text, the SVG for it and its symbol's version and size.
MAKE_SVGS = """
const { pathToFileURL } = await import("node:url");
const { readFileSync, readdirSync } = await import("node:fs");
const [qrModule, linkModule, folder] = process.argv.slice(2);
const { qrMatrix, qrSvg } = await import(pathToFileURL(qrModule));
const { routineLink } = await import(pathToFileURL(linkModule));
const requests = JSON.parse(readFileSync(0, "utf8"));
for (const name of readdirSync(folder).sort()) {
  const { $schema, ...routine } = JSON.parse(readFileSync(`${folder}/${name}`, "utf8"));
  requests.push({ text: await routineLink(routine, "https://unknot.example"), level: "M" });
}
for (const { text, level } of requests) {
  const { version, size } = qrMatrix(text, { level });
  console.log(JSON.stringify({ text, level, version, size, svg: qrSvg(text, { level, label: "Link to the routine" }) }));
}
"""

TEXTS = [
    ("https://unknot.example/", "M"),
    ("Ünknot · pelvic tilt ✓ 5 × 5 s", "L"),
    ("A" * 100, "Q"),
    ("Unknot", "H"),
    ("x" * 20, "H"),
    ("0123456789" * 30, "H"),
    ("long text " * 150, "L"),
]


@pytest.fixture(scope="module")
def symbols(tmp_path_factory):
    """Every test text's QR SVG, and the five shipped routines' share links'."""
    script = tmp_path_factory.mktemp("qr") / "make-svgs.mjs"
    script.write_text(MAKE_SVGS)
    made = subprocess.run(
        [NODE, str(script), str(PROJECT_ROOT / "static/js/own-routines/qr-svg.js"), str(PROJECT_ROOT / "static/js/own-routines/routine-link.js"), str(PROJECT_ROOT / "routines/routines")],
        input=json.dumps([{"text": text, "level": level} for text, level in TEXTS]),
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in made.stdout.splitlines()]


def read_back(page, symbol, tmp_path, module_pixels=4):
    """Paint the SVG at `module_pixels` a module on white, and what zbar reads from the picture."""
    side = (symbol["size"] + 8) * module_pixels
    page.set_viewport_size({"width": side + 40, "height": side + 40})
    page.set_content(f'<body style="margin:20px;background:#fff"><div style="width:{side}px;height:{side}px">{symbol["svg"]}</div></body>')
    picture = tmp_path / "qr.png"
    page.locator("svg").screenshot(path=picture)
    read = subprocess.run([ZBARIMG, "--quiet", "--raw", "-Sbinary", str(picture)], capture_output=True, check=False)
    assert read.returncode == 0, f"zbar read nothing from version {symbol['version']}: {read.stderr.decode()}"
    return read.stdout.decode("utf-8").removesuffix("\n")


def test_every_code_reads_back_as_its_text(page, symbols, tmp_path):
    versions = set()
    for symbol in symbols:
        versions.add(symbol["version"])
        assert read_back(page, symbol, tmp_path) == symbol["text"], f"version {symbol['version']}, level {symbol['level']}"
    # From the smallest symbol to ones that carry version information (7 and over).
    assert min(versions) == 1
    assert max(versions) >= 20


def test_the_shipped_routines_links_fit_a_code_a_phone_can_read(symbols):
    links = [symbol for symbol in symbols if "/shared#r=" in symbol["text"]]
    assert len(links) == 5
    for symbol in links:
        print(f"{len(symbol['text'])} characters: QR version {symbol['version']} ({symbol['size']} modules) at level M")
        # Past version 25 (117 modules) a code on a phone's screen gets hard to read.
        assert symbol["version"] <= 25


def test_the_svg_is_dark_on_light_with_a_quiet_zone_and_a_name(symbols):
    symbol = symbols[0]
    side = symbol["size"] + 8
    assert symbol["svg"].startswith(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}"')
    assert 'aria-label="Link to the routine"' in symbol["svg"]
    assert f'<rect width="{side}" height="{side}" fill="#fff"/>' in symbol["svg"]
    # No module is drawn in the quiet zone: every run starts at 4 or more.
    assert "M3 " not in symbol["svg"] and "M0 " not in symbol["svg"]
