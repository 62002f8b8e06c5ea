"""A person's data on the device survives a new version of the app.

Each test writes IndexedDB as an earlier app left it (database "unknot", version 4 or 5, the
stores and records `static/js/lib/idb.js`, `log-store.js`, `player-view.js`, `sync-queue.js`,
`own-routine-sync.js`, `function-check-sync.js`, `safety-store.js`, `settings.js` and the heat
and cold timer wrote) with raw IndexedDB calls, before any of the app runs, then loads the app and
checks what the person sees, what the server stores and what the app sends it: never a module's
internals, so a refactor that keeps (or migrates) these shapes passes, and one that loses any of
it fails.
"""

import io
import json
import time
import uuid
from datetime import UTC, datetime

import pytest
from browser_helpers import gets_into_position, open_view, pause_clock, wait_for_service_worker, wait_until
from playwright.sync_api import expect

from pwa.storing.db import db
from pwa.storing.models import Account, LoggedSession, LoggedSet
from tests.log_payloads import a_session, a_set, iso

DAY_MS = 24 * 3600 * 1000
# Version 4 or 5 of the app's database, made as `static/js/lib/idb.js` made it then, then filled with
# records as that code wrote them. Run on a page of the origin where the app is not running.
SEED_AN_EARLIER_DATABASE = """({ version, records }) => new Promise((resolve, reject) => {
    const request = indexedDB.open("unknot", version);
    request.onupgradeneeded = () => {
        const database = request.result;
        database.createObjectStore("catalog", { keyPath: "path" });
        database.createObjectStore("settings", { keyPath: "key" });
        database.createObjectStore("sessions", { keyPath: "id" }).createIndex("startedAt", "startedAt");
        database.createObjectStore("sets", { keyPath: "id" }).createIndex("sessionId", "sessionId");
        database.createObjectStore("player", { keyPath: "key" });
        database.createObjectStore("thermal", { keyPath: "id" }).createIndex("startedAt", "startedAt");
        database.createObjectStore("sync", { keyPath: "sessionId" });
        if (version < 5) return;
        database.createObjectStore("functionChecks", { keyPath: "id" }).createIndex("takenAt", "takenAt");
        database.createObjectStore("functionCheckSync", { keyPath: "checkId" });
        database.createObjectStore("own_routines", { keyPath: "id" });
    };
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
        const database = request.result;
        const writing = database.transaction(Object.keys(records), "readwrite");
        for (const [storeName, values] of Object.entries(records)) {
            for (const value of values) writing.objectStore(storeName).put(value);
        }
        writing.oncomplete = () => { database.close(); resolve(); };
        writing.onerror = () => reject(writing.error);
    };
})"""


def open_a_page_without_the_app(page):
    """A page of the app's origin where none of the app runs (its manifest): the database is ours alone."""
    page.goto("/manifest.webmanifest")


def seed_an_earlier_database(page, records, version=4):
    """Write `records` ({store: [record, ...]}) into a fresh database of that earlier version, on a
    page without the app, so the app first meets them on its next load."""
    page.evaluate(SEED_AN_EARLIER_DATABASE, {"version": version, "records": records})


def player_steps(routine):
    """The steps today's player walks for `routine` (as the API serves it), as (kind, seconds, slot).

    Written apart from `static/js/player/routine-steps.js`, to the same order: the saved position
    of a routine in progress names a step by its index and carries a signature of these steps.
    """
    steps = []
    if routine["warm_up"]:
        steps.append(("warm-up", routine["warm_up"]["seconds"], None))
    for item_index, item in enumerate(routine["items"]):
        sides = ["left", "right"] if item["per_side"] else [None]
        hold = (item["hold_seconds"] or 0) > 0
        if item["get_ready_seconds"] > 0:
            steps.append(("get-ready", item["get_ready_seconds"], None))
        for set_number in range(1, item["sets"] + 1):
            for side_index, side in enumerate(sides):
                if side_index:
                    steps.append(("switch-sides", item["switch_sides_seconds"], None))
                for rep in range(1, item["reps"] + 1):
                    if rep > 1 and item["rest_between_reps_seconds"] > 0:
                        steps.append(("rest-rep", item["rest_between_reps_seconds"], None))
                    steps.append(("hold" if hold else "move", item["hold_seconds"] if hold else item["rep_seconds"], f"{item_index}:{set_number}:{side or 'both'}"))
            if set_number < item["sets"] and item["rest_between_sets_seconds"] > 0:
                steps.append(("rest-set", item["rest_between_sets_seconds"], None))
        if item_index < len(routine["items"]) - 1 and item["rest_after_seconds"] > 0:
            steps.append(("rest-exercise", item["rest_after_seconds"], None))
    steps.append(("done", 0, None))
    return steps


def steps_signature(steps):
    """Today's fingerprint of the steps (32-bit FNV-1a), which a saved position must match to resume.

    An update that fingerprints an unchanged routine differently would turn every routine in
    progress into "This routine was updated since you started it": this test would say so.
    """
    number = lambda value: str(int(value)) if float(value).is_integer() else repr(value)  # noqa: E731 (as JS prints it)
    text = "|".join(f"{kind}:{number(seconds)}:{slot or ''}" for kind, seconds, slot in steps)
    digest = 2166136261
    for character in text:
        digest = ((digest ^ ord(character)) * 16777619) & 0xFFFFFFFF
    return f"{len(steps)}-{digest:x}"


def at(now_ms, offset_ms=0):
    """An ISO time `offset_ms` from `now_ms`, as the app writes it."""
    return iso(datetime.fromtimestamp((now_ms + offset_ms) / 1000, tz=UTC))


def logged(session_id, started_ms, minutes=7, sets=(), **fields):
    """A finished session as `log-store.js` keeps it, its sets apart, each with its `sessionId`."""
    session = a_session(sets=0, id=session_id, startedAt=at(started_ms), endedAt=at(started_ms, minutes * 60_000), updatedAt=at(started_ms, minutes * 60_000 + 5_000), **fields)
    del session["sets"]
    return session, [{**record, "sessionId": session_id} for record in sets]


# Each sync's path, and the list its body carries.
SYNCED = {"/api/v1/sync": "sessions", "/api/v1/function-checks": "checks", "/api/v1/own-routines": "routines"}


class SyncLog:
    """Wraps a live server's app and notes the ids every sync carries: `sent["sessions"]`, `sent["checks"]`, `sent["routines"]`."""

    def __init__(self, server):
        self.server, self.app, self.sent = server, server.app, {kind: [] for kind in SYNCED.values()}
        server.app = self

    def __call__(self, environ, start_response):
        kind = SYNCED.get(environ["PATH_INFO"])
        if kind and environ["REQUEST_METHOD"] == "POST":
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(body)
            self.sent[kind].extend(record["id"] for record in json.loads(body)[kind])
        return self.app(environ, start_response)

    def deploy(self):
        """A new release behind the same origin, still noted."""
        self.server.app = self.app
        self.app = self.server.deploy()
        self.server.app = self


@pytest.fixture
def server(deployable_server):
    """A live server of the test's own (on a copy of `static/`, so it can release a new version), its syncs noted."""
    log = SyncLog(deployable_server)
    deployable_server.sync_log = log
    yield deployable_server
    deployable_server.app = log.app


def an_account(app):
    """A device signed in on a new account, as the app's first sync makes it: its token and id."""
    response = app.test_client().post("/api/v1/devices", json={"name": "Browser"})
    assert response.status_code == 201, response.json
    return response.json["token"], response.json["device"]["id"]


def safety_answers(app, yes=()):
    """Every safety question answered "no", but those in `yes`, keyed as the check saves them."""
    safety = app.test_client().get("/api/v1/safety", buffered=True).json
    questions = safety["emergency_questions"] + safety["urgent_questions"] + safety["banner_questions"]
    return {question["id"]: question["id"] in yes for question in questions}


def a_persons_device(app, now_ms):
    """Everything a person who has used Unknot for a few days has on their phone today.

    Returns the records by store, and the ids and figures the test checks them against.
    """
    token, device_id = an_account(app)
    synced, synced_sets = logged(str(uuid.uuid4()), now_ms - 3 * DAY_MS, note="Felt looser afterwards", sets=[a_set(0), a_set(1, set=2)])
    waiting, waiting_sets = logged(str(uuid.uuid4()), now_ms - 2 * DAY_MS, painBefore=5, painAfter=3, note="After the long drive", sets=[a_set(0)])
    stopped, stopped_sets = logged(
        str(uuid.uuid4()),
        now_ms - DAY_MS,
        minutes=3,
        routineId="acute-relief",
        routineTitle="Acute relief",
        status="stopped",
        stopReason="dizziness",
        painAfter=None,
        exerciseStops=[{"exerciseId": "bridge", "reason": "sharp-pain", "at": at(now_ms - DAY_MS, 60_000)}],
        sets=[a_set(0, skipped=True, repsDone=0, heldSeconds=[])],
    )
    # The synced one is on the server already, as the app's last sync left it.
    payload = {**synced, "sets": [{key: value for key, value in record.items() if key != "sessionId"} for record in synced_sets]}
    response = app.test_client().post("/api/v1/sync", json={"sessions": [payload]}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.json["stored"] == [synced["id"]], response.json

    # Back basics left in the rest after the first set of bridges, two minutes ago.
    routine = app.test_client().get("/api/v1/routines/back-basics", buffered=True).json
    steps = player_steps(routine)
    rest_index = next(index for index, (kind, _, _) in enumerate(steps) if kind == "rest-set")
    slot = steps[rest_index - 1][2]
    saved_at = now_ms - 2 * 60_000
    in_progress_id, first_set_id = str(uuid.uuid4()), str(uuid.uuid4())
    in_progress = {
        "id": in_progress_id,
        "routineId": "back-basics",
        "routineTitle": "Back basics",
        "startedAt": at(saved_at, -80_000),
        "endedAt": None,
        "painBefore": 5,
        "painAfter": None,
        "note": "",
        "status": "in-progress",
        "stopReason": None,
        "updatedAt": at(saved_at, -80_000),
    }
    first_set = {
        "id": first_set_id,
        "sessionId": in_progress_id,
        "order": rest_index - 1,
        "exerciseId": "bridge",
        "exerciseName": "Bridge",
        "variantId": None,
        "set": 1,
        "side": None,
        "repsPlanned": 8,
        "repsDone": 8,
        "holdSecondsPlanned": 5,
        "heldSeconds": [5] * 8,
        "skipped": False,
        "recordedAt": at(saved_at, -10_000),
    }
    active = {
        "key": "active",
        "routineId": "back-basics",
        "sessionId": in_progress_id,
        "signature": steps_signature(steps),
        "machine": {"index": rest_index, "stepStartedAt": saved_at - 10_000, "pausedAt": None, "status": "running", "extraSeconds": {}},
        "slots": {slot: {"reps": {str(rep): {"outcome": "completed", "seconds": 5} for rep in range(1, 9)}}},
        "setIds": {slot: first_set_id},
        "savedAt": saved_at,
    }
    cold_ended = now_ms - 30 * 60_000
    settings = {
        "dailyRoutine": "acute-relief",
        "cue.speech": False,
        "cue.vibration": False,
        "wakeLockNoticeShown": True,
        "safetyScreen": {"answers": safety_answers(app), "level": "clear", "answeredAt": now_ms - 3 * DAY_MS, "confirmedSeenAt": None, "bannerDismissedAt": None},
        "painGuard": None,
        "heatColdActive": None,
        "syncDevice": {"token": token, "id": device_id, "name": "Browser"},
        "syncSignedOut": False,
        "syncPulledAll": True,
        "syncLastAt": now_ms - 3 * DAY_MS,
    }
    records = {
        "settings": [{"key": key, "value": value} for key, value in settings.items()],
        "sessions": [synced, waiting, stopped, in_progress],
        "sets": synced_sets + waiting_sets + stopped_sets + [first_set],
        "sync": [{"sessionId": synced["id"], "syncedUpdatedAt": synced["updatedAt"]}],
        "player": [active],
        "thermal": [{"id": str(uuid.uuid4()), "mode": "cold", "startedAt": cold_ended - 15 * 60_000, "endedAt": cold_ended, "stoppedEarly": False, "coldEndedAt": cold_ended}],
    }
    return records, {
        "synced": synced["id"],
        "waiting": [waiting["id"], stopped["id"]],
        "in_progress": in_progress_id,
        "first_set": first_set_id,
        "rest_left": steps[rest_index][1] - 10,
    }


def stored_sessions(app):
    """Every session the server stores, by id, with its sets' ids; and how many accounts it has."""
    with app.app_context():
        sets = db.session.execute(db.select(LoggedSession.client_id, LoggedSet.client_id).join(LoggedSet, LoggedSet.session_id == LoggedSession.id, isouter=True)).all()
        accounts = db.session.scalar(db.select(db.func.count()).select_from(Account))
    stored = {}
    for session_id, set_id in sets:
        stored.setdefault(session_id, []).append(set_id)
    return stored, accounts


def release_a_new_version(page, server, static_copy):
    """Publish a changed stylesheet; the installed app offers the update and takes it on a tap."""
    stylesheet = static_copy / "css" / "views.css"
    stylesheet.write_text(stylesheet.read_text() + "\n.today { outline: 1px solid transparent; }\n")
    old_css = server.app.app.extensions["assets"].inline_css
    server.sync_log.deploy()
    new_css = server.app.app.extensions["assets"].inline_css
    assert new_css != old_css
    page.evaluate("navigator.serviceWorker.getRegistration().then((registration) => registration.update())")
    expect(page.get_by_text("Update ready")).to_be_visible(timeout=30_000)
    with page.expect_navigation():
        page.get_by_role("button", name="Reload to update").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    assert page.evaluate("document.querySelector('head style').textContent") == new_css


@pytest.mark.parametrize("how", ["first-load", "after-an-update"])
def test_a_persons_log_settings_safety_answers_and_routine_in_progress_survive(browser, server, static_copy, how):
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        page.clock.install()
        open_a_page_without_the_app(page)
        now_ms = int(page.evaluate("Date.now()"))
        records, seeded = a_persons_device(server.app.app, now_ms)
        seed_an_earlier_database(page, records)

        page.goto("/")
        if how == "after-an-update":
            # The installed version syncs first; a sync cut off by a reload would rightly be sent
            # again, so this page stays loaded (Settings is drawn in place) until it has ended.
            wait_for_service_worker(page)
            page.get_by_role("link", name="Settings").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
            expect(page.locator(".sync-status")).to_contain_text("All 3 sessions synced.", timeout=15_000)
            expect(page.locator(".sync-status")).not_to_contain_text("Syncing")
            open_view(page, "/", "Acute relief")
            release_a_new_version(page, server, static_copy)

        # Home: the daily routine they chose, with no new safety check before it, and the routine left unfinished.
        expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
        expect(page.get_by_role("link", name="Start Acute relief")).to_have_attribute("href", "/play/acute-relief")
        expect(page.get_by_role("heading", name="Unfinished: Back basics")).to_be_visible()

        # The two sessions that waited reach their own account, each sent once; the synced one is not sent again.
        page.get_by_role("link", name="Settings").click()
        expect(page.locator(".sync-status")).to_contain_text("All 3 sessions synced.")
        stored, accounts = stored_sessions(server.app.app)
        assert set(stored) == {seeded["synced"], *seeded["waiting"]}
        assert accounts == 1, "the app made a new account instead of keeping its own"
        assert sorted(server.sync_log.sent["sessions"]) == sorted(seeded["waiting"])
        # Cue choices.
        expect(page.get_by_label("Spoken cues")).not_to_be_checked()
        expect(page.get_by_label("Vibration")).not_to_be_checked()
        expect(page.get_by_label("Tones")).to_be_checked()

        # The log, with its sets, stops and notes.
        open_view(page, "/history", "Your history")
        entries = page.locator(".history-entry")
        expect(entries).to_have_count(4)
        expect(entries.filter(has_text="Unfinished")).to_contain_text("Bridge: 1 of 1 set · 8 reps · held 5, 5, 5, 5, 5, 5, 5, 5 s")
        expect(entries.filter(has_text="Note: Felt looser afterwards")).to_contain_text("Bridge: 2 of 2 sets · 10 reps")
        expect(entries.filter(has_text="Note: After the long drive")).to_contain_text("Pain 5 before, 3 after")
        stopped = entries.filter(has_text="Acute relief")
        expect(stopped).to_contain_text("Stopped: dizziness")
        expect(stopped).to_contain_text("Stopped Bridge: sharp or severe pain")
        expect(stopped).to_contain_text("Bridge: 0 of 1 set · 0 reps")

        # The cold pack half an hour ago still counts: the next cold one must wait.
        open_view(page, "/heat-cold", "Heat and cold timer")
        expect(page.get_by_role("heading", name="Recent sessions")).to_be_visible()
        page.get_by_label("Cold", exact=True).check()
        expect(page.get_by_text("Cold needs a break of 90 minutes between sessions")).to_be_visible()
        expect(page.get_by_role("button", name="Start the timer")).to_be_disabled()

        # The routine in progress resumes where it was left: resting before the second set. Home
        # keeps it for later (yesterday's stop in Acute relief keeps the plan gentler): its Start does.
        open_view(page, "/routines/back-basics", "Back basics")
        page.get_by_role("link", name="Start Back basics").click()
        expect(page.get_by_text("You were at: Bridge, Set 1 of 2")).to_be_visible()
        pause_clock(page)
        gets_into_position(page)
        page.get_by_role("button", name="Resume").click()
        expect(page.locator(".player")).to_have_attribute("data-step", "rest-set")
        expect(page.locator(".player-count")).to_have_text(str(seeded["rest_left"]))
        page.clock.run_for(10 * 60_000)
        expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()
        page.get_by_role("button", name="2", exact=True).click()
        expect(page.get_by_text("Saved on this device.")).to_be_visible()
        page.get_by_role("link", name="See your history").click()
        finished = page.locator(".history-entry").filter(has_text="Back basics").filter(has_text="Pain 5 before, 2 after")
        expect(finished).to_contain_text("Completed")
        expect(finished).to_contain_text("Bridge: 2 of 2 sets · 16 reps")

        # The finished session reaches the server once, with the set done before the update.
        wait_until(page, lambda: seeded["in_progress"] in stored_sessions(server.app.app)[0], "the resumed session did not reach the server within 10 s")
        stored, _ = stored_sessions(server.app.app)
        assert len(stored[seeded["in_progress"]]) == 6 and seeded["first_set"] in stored[seeded["in_progress"]]
        assert sorted(server.sync_log.sent["sessions"]) == sorted([*seeded["waiting"], seeded["in_progress"]])
    finally:
        context.close()


@pytest.mark.parametrize("source", ["safety-check", "stop-button"])
def test_an_emergency_lock_stays_locked(page, live_server, source):
    open_a_page_without_the_app(page)
    now_ms = int(time.time() * 1000)
    if source == "safety-check":
        record = {"answers": safety_answers(live_server.app, yes=["bladder-bowel"]), "level": "emergency", "answeredAt": now_ms - DAY_MS}
    else:  # as the player's "Stop — this hurts" writes it for emergency signs
        record = {"answers": {}, "level": "emergency", "answeredAt": now_ms - DAY_MS, "fromStop": "emergency-signs"}
    record |= {"confirmedSeenAt": None, "bannerDismissedAt": None}
    seed_an_earlier_database(page, {"settings": [{"key": "safetyScreen", "value": record}]})

    page.goto("/")
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    expect(page.get_by_role("button", name="Start Acute relief (locked)")).to_be_disabled()
    page.goto("/play/back-basics")
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    expect(page.get_by_role("heading", name="How is your back pain right now?")).to_have_count(0)
