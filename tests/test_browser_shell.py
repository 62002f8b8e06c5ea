"""The installable shell in real Chromium: views, offline, updates, installability, accessibility, phones."""

import re

import pytest
from browser_helpers import answer_no_to_every_question, assert_no_axe_violations, offline, open_view, phone, read_store, wait_for_service_worker, wait_until
from playwright.sync_api import expect

VIEWS = {
    "home": ("/", "Acute relief"),
    "routine": ("/routines/desk-break", "Desk break"),
    "exercise": ("/exercises/knee-to-chest", "Single knee-to-chest"),
    "player-first-visit": ("/play/back-basics", "Safety check"),
    "history": ("/history", "Your history"),
    "settings": ("/settings", "Settings"),
    "safety-check": ("/check", "Safety check"),
    "heat-cold": ("/heat-cold", "Heat and cold timer"),
    "guide": ("/guide", "Back spasm guide"),
    "guide-page": ("/guide/when-to-see-a-clinician", "When to see a clinician"),
    "guide-getting-better": ("/guide/getting-better", "Getting better day to day"),
    "warning-signs": ("/warning-signs", "Warning signs"),
    "acute-relief": ("/routines/acute-relief", "Acute relief"),
    "prone-on-elbows": ("/exercises/prone-on-elbows", "Lying on your front, on your forearms"),
    "not-found": ("/routines/no-such-routine", "We could not find that page"),
}


def test_first_load_renders_home_with_todays_routine_and_the_others(page):
    page.goto("/")
    # Before "How is your back today?" is answered: the gentlest routine.
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_text("Today's routine")).to_be_visible()
    # A first visit has not answered the safety check yet: Start goes through it.
    expect(page.get_by_role("link", name="Start Acute relief")).to_have_attribute("href", "/check?next=%2Fplay%2Facute-relief")
    others = page.get_by_role("list", name="Other routines").locator(".card-title")
    expect(others).to_have_text(["Back basics", "Daily strength", "Desk break", "Morning mobility"])
    tools = page.get_by_role("list", name="Help and tools").locator(".card-title")
    expect(tools).to_have_text(["Warning signs", "Safety check", "Heat and cold timer", "Back spasm guide"])
    # Who it is for, before anything else is asked of a first-time user.
    scope = page.get_by_role("region", name="Before you start")
    expect(scope).to_contain_text("Unknot is not a diagnosis")
    expect(scope).to_contain_text("adults (18 and over)")
    expect(scope).to_contain_text("hip replacement")
    expect(page.get_by_text("If your pain is 7 or more out of 10: Start gently")).to_be_visible()
    expect(page).to_have_title("Today · Unknot")


def test_routine_view_shows_summary_when_to_use_duration_and_doses(page):
    open_view(page, "/routines/back-basics", "Back basics")
    expect(page.get_by_text("About 7 minutes · 4 exercises")).to_be_visible()
    expect(page.get_by_role("heading", name="When to use it")).to_be_visible()
    expect(page.get_by_role("heading", name="When not to")).to_be_visible()
    expect(page.locator(".dose-list .card-meta")).to_have_text(["2 sets of 8 · hold 5 s", "8 reps · slow, about 6 s each", "10 reps · slow, about 5 s each", "5 each side · hold 5 s"])


def test_exercise_view_shows_steps_cues_stop_signs_variants_and_sources(page):
    open_view(page, "/exercises/hamstring-stretch", "Hamstring stretch, lying")
    expect(page.locator("ol.steps > li")).to_have_count(4)
    expect(page.get_by_role("heading", name="Stop if")).to_be_visible()
    expect(page.get_by_text("You feel pain or tingling below the knee.")).to_be_visible()
    expect(page.get_by_text("Easier: Towel and soft knee.")).to_be_visible()
    expect(page.get_by_role("link", name="Hamstring stretch (NYU Langone Orthopedic Hospital)")).to_be_visible()


def test_acute_relief_bends_back_and_turns_each_with_its_stop_signs(page):
    open_view(page, "/routines/acute-relief", "Acute relief")
    expect(page.locator(".dose-list .card-title")).to_have_text(
        ["Pelvic tilt", "Flat-back pelvic press", "Single knee-to-chest", "Knee rolls", "Lying on your front, on your forearms", "Child's pose", "Cat-cow"]
    )
    expect(page.get_by_text("get emergency help now")).to_be_visible()
    page.get_by_role("link", name="Lying on your front, on your forearms").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lying on your front, on your forearms")
    stop = page.get_by_role("region", name="Stop if")
    expect(stop).to_contain_text("Pain spreads into your buttock or down a leg")
    expect(page.locator("svg.figure")).to_be_visible()
    page.go_back()
    page.get_by_role("link", name="Knee rolls").click()
    expect(page.get_by_role("region", name="Stop if")).to_contain_text("Pain spreads into a leg")


def test_links_route_in_place_and_survive_back_and_reload(page):
    page.goto("/")
    page.get_by_role("link", name="See the exercises").click()
    expect(page).to_have_url(re.compile(r"/routines/acute-relief$"))
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    page.get_by_role("link", name="Knee rolls").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Knee rolls")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_text("Today's routine")).to_be_visible()


def test_start_leads_through_the_safety_check_to_the_player(page):
    page.goto("/")
    page.get_by_role("link", name="Start Acute relief").click()
    expect(page.get_by_role("heading", name="Safety check")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/check\?next=%2Fplay%2Facute-relief$"))
    answer_no_to_every_question(page)
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("heading", name="No warning signs")).to_be_visible()
    page.get_by_role("link", name="Carry on").click()
    expect(page).to_have_url(re.compile(r"/play/acute-relief$"))
    expect(page.get_by_role("heading", name="How is your back pain right now?")).to_be_visible()


def test_picking_a_daily_routine_changes_home_and_persists(page):
    open_view(page, "/routines/morning-mobility", "Morning mobility")
    page.get_by_role("button", name="Make this my daily routine").click()
    expect(page).to_have_url(re.compile(r"/$"))
    # Until the day's answer the gentlest routine comes first, the pick one tap away beside it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("link", name="Your usual routine: Morning mobility")).to_be_visible()
    page.get_by_role("button", name="Sore but moving").click()
    expect(page.get_by_text("Today's routine", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Morning mobility")
    expect(page.get_by_role("link", name="Start Morning mobility")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Today's routine", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Morning mobility")
    expect(page.get_by_role("list", name="Other routines").locator(".card-title")).to_contain_text(["Acute relief"])


def test_keyboard_alone_reaches_and_follows_the_controls(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "See the exercises":
            break
    expect(page.get_by_role("link", name="See the exercises")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    expect(page.get_by_role("heading", name="When to use it")).to_be_visible()


def test_service_worker_takes_control_and_precaches_one_version(page, live_server):
    page.goto("/")
    wait_for_service_worker(page)
    version = live_server.app.extensions["assets"].version
    assert page.evaluate("caches.keys()") == [f"unknot-precache-{version}"]
    cached = page.evaluate("caches.open(`unknot-precache-" + version + "`).then(c => c.keys()).then(k => k.length)")
    assert cached == len(live_server.app.extensions["assets"].precache)


def test_offline_reload_renders_home_routine_and_exercise(page, live_server):
    page.goto("/")
    wait_for_service_worker(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    with offline(page, live_server):
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
        page.get_by_role("link", name="Desk break").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Desk break")
        page.get_by_role("link", name="Seated cat-cow").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Cat-cow")
        open_view(page, "/exercises/side-leg-raise", "Side leg raise")
        open_view(page, "/routines/morning-mobility", "Morning mobility")


def test_offline_with_no_local_data_falls_back_to_the_precached_catalog(page, live_server):
    page.goto("/")
    wait_for_service_worker(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    with offline(page, live_server):
        page.evaluate(
            """() => new Promise((resolve, reject) => {
                const request = indexedDB.deleteDatabase("unknot");
                request.onsuccess = resolve;
                request.onerror = reject;
            })"""
        )
        open_view(page, "/routines/daily-strength", "Daily strength")
        open_view(page, "/", "Acute relief")


def test_no_request_leaves_for_another_origin_and_the_console_stays_clean(page, live_server):
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto("/")
    wait_for_service_worker(page)
    for path, heading in VIEWS.values():
        open_view(page, path, heading)
    assert requests and all(url.startswith(live_server.url + "/") for url in requests)
    assert problems == []


def test_a_changed_static_file_offers_an_update_and_reloads_only_on_tap(browser, static_copy, deployable_server):
    server = deployable_server
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        page.goto("/")
        wait_for_service_worker(page)
        old_version = server.app.extensions["assets"].version

        stylesheet = static_copy / "css" / "views.css"
        stylesheet.write_text(stylesheet.read_text() + "\n.today { outline: 1px solid transparent; }\n")
        server.deploy()
        new_version = server.app.extensions["assets"].version
        assert new_version != old_version

        # A reload would drop this marker.
        page.evaluate("window.stillTheSamePage = true")
        page.evaluate("navigator.serviceWorker.getRegistration().then((registration) => registration.update())")
        expect(page.get_by_text("Update ready")).to_be_visible(timeout=30_000)
        # The new version waits: the page has not reloaded on its own and the old worker still rules;
        # while the new worker is still waiting, no takeover (so no reload) can come later either.
        assert page.evaluate("window.stillTheSamePage") is True
        assert page.evaluate("navigator.serviceWorker.getRegistration().then((registration) => registration.waiting !== null)")
        page_css = "document.querySelector('head style').textContent"
        assert page.evaluate(page_css) != server.app.extensions["assets"].inline_css

        with page.expect_navigation():
            page.get_by_role("button", name="Reload to update").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
        assert page.evaluate(page_css) == server.app.extensions["assets"].inline_css
        wait_until(
            page,
            lambda: page.evaluate("caches.keys()") == [f"unknot-precache-{new_version}"],
            lambda: f"the caches are {page.evaluate('caches.keys()')} after 10 s, not only unknot-precache-{new_version}",
        )
    finally:
        context.close()


def test_installable_with_no_errors(browser_type, browser_type_launch_args, live_server, tmp_path):
    context = browser_type.launch_persistent_context(str(tmp_path / "profile"), **browser_type_launch_args, base_url=live_server.url)
    try:
        page = context.new_page()
        page.goto("/")
        wait_for_service_worker(page)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert manifest["url"].endswith("/manifest.webmanifest")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("view", VIEWS)
def test_axe_finds_no_violations(page, view, scheme):
    page.emulate_media(color_scheme=scheme)
    open_view(page, *VIEWS[view])
    assert_no_axe_violations(page, view)


@pytest.mark.parametrize("width", [320, 360, 390, 430])
@pytest.mark.parametrize("view", VIEWS)
def test_phone_has_no_sideways_scrolling_and_big_touch_targets(browser, live_server, view, width):
    context = browser.new_context(base_url=live_server.url, **phone(width))
    try:
        page = context.new_page()
        open_view(page, *VIEWS[view])
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The app bar on one line: the brand's icon whole, the brand and the links apart.
        bar = page.evaluate(
            """() => {
                const box = (selector) => document.querySelector(selector).getBoundingClientRect();
                return { icon: box(".brand img").width, brandRight: box(".brand").right, navLeft: box(".app-bar nav").left, navRight: box(".app-bar nav").right };
            }"""
        )
        assert bar["icon"] == 32 and bar["brandRight"] <= bar["navLeft"] and bar["navRight"] <= width, bar
        small = page.evaluate(
            """() => [...document.querySelectorAll("button, .button, .card, .back-link, .brand")]
                .filter((element) => element.offsetParent !== null)
                .map((element) => [element.textContent.trim(), element.getBoundingClientRect()])
                .filter(([, box]) => box.width < 44 || box.height < 44)
                .map(([text]) => text)"""
        )
        assert small == []
    finally:
        context.close()


@pytest.mark.parametrize(("motion", "longest_seconds"), [("no-preference", 0.15), ("reduce", 0.0)])
def test_transitions_play_only_for_those_who_want_motion(page, motion, longest_seconds):
    page.emulate_media(reduced_motion=motion)
    open_view(page, "/", "Acute relief")
    durations = page.evaluate("getComputedStyle(document.querySelector('.button')).transitionDuration")
    longest = max(float(duration.strip().removesuffix("s")) for duration in durations.split(","))
    assert longest == pytest.approx(longest_seconds, abs=0.001)


# An earlier version's stored safety document: another shape, none of the fields this code reads.
STORE_OLD_SAFETY = """() => new Promise((resolve, reject) => {
    const request = indexedDB.open("unknot");
    request.onsuccess = () => {
        const database = request.result;
        const put = database.transaction("catalog", "readwrite").objectStore("catalog")
            .put({ path: "/api/v1/safety", etag: '"an-old-one"', data: { emergency_numbers: { GB: "999" } }, storedAt: 0 });
        put.onsuccess = () => { database.close(); resolve(); };
        put.onerror = () => reject(put.error);
    };
    request.onerror = () => reject(request.error);
})"""


def test_a_catalog_document_stored_by_an_earlier_version_is_fetched_again_not_read(page):
    open_view(page, "/", "Acute relief")
    wait_until(page, lambda: any(record["path"] == "/api/v1/safety" for record in read_store(page, "catalog")), "the safety document was never stored")
    page.evaluate(STORE_OLD_SAFETY)
    page.reload()
    # Home draws from the document of this version's shape, fetched again, not from the old one.
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("link", name="Warning signs").first).to_be_visible()
    (safety,) = [record for record in read_store(page, "catalog") if record["path"] == "/api/v1/safety"]
    assert "scope" in safety["data"] and safety["etag"] != '"an-old-one"'
