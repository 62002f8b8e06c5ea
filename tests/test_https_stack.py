"""The production stack for real: Chromium, Caddy over HTTPS with the project's Caddyfile,
gunicorn with several workers, and the database (PostgreSQL in `make test`'s PostgreSQL run)."""

import pytest
from playwright.sync_api import expect

from tests.browser_helpers import answer_safety_check, read_store, start_routine, wait_for_service_worker
from tests.servers import caddy, gunicorn

pytestmark = pytest.mark.database


def test_the_app_installs_and_syncs_over_https_through_caddy_and_gunicorn(browser_type, browser_type_launch_args, database_uri, tmp_path):
    arguments = {**browser_type_launch_args, "args": [*browser_type_launch_args["args"], "--ignore-certificate-errors"]}
    with gunicorn(tmp_path, workers=3, DATABASE_URL=database_uri) as upstream, caddy(tmp_path, upstream) as url:
        context = browser_type.launch_persistent_context(str(tmp_path / "profile"), **arguments, base_url=url, ignore_https_errors=True)
        try:
            page = context.new_page()
            page.clock.install()
            shell = page.goto("/")
            assert shell.status == 200
            assert shell.request.url.startswith("https://")
            wait_for_service_worker(page)
            cdp = context.new_cdp_session(page)
            assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []

            answer_safety_check(page)
            page.goto("/play/desk-break")
            start_routine(page, "3")
            page.clock.run_for(10 * 60_000)
            expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()
            page.get_by_role("button", name="1", exact=True).click()
            expect(page.get_by_text("Saved on this device.")).to_be_visible()
            page.get_by_role("link", name="Settings").click()
            expect(page.locator(".sync-status")).to_contain_text("Your session is synced.")

            (local,) = read_store(page, "sessions")
            token = next(record["value"]["token"] for record in read_store(page, "settings") if record["key"] == "syncDevice")
            answer = page.request.get(f"{url}/api/v1/sessions", headers={"Authorization": f"Bearer {token}"})
            assert answer.ok
            (stored,) = answer.json()["sessions"]
            assert stored["id"] == local["id"]
            assert (stored["painBefore"], stored["painAfter"], stored["status"]) == (3, 1, "completed")
        finally:
            context.close()
    # Every request went through Caddy over HTTP/2.
    assert '"proto":"HTTP/2.0"' in (tmp_path / "access.log").read_text()
