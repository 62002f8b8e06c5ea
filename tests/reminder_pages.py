"""Settings → Reminders for the browser tests: the one stand-in (`PushManager.prototype.subscribe`),
opening Settings, choosing days and a time, and switching reminders on."""

import json

from browser_helpers import wait_for_service_worker
from playwright.sync_api import expect

# The only stand-in: subscribe answers the test's subscription, and notes what it was asked.
STUB_SUBSCRIBE = """(subscription) => {
    window.subscribeCalls = [];
    PushManager.prototype.subscribe = async function (options) {
        const key = new Uint8Array(options.applicationServerKey);
        window.subscribeCalls.push({ userVisibleOnly: options.userVisibleOnly, key: btoa(String.fromCharCode(...key)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "") });
        return {
            endpoint: subscription.endpoint,
            expirationTime: null,
            options: { userVisibleOnly: options.userVisibleOnly, applicationServerKey: key.buffer },
            toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys }),
            unsubscribe: async () => true,
        };
    };
}"""


def stub_subscribe(context, endpoint, keys):
    """From now on, in every page of `context`, `subscribe` answers a subscription to `endpoint` with `keys`."""
    context.add_init_script(f"({STUB_SUBSCRIBE})({json.dumps({'endpoint': endpoint, 'keys': keys})})")


def settings_page(context):
    """Settings open in `context`'s first page, its service worker in control."""
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("/settings")
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    wait_for_service_worker(page)
    return page


DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def choose(page, days, time):
    """Tick exactly `days` (full names) and set `time` (each change waits for the last one's save: its controls are disabled until then)."""
    for day in DAYS:
        box = page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name=day, exact=True)
        if (day in days) != box.is_checked():
            box.click()
    page.get_by_label("Time", exact=True).fill(time)


def switch_on(page):
    """Switch reminders on with the keyboard: focus the switch and press Space."""
    switch = page.get_by_role("switch", name="Remind me")
    # Disabled while an earlier change is being saved; focus() itself would not wait for that.
    expect(switch).to_be_enabled()
    switch.focus()
    page.keyboard.press("Space")
    expect(page.locator(".reminder-status")).to_contain_text("Reminders on:")
    expect(switch).to_be_checked()
