/**
 * Settings → Reminders: switching them on or off, the days and the time (in this device's own
 * time zone), the note for iPhone and iPad where push needs the Home Screen, and "Add to my
 * calendar", which works on every phone and, once added, offline.
 */
import { callApi } from "../../lib/api-client.js";
import { h } from "../../lib/dom.js";
import { saveFile } from "../../lib/download.js";
import {
  calendarPath,
  daysInWords,
  defaultReminder,
  isTime,
  orderedDays,
  pushSupport,
  WEEKDAYS,
  zoneInWords,
} from "../../reminders/reminder-rules.js";
import { changeReminder, loadReminder, switchOff, switchOn } from "../../reminders/reminder-store.js";
import { deviceTimeZone } from "../../safety/screen-rules.js";

const FAILURES = {
  denied:
    "Notifications are blocked for Unknot, so it cannot show a reminder. Allow them in this browser's settings for this site, then switch reminders on again. Or add them to your calendar below.",
  dismissed: "Reminders stay off: notifications were not allowed. Switch them on again to be asked once more.",
  unsupported:
    "This browser cannot show reminders from Unknot. Add them to your calendar below instead: it works on every phone.",
  offline:
    "You are offline: switching reminders on or off, or changing them, needs a connection. Try again when you are online.",
};
const OFFLINE_CALENDAR =
  "You are offline: the calendar file comes from the server. Try again when you are online; once added, your calendar reminds you even offline.";
const ONE_DAY = "Choose at least one day.";

function failureText(error) {
  if (error?.kind === "server") return `The server could not keep your reminder: ${error.message} Try again later.`;
  return FAILURES[error?.kind] ?? `Something went wrong: ${error?.message ?? error}. Try again.`;
}

/** This browser's push support, read from the browser itself. */
function supportHere() {
  return pushSupport({
    userAgent: navigator.userAgent,
    platform: navigator.platform,
    maxTouchPoints: navigator.maxTouchPoints,
    standalone: navigator.standalone,
    hasServiceWorker: "serviceWorker" in navigator,
    hasNotification: "Notification" in window,
    hasPushManager: "PushManager" in window,
  });
}

function zoneLongName(timeZone) {
  try {
    return (
      new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "long" })
        .formatToParts(new Date())
        .find((part) => part.type === "timeZoneName")?.value ?? null
    );
  } catch {
    return null;
  }
}

function supportNote(support) {
  if (support === "ios-home-screen") {
    return h(
      "div",
      { class: "notice reminder-note" },
      h("p", {}, "On iPhone and iPad, reminders from Unknot need the app on your Home Screen (iOS 16.4 or later)."),
      h(
        "p",
        {},
        "In Safari, tap the Share button, then \u201cAdd to Home Screen\u201d. Open Unknot from its new icon and switch reminders on there.",
      ),
      h("p", {}, "Or add them to your calendar below: that works on every phone."),
    );
  }
  if (support === "ios-update")
    return h(
      "p",
      { class: "notice reminder-note" },
      "Reminders from Unknot need iOS 16.4 or later. Update your iPhone or iPad, or add them to your calendar below.",
    );
  if (support === "unsupported") return h("p", { class: "notice reminder-note" }, FAILURES.unsupported);
  return null;
}

function summary(reminder) {
  return `Reminders on: ${daysInWords(reminder.days)} at ${reminder.time}, ${zoneInWords(reminder.timeZone, zoneLongName(reminder.timeZone))}.`;
}

/** Save the calendar file for `reminder`'s days, time and zone. */
async function downloadCalendar(reminder) {
  const response = await callApi("GET", calendarPath(reminder.days, reminder.time, reminder.timeZone), { raw: true });
  saveFile(await response.blob(), "unknot-reminders.ics");
}

/** The Reminders section of Settings: `{ node }`. */
export function reminderSettings() {
  const support = supportHere();
  const status = h("p", { class: "reminder-status", role: "status" });
  const say = (text, failed = false) => {
    status.textContent = text;
    status.classList.toggle("form-error", failed);
  };
  const onSwitch = h("input", {
    type: "checkbox",
    id: "reminders-on",
    role: "switch",
    "aria-describedby": "reminders-on-hint",
    disabled: support !== "ready",
  });
  const time = h("input", {
    type: "time",
    id: "reminder-time",
    name: "reminderTime",
    required: true,
    "aria-describedby": "reminder-zone",
  });
  const zone = h("p", { id: "reminder-zone", class: "meta" });
  const dayInputs = WEEKDAYS.map(({ day }) => h("input", { type: "checkbox", name: "reminderDays", value: day }));
  const calendarButton = h("button", { type: "button", class: "button" }, "Add to my calendar");
  let reminder = null;

  const chosenDays = () => dayInputs.filter((input) => input.checked).map((input) => input.value);
  const show = (kept) => {
    reminder = kept;
    onSwitch.checked = kept.on;
    time.value = kept.time;
    for (const input of dayInputs) input.checked = kept.days.includes(input.value);
    zone.textContent = `In your time zone: ${zoneInWords(kept.timeZone, zoneLongName(kept.timeZone))}.`;
  };
  const busy = (working) => {
    onSwitch.disabled = working || support !== "ready";
    for (const input of [time, ...dayInputs]) input.disabled = working;
  };
  const act = async (work, done) => {
    // Disabling the control in use takes the keyboard's focus from it: it is given back after.
    const focused = document.activeElement;
    busy(true);
    try {
      show(await work());
      say(done(reminder));
    } catch (error) {
      console.error(error);
      say(failureText(error), true);
      show(await loadReminder().catch(() => reminder));
    } finally {
      busy(false);
      if (focused?.isConnected && document.activeElement !== focused) focused.focus();
    }
  };

  onSwitch.addEventListener("change", () => {
    if (onSwitch.checked) {
      const days = chosenDays();
      if (!days.length || !isTime(time.value)) {
        onSwitch.checked = false;
        say(days.length ? "Choose a time first." : ONE_DAY, true);
        return;
      }
      // Called in the tap itself: the browser asks for permission only in answer to one.
      const switching = switchOn({ days, time: time.value, timeZone: reminder.timeZone });
      say("Switching reminders on…");
      act(() => switching, summary);
    } else {
      say("Switching reminders off…");
      act(switchOff, () => "Reminders off. Nothing more is sent to this device.");
    }
  });

  const changed = () => {
    const days = chosenDays();
    if (!days.length) {
      show(reminder);
      say(`${ONE_DAY} To stop every reminder, switch them off.`, true);
      return;
    }
    if (!isTime(time.value)) return; // half typed: the change that completes it saves it
    act(
      () => changeReminder({ days: orderedDays(days), time: time.value }),
      (kept) => (kept.on ? `${summary(kept)} Saved.` : "Saved. Switch reminders on to get them."),
    );
  };
  time.addEventListener("change", changed);
  for (const input of dayInputs) input.addEventListener("change", changed);

  calendarButton.addEventListener("click", async () => {
    const days = chosenDays();
    if (!days.length || !isTime(time.value)) return say(days.length ? "Choose a time first." : ONE_DAY, true);
    if (!navigator.onLine) return say(OFFLINE_CALENDAR, true);
    calendarButton.disabled = true;
    try {
      await downloadCalendar({ days, time: time.value, timeZone: reminder.timeZone });
      say(`Calendar file saved: ${daysInWords(days)} at ${time.value}. Open it to add the reminder to your calendar.`);
    } catch (error) {
      console.error(error);
      say(error?.status ? `The server could not make the calendar file: ${error.message}` : OFFLINE_CALENDAR, true);
    } finally {
      calendarButton.disabled = false;
    }
  });

  busy(true);
  loadReminder()
    .then(show, (error) => {
      console.error(error);
      show(defaultReminder(deviceTimeZone() ?? "UTC"));
      say("This device could not read your reminder settings. Reload the page to try again.", true);
    })
    .finally(() => busy(false));

  const node = h(
    "section",
    { class: "reminders", "aria-labelledby": "reminders-title" },
    h("h2", { id: "reminders-title" }, "Reminders"),
    h(
      "p",
      {},
      "A notification on the days and at the time you choose, to come back for today's routine. None is sent on a day you have already done it.",
    ),
    supportNote(support),
    h(
      "div",
      { class: "toggle" },
      onSwitch,
      h("label", { for: "reminders-on" }, "Remind me"),
      h(
        "p",
        { id: "reminders-on-hint", class: "meta" },
        "Switching on or off needs a connection. While your safety check says to get help first, no reminder is sent.",
      ),
    ),
    h(
      "fieldset",
      { class: "reminder-days" },
      h("legend", {}, "Days"),
      WEEKDAYS.map(({ short, long }, index) =>
        h(
          "label",
          { class: "day-toggle" },
          dayInputs[index],
          h("span", { "aria-hidden": "true" }, short),
          h("span", { class: "visually-hidden" }, long),
        ),
      ),
    ),
    h("div", { class: "reminder-time" }, h("label", { for: "reminder-time" }, "Time"), time),
    zone,
    status,
    h("h3", {}, "Add to my calendar"),
    h(
      "p",
      { class: "meta" },
      "A repeating event with an alarm on the days and at the time above, for any phone's calendar. Once added, it reminds you even offline.",
    ),
    calendarButton,
  );
  return { node };
}
