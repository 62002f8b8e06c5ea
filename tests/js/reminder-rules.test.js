import assert from "node:assert/strict";
import { test } from "node:test";

import { fromBase64Url } from "../../static/js/lib/base64url.js";
import {
  calendarPath,
  daysInWords,
  defaultReminder,
  isTime,
  orderedDays,
  pausedForSafety,
  pushSupport,
  reminderBody,
  sameKey,
  zoneInWords,
} from "../../static/js/reminders/reminder-rules.js";

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const ANDROID =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
const everything = { hasServiceWorker: true, hasNotification: true, hasPushManager: true };

test("an emergency answer pauses reminders however old, and only a new answer lifts it", () => {
  assert.equal(pausedForSafety({ level: "emergency", answeredAt: T0, confirmedSeenAt: null }), true);
  // A clinician's visit confirmed does not open an emergency lock (as on the safety check).
  assert.equal(pausedForSafety({ level: "emergency", answeredAt: T0, confirmedSeenAt: T0 + 1 }), true);
  assert.equal(pausedForSafety({ level: "emergency", answeredAt: T0 - 365 * 86_400_000 }), true);
});

test("an urgent answer pauses reminders until the person confirms a clinician saw them", () => {
  assert.equal(pausedForSafety({ level: "urgent", answeredAt: T0, confirmedSeenAt: null }), true);
  assert.equal(pausedForSafety({ level: "urgent", answeredAt: T0, confirmedSeenAt: T0 + 1 }), false);
});

test("no answer, a clear one or a banner one pauses nothing", () => {
  assert.equal(pausedForSafety(null), false);
  assert.equal(pausedForSafety({ level: "clear", answeredAt: T0 }), false);
  assert.equal(pausedForSafety({ level: "banner", answeredAt: T0 }), false);
});

test("iOS Safari outside the Home Screen is told to add the app, whether or not it has PushManager", () => {
  assert.equal(pushSupport({ userAgent: IPHONE, standalone: false, ...everything }), "ios-home-screen");
  assert.equal(
    pushSupport({ userAgent: IPHONE, standalone: false, ...everything, hasPushManager: false }),
    "ios-home-screen",
  );
  assert.equal(
    pushSupport({ userAgent: IPHONE, standalone: undefined, ...everything, hasPushManager: false }),
    "ios-home-screen",
  );
});

test("an iPad saying it is a Mac is still an iPad", () => {
  const mac =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
  assert.equal(
    pushSupport({ userAgent: mac, platform: "MacIntel", maxTouchPoints: 5, standalone: false, ...everything }),
    "ios-home-screen",
  );
  assert.equal(pushSupport({ userAgent: mac, platform: "MacIntel", maxTouchPoints: 0, ...everything }), "ready");
});

test("the app on an iPhone's Home Screen can take a push from iOS 16.4 (it has PushManager), not before", () => {
  assert.equal(pushSupport({ userAgent: IPHONE, standalone: true, ...everything }), "ready");
  assert.equal(
    pushSupport({ userAgent: IPHONE, standalone: true, ...everything, hasPushManager: false }),
    "ios-update",
  );
});

test("elsewhere push needs a service worker, notifications and PushManager", () => {
  assert.equal(pushSupport({ userAgent: ANDROID, ...everything }), "ready");
  assert.equal(pushSupport({ userAgent: ANDROID, ...everything, hasPushManager: false }), "unsupported");
  assert.equal(pushSupport({ userAgent: ANDROID, ...everything, hasServiceWorker: false }), "unsupported");
  assert.equal(pushSupport({ userAgent: ANDROID, ...everything, hasNotification: false }), "unsupported");
});

test("the time zone is said with its city and, where the browser has one, its name", () => {
  assert.equal(zoneInWords("Europe/London", "Greenwich Mean Time"), "London time (Greenwich Mean Time)");
  assert.equal(zoneInWords("America/New_York", "Eastern Standard Time"), "New York time (Eastern Standard Time)");
  assert.equal(zoneInWords("America/Argentina/Buenos_Aires", null), "Buenos Aires time");
  // An offset is no name: the city says more.
  assert.equal(zoneInWords("Asia/Kathmandu", "GMT+05:45"), "Kathmandu time");
  assert.equal(zoneInWords("UTC", "Coordinated Universal Time"), "Coordinated Universal Time (UTC)");
});

test("the days are said as a person would", () => {
  assert.equal(daysInWords(["sun", "mon", "tue", "wed", "thu", "fri", "sat"]), "every day");
  assert.equal(daysInWords(["fri", "mon", "tue", "wed", "thu"]), "weekdays");
  assert.equal(daysInWords(["sun", "sat"]), "weekends");
  assert.equal(daysInWords(["fri", "mon", "wed"]), "Monday, Wednesday and Friday");
  assert.equal(daysInWords(["thu"]), "Thursday");
});

test("days are kept in week order, each once, only real ones", () => {
  assert.deepEqual(orderedDays(["sun", "mon", "mon", "someday", "wed"]), ["mon", "wed", "sun"]);
});

test("only a whole HH:MM time is one", () => {
  assert.equal(isTime("08:00"), true);
  assert.equal(isTime("23:59"), true);
  for (const time of ["", "8:00", "24:00", "08:60", "08:00:00", null, undefined])
    assert.equal(isTime(time), false, String(time));
});

test("the calendar path carries the days in week order, the time and the zone", () => {
  assert.equal(
    calendarPath(["fri", "mon"], "07:30", "America/New_York"),
    "/reminders/calendar.ics?days=mon,fri&time=07%3A30&tz=America/New_York",
  );
  const query = new URL(`https://x${calendarPath(["sun"], "08:00", "Etc/GMT+5")}`).searchParams;
  assert.equal(query.get("tz"), "Etc/GMT+5");
  assert.equal(query.get("days"), "sun");
});

test("the first reminder shown is every day at 08:00 in the device's zone, off", () => {
  assert.deepEqual(defaultReminder("Europe/Paris"), {
    on: false,
    days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    time: "08:00",
    timeZone: "Europe/Paris",
    subscription: null,
    sentPaused: null,
  });
});

test("what the server is sent is its wire shape, with the safety state now", () => {
  const subscription = {
    endpoint: "https://fcm.googleapis.com/fcm/send/x",
    expirationTime: null,
    keys: { p256dh: "p", auth: "a" },
  };
  const reminder = {
    on: true,
    days: ["wed", "mon"],
    time: "08:00",
    timeZone: "Europe/London",
    subscription,
    sentPaused: false,
  };
  assert.deepEqual(reminderBody(reminder, true), {
    subscription,
    days: ["mon", "wed"],
    time: "08:00",
    timeZone: "Europe/London",
    pausedForSafety: true,
  });
});

test("the server's key is read from base64url, and keys compare by their bytes", () => {
  const bytes = fromBase64Url("BPz-_w");
  assert.deepEqual([...bytes], [0x04, 0xfc, 0xfe, 0xff]);
  assert.equal(sameKey(bytes.buffer, Uint8Array.from([4, 252, 254, 255])), true);
  assert.equal(sameKey(bytes.buffer, Uint8Array.from([4, 252, 254])), false);
  assert.equal(sameKey(null, bytes), false);
});
