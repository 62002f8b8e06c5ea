"""Sharing an own routine in real Chromium: its link opened on a second, fresh device that has
the app installed and is offline, added there in one tap; its QR code read back by zbar; its file
downloaded and opened again; and every broken link or file refused with its own words and
nothing written to IndexedDB."""

import json
import shutil
import subprocess

import pytest
from browser_helpers import assert_no_axe_violations, expect_file_chooser, offline, phone, read_store, seed_store, wait_for_service_worker, wait_until
from playwright.sync_api import expect

from pwa.catalog import dosage
from tests.conftest import PROJECT_ROOT
from tests.test_browser_own_routines import routine_validator

ZBARIMG = shutil.which("zbarimg") or "/usr/bin/zbarimg"
BACK_BASICS = json.loads((PROJECT_ROOT / "routines/routines/back-basics.json").read_text())
OWN_ID = "0b9d6f3e-6a55-4c1e-9d0e-2f4b8d1c7a01"


def two_gentle_ones(title="Two gentle ones"):
    """An own routine document: Back basics' cat-cow and pelvic tilt, nothing after the last."""
    # As the API serves a routine: without the file's schema link and its internal provenance.
    routine = {key: value for key, value in BACK_BASICS.items() if key not in ("$schema", "provenance")}
    items = [dict(item) for item in BACK_BASICS["items"][1:3]]
    items[-1]["rest_after_seconds"] = 0
    return {**routine, "title": title, "summary": "Cat-cow, then pelvic tilts.", "items": items}


ROUTINE = two_gentle_ones()

# Links made by the app's own codec (`static/js/own-routines/routine-link.js`) in Node: good ones, and the
# faults a link meets on the way or from a careless or hostile maker.
MAKE_LINKS = """
const { pathToFileURL } = await import("node:url");
const { readFileSync } = await import("node:fs");
const { crc32, routineLink } = await import(pathToFileURL(process.argv[2]));
const { toBase64Url, fromBase64Url } = await import(pathToFileURL(process.argv[3]));
const { origin, routine } = JSON.parse(readFileSync(0, "utf8"));
const good = await routineLink(routine, origin);
const payload = good.split("#r=")[1];
const flip = (text, at) => text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
const bytes = fromBase64Url(payload);
bytes[0] = 2;
const json = new TextEncoder().encode(JSON.stringify({ not: "a routine" }));
const deflated = new Uint8Array(await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
const handMade = new Uint8Array(7 + deflated.length);
const view = new DataView(handMade.buffer);
view.setUint8(0, 1);
view.setUint32(1, crc32(json));
view.setUint16(5, deflated.length);
handMade.set(deflated, 7);
const unknown = structuredClone(routine);
unknown.items[0].exercise = "moon-walk";
const invalid = structuredClone(routine);
invalid.items[1].sets = 0;
console.log(JSON.stringify({
  good,
  flipped: `${origin}/shared#r=${flip(payload, Math.floor(payload.length / 2))}`,
  truncated: good.slice(0, -6),
  newer: `${origin}/shared#r=${toBase64Url(bytes)}`,
  "not-a-routine": `${origin}/shared#r=${toBase64Url(handMade)}`,
  "unknown-exercise": await routineLink(unknown, origin),
  "schema-invalid": await routineLink(invalid, origin),
}));
"""


@pytest.fixture(scope="module")
def links(tmp_path_factory, live_server):
    script = tmp_path_factory.mktemp("links") / "make-links.mjs"
    script.write_text(MAKE_LINKS)
    made = subprocess.run(
        [shutil.which("node"), str(script), str(PROJECT_ROOT / "static/js/own-routines/routine-link.js"), str(PROJECT_ROOT / "static/js/lib/base64url.js")],
        input=json.dumps({"origin": live_server.url, "routine": ROUTINE}),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(made.stdout)


def seed_own_routine(page, routine=ROUTINE, record_id=OWN_ID):
    """The app loaded, and `routine` kept on the device as an own routine, as the builder keeps one."""
    page.goto("/")
    expect(page.get_by_role("heading", name="Your routines")).to_be_visible()
    seed_store(page, "own_routines", [{"id": record_id, "routine": routine, "updatedAt": "2026-11-01T08:00:00.000Z", "deleted": False}])


def open_share_page(page, title=ROUTINE["title"]):
    page.goto(f"/routines/{OWN_ID}")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("link", name="Share", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Share {title}")


def wait_for_the_exercises(page):
    """Until the catalog's exercise list is in IndexedDB: a shared routine is checked against it."""
    wait_until(page, lambda: any(record["path"] == "/api/v1/exercises" for record in read_store(page, "catalog")), "the exercise list never reached IndexedDB")


def expect_preview(page, routine):
    """The preview names the routine, each exercise with its dose, and the length the doses make."""
    preview = page.get_by_role("region", name=routine["title"])
    expect(preview).to_be_visible()
    expect(preview.locator(".shared-items .card-title")).to_have_text(["Cat-cow", "Pelvic tilt"])
    expect(preview.locator(".shared-items .card-meta")).to_have_text(["8 reps · slow, about 6 s each", "10 reps · slow, about 5 s each"])
    minutes = dosage.rounded_minutes(dosage.routine_seconds(routine))
    expect(preview.locator(".shared-length")).to_contain_text(f"About {minutes} minute")
    expect(preview.locator(".shared-length")).to_contain_text("2 exercises")


def expect_already_kept(page, record_id, title=ROUTINE["title"]):
    """The preview says the person has this very routine, links to it first, and adds no copy unasked."""
    preview = page.get_by_role("region", name=title)
    expect(preview).to_contain_text(f"This routine is in your routines already, exactly as it is here: “{title}”.")
    expect(preview.get_by_role("button", name="Add to my routines")).to_have_count(0)
    expect(preview.get_by_role("button", name="Add another copy")).to_be_visible()
    opener = preview.get_by_role("link", name=f"Open {title}")
    expect(opener).to_have_attribute("href", f"/routines/{record_id}")


def test_a_link_opens_on_a_fresh_device_offline_and_adds_the_routine_in_one_tap(page, browser, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    seed_own_routine(page)
    open_share_page(page)
    link = page.get_by_label("Link to this routine").input_value()
    assert link.startswith(f"{live_server.url}/shared#r=")
    page.get_by_role("button", name="Copy the link").click()
    expect(page.get_by_role("status").filter(has_text="Link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link

    friend_context = browser.new_context(base_url=live_server.url)
    try:
        friend = friend_context.new_page()
        friend.goto("/")
        wait_for_service_worker(friend)
        wait_for_the_exercises(friend)
        with offline(friend, live_server):
            friend.goto(link)
            expect(friend.get_by_role("heading", level=1)).to_have_text("A shared routine")
            expect_preview(friend, ROUTINE)
            assert read_store(friend, "own_routines") == []
            friend.get_by_role("button", name="Add to my routines").focus()
            friend.keyboard.press("Enter")
            expect(friend.get_by_role("heading", level=1)).to_have_text(ROUTINE["title"])
            (added,) = read_store(friend, "own_routines")
            assert added["id"] != OWN_ID and friend.url.endswith(f"/routines/{added['id']}")
            assert added["routine"] == ROUTINE and not added["deleted"]
            friend.get_by_role("link", name="Unknot home").click()
            expect(friend.get_by_role("link", name=ROUTINE["title"])).to_be_visible()
            # The same link again: the page knows it is the routine just added, and leads to it.
            friend.goto(link)
            expect_already_kept(friend, added["id"])
            friend.get_by_role("link", name=f"Open {ROUTINE['title']}").click()
            expect(friend.get_by_role("heading", level=1)).to_have_text(ROUTINE["title"])
            assert friend.url.endswith(f"/routines/{added['id']}")
            assert len(read_store(friend, "own_routines")) == 1
    finally:
        friend_context.close()


def test_the_qr_code_on_the_share_page_reads_back_as_the_link(browser, live_server, tmp_path):
    context = browser.new_context(base_url=live_server.url, **phone(390, 844))
    try:
        page = context.new_page()
        seed_own_routine(page)
        open_share_page(page)
        link = page.get_by_label("Link to this routine").input_value()
        code = page.get_by_role("img", name=f"QR code of the link to {ROUTINE['title']}")
        box = code.bounding_box()
        # Big enough for another phone's camera: most of a phone's width.
        assert box["width"] >= 300 and box["width"] == box["height"]
        picture = tmp_path / "code.png"
        code.screenshot(path=picture)
        read = subprocess.run([ZBARIMG, "--quiet", "--raw", "-Sbinary", str(picture)], capture_output=True, check=False)
        assert read.returncode == 0, read.stderr.decode()
        assert read.stdout.decode("utf-8").removesuffix("\n") == link
    finally:
        context.close()


def test_the_file_round_trip_and_the_clinicians_check_of_it(page, live_server, tmp_path):
    seed_own_routine(page)
    open_share_page(page)
    # From the keyboard: the button, then the file picker.
    page.get_by_role("button", name="Save as file").focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "two-gentle-ones.json"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document == {"$schema": "../schema/routine.schema.json", **ROUTINE}
    assert list(routine_validator().iter_errors(document)) == []
    checked = live_server.app.test_cli_runner().invoke(args=["routines", "validate", str(saved)])
    assert checked.exit_code == 0 and "routine 'Two gentle ones', 2 exercises" in checked.output

    page.get_by_role("link", name="Unknot home").click()
    page.get_by_role("link", name="Open a routine file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A shared routine")
    page.get_by_label("Routine file", exact=True).focus()
    with expect_file_chooser(page) as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(saved)
    expect_preview(page, ROUTINE)
    # What the file holds takes the focus, so a screen reader reads the routine next.
    expect(page.get_by_role("heading", level=2, name=ROUTINE["title"])).to_be_focused()
    # Opened where it was made: the same routine is there already; a second copy only when asked.
    expect_already_kept(page, OWN_ID)
    assert len(read_store(page, "own_routines")) == 1
    page.get_by_role("button", name="Add another copy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROUTINE["title"])
    records = read_store(page, "own_routines")
    assert len(records) == 2 and {record["id"] for record in records} > {OWN_ID}
    assert all(record["routine"] == ROUTINE for record in records)
    # A changed copy is another routine: "Add to my routines" again.
    chooser_path = tmp_path / "changed.json"
    chooser_path.write_text(json.dumps({**document, "title": "Two gentler ones"}), encoding="utf-8")
    page.goto("/shared")
    page.get_by_label("Routine file", exact=True).set_input_files(chooser_path)
    expect(page.get_by_role("region", name="Two gentler ones").get_by_role("button", name="Add to my routines")).to_be_visible()
    expect(page.get_by_role("button", name="Add another copy")).to_have_count(0)


LINK_FAULTS = {
    "flipped": "This link was changed or damaged on the way, so it cannot be trusted. Ask for the link again.",
    "truncated": "This link is cut short: part of it is missing. Ask for the whole link again.",
    "newer": "This link was made by a newer version of Unknot. Update the app, then open the link again.",
    "not-a-routine": "This link does not hold a routine that Unknot can read.",
    "unknown-exercise": 'Exercise 1 of this routine, "moon-walk", is not one this app knows. Update the app, or ask for the routine again. Nothing was added.',
    "schema-invalid": "This routine is not in Unknot's routine format: exercise 2, sets must be at least 1. Nothing was added.",
}


def too_large():
    return json.dumps({**ROUTINE, "rationale": "x" * 300_000}).encode()


FILE_FAULTS = {
    "not JSON": (b"title: Two gentle ones\nitems: cat-cow", "This file is not a routine file: it is not JSON text. Nothing was added."),
    "too large": (too_large(), "This file is too large to be a routine (over 256 KB). Nothing was added."),
    "not a routine": (b"[1, 2, 3]", "This file does not hold a routine. Nothing was added."),
    "schema-invalid": (
        json.dumps({**ROUTINE, "items": [], "surprise": True}).encode(),
        "This routine is not in Unknot's routine format: Exercises must have at least 1 (and 1 more fault). Nothing was added.",
    ),
}


def test_every_broken_link_and_file_says_what_is_wrong_and_writes_nothing(page, links):
    page.goto("/")
    wait_for_the_exercises(page)
    for kind, message in LINK_FAULTS.items():
        page.goto("/")
        page.goto(links[kind])
        expect(page.get_by_role("alert")).to_have_text(message)
        expect(page.get_by_role("button", name="Add to my routines")).to_have_count(0)
        assert read_store(page, "own_routines") == [], kind
    for kind, (contents, message) in FILE_FAULTS.items():
        page.goto("/shared")
        page.get_by_label("Routine file", exact=True).set_input_files({"name": f"{kind}.json", "mimeType": "application/json", "buffer": contents})
        expect(page.get_by_role("alert")).to_have_text(message)
        expect(page.get_by_role("button", name="Add to my routines")).to_have_count(0)
        assert read_store(page, "own_routines") == [], kind


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_share_and_preview_fit_320_px_with_big_targets_and_pass_axe(browser, live_server, links, scheme):
    context = browser.new_context(base_url=live_server.url, color_scheme=scheme, **phone(320, 640))
    try:
        page = context.new_page()
        seed_own_routine(page)
        wait_for_the_exercises(page)
        for screen, open_screen in (("share page", lambda: open_share_page(page)), ("link preview", lambda: page.goto(links["good"]))):
            open_screen()
            expect(page.locator("main button").first).to_be_visible()
            if screen == "link preview":
                expect_preview(page, ROUTINE)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, screen
            small = page.evaluate("""() => [...document.querySelectorAll("main button, main input, main a.button, main .back-link")]
                .map((element) => [element.textContent || element.id, element.getBoundingClientRect()])
                .filter(([, box]) => box.height < 44 || box.width < 44).map(([name]) => name)""")
            assert small == [], screen
            assert_no_axe_violations(page, f"{screen}, {scheme}")
    finally:
        context.close()


def test_a_catalog_routine_can_be_shared_too(page):
    page.goto("/routines/back-basics")
    page.get_by_role("link", name="Share", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share Back basics")
    link = page.get_by_label("Link to this routine").input_value()
    page.goto(link)
    expect(page.get_by_role("region", name="Back basics")).to_contain_text("Bridge")
    expect(page.locator(".shared-items li")).to_have_count(len(BACK_BASICS["items"]))
