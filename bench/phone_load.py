"""Cold first visits on an emulated phone: how soon a new user sees Home, and what it costs.

Real Chromium (Debian's) with a fresh profile each run, its CPU slowed 4x, on a network of
150 ms round trips, 1.6 Mbps down and 750 Kbps up (Chrome DevTools' emulation), opens `/` and
waits until the service worker has taken control. After one visit not counted (the browser's and
the server's own start-up), seven runs through gunicorn (2 workers) and seven through Caddy over
HTTPS with `deploy/Caddyfile` in front of it. Printed, as medians:

- first contentful paint;
- the time until Home's Start button is visible;
- the bytes on the wire before that, and in the whole first visit (the service worker's
  precache included), counted by a TCP relay between Chromium and the server, so that what the
  worker fetches counts as much as what the page fetches (headers and TLS included);
- the number of HTTP requests of the whole visit, from the server's side.

Chromium's network emulation does not reach the service worker's own fetches: the precache
arrives faster than on a real phone, which flatters the total time, never the bytes.

    .venv/bin/python bench/phone_load.py [--runs 7] [--only gunicorn|caddy]

Exits 1 when a median misses its target (first paint 500 ms, Start 1,000 ms, 40 KB before Start,
120 KB in all).
"""

import argparse
import asyncio
import base64
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.servers import caddy, free_port, gunicorn  # noqa: E402

TARGETS = {"first_paint_ms": 500, "start_ms": 1000, "bytes_before_start": 40 * 1024, "bytes_total": 120 * 1024}
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
# Notes, by the page's own clock, when a Start link is first in the document and laid out.
MARK_START = """new MutationObserver((_, observer) => {
    const start = [...document.querySelectorAll("a")].find((link) => link.textContent.startsWith("Start ") && link.offsetParent);
    if (start) {
        window.unknotBenchStartAt = performance.now();
        observer.disconnect();
    }
}).observe(document, { subtree: true, childList: true });"""
# Until the service worker controls the page and has finished installing (its precache is done).
WORKER_ACTIVE = """() => navigator.serviceWorker.ready.then((registration) => new Promise((resolve) => {
    const done = () => navigator.serviceWorker.controller && registration.active.state === "activated";
    if (done()) return resolve(true);
    navigator.serviceWorker.addEventListener("controllerchange", () => done() && resolve(true));
    registration.active.addEventListener("statechange", () => done() && resolve(true));
}))"""


class CountingRelay:
    """A TCP relay on 127.0.0.1 that counts the bytes it passes towards the browser, with their times."""

    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.port = free_port()
        self.received = []  # (time.time(), bytes) towards the browser
        self.connections = 0
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        threading.Thread(target=self.run, daemon=True).start()
        self.ready.wait(10)

    def run(self):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self.relay, "127.0.0.1", self.port))
        self.ready.set()
        self.loop.run_until_complete(server.serve_forever())

    async def relay(self, browser_reader, browser_writer):
        self.connections += 1
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)

        async def pipe(reader, writer, counted):
            try:
                while data := await reader.read(65536):
                    if counted:
                        self.received.append((time.time(), len(data)))
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                writer.close()

        await asyncio.gather(pipe(browser_reader, server_writer, False), pipe(server_reader, browser_writer, True))

    def reset(self):
        self.received.clear()

    def bytes_until(self, moment=None):
        return sum(size for at, size in list(self.received) if moment is None or at <= moment)


def one_visit(browser, url, relay, https):
    relay.reset()
    context = browser.new_context(ignore_https_errors=https, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.add_init_script(MARK_START)
        page.goto(url, wait_until="commit")
        page.get_by_role("link", name=re.compile("^Start ")).first.wait_for(state="visible", timeout=60_000)
        timings = page.evaluate(
            """() => ({
                origin: performance.timeOrigin,
                start: window.unknotBenchStartAt,
                paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
            })"""
        )
        # The page's own clock, not Playwright's polling: the worker, not slowed, fetches a lot in a poll's time.
        start_seen = (timings["origin"] + timings["start"]) / 1000
        # Promises, not polling: Playwright's polling evaluates strings, which the page's CSP refuses.
        page.evaluate(WORKER_ACTIVE)
        # Let the last precache responses arrive at the relay.
        page.wait_for_timeout(500)
        start_ms = timings["start"]
        return {
            "first_paint_ms": timings["paint"],
            "start_ms": start_ms,
            "bytes_before_start": relay.bytes_until(start_seen),
            "bytes_total": relay.bytes_until(),
        }
    finally:
        context.close()


def count_requests(log_file, since):
    """Requests in gunicorn's access log after byte offset `since` (through Caddy, each reaches gunicorn)."""
    with open(log_file, "rb") as log:
        log.seek(since)
        return sum(1 for line in log if line.strip())


def spki_hashes(folder):
    """The SPKI hashes (base64 of SHA-256) of every certificate Caddy made: its root, intermediate and site."""
    hashes = []
    for certificate in sorted(Path(folder, "caddy-home", "storage").rglob("*.crt")):
        public_key = subprocess.run(["openssl", "x509", "-in", str(certificate), "-pubkey", "-noout"], capture_output=True, check=True).stdout
        der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=public_key, capture_output=True, check=True).stdout
        hashes.append(base64.b64encode(hashlib.sha256(der).digest()).decode())
    assert hashes, "Caddy made no certificate"
    return hashes


def run_stack(name, runs, folder, playwright):
    database = f"sqlite:///{folder}/{name}.sqlite"
    from pwa import create_app
    from pwa.storing.db import db, upgrade_database

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database})
    with app.app_context():
        upgrade_database()
        db.engine.dispose()
    access_log = Path(folder) / f"{name}-access.log"
    with ExitStack() as stack:
        upstream = stack.enter_context(gunicorn(folder, workers=2, DATABASE_URL=database, GUNICORN_CMD_ARGS=f"--access-logfile {access_log}"))
        port = upstream[1]
        https = name == "caddy"
        if https:
            url = stack.enter_context(caddy(folder, upstream))
            port = int(url.rsplit(":", 1)[1])
        relay = CountingRelay(port)
        url = f"{'https://localhost' if https else 'http://127.0.0.1'}:{relay.port}/"
        # Caddy's certificates trusted as a phone trusts a real one: Chromium keeps nothing in its
        # HTTP cache from a site whose certificate it merely ignores, so the worker would
        # download again everything the page has (which no phone does).
        trusted = [f"--ignore-certificate-errors-spki-list={','.join(spki_hashes(folder))}"] if https else []
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"), args=[*CHROMIUM_ARGS, *trusted])
        results = []
        try:
            # One visit first, not counted: a browser's and a server's first load of all (Chromium's
            # network service and disk cache starting, each worker's first request) takes seconds
            # that no phone's browser and no running server pays again. Each counted visit still
            # starts cold: a fresh profile, with an empty HTTP cache and no service worker.
            one_visit(browser, url, relay, https)
            for run in range(runs):
                offset = access_log.stat().st_size if access_log.exists() else 0
                result = one_visit(browser, url, relay, https)
                result["requests"] = count_requests(access_log, offset)
                results.append(result)
                print(f"  {name} run {run + 1}: " + ", ".join(f"{key} {value:.0f}" for key, value in result.items()), flush=True)
        finally:
            browser.close()
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", choices=["gunicorn", "caddy"])
    arguments = parser.parse_args()
    stacks = [arguments.only] if arguments.only else ["gunicorn", "caddy"]
    medians = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        for name in stacks:
            medians[name] = run_stack(name, arguments.runs, folder, playwright)
    missed = []
    for name, result in medians.items():
        print(f"{name} (medians of {arguments.runs}):")
        for key, target in TARGETS.items():
            unit = "ms" if key.endswith("_ms") else "B"
            verdict = "ok" if result[key] <= target else "MISSED"
            print(f"  {key:20} {result[key]:>9.0f} {unit}   target {target} {unit}   {verdict}")
            if result[key] > target:
                missed.append(f"{name} {key}")
        print(f"  {'requests':20} {result['requests']:>9.0f}")
    print(json.dumps(medians))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
