/**
 * The reminders' rules, pure: the days and time chosen, whether the safety check pauses them,
 * whether this browser can take a push at all, the time zone in words, and the calendar's URL.
 */

/** The days as the server names them, in week order, with the words Settings shows. */
export const WEEKDAYS = Object.freeze([
  { day: "mon", short: "Mon", long: "Monday" },
  { day: "tue", short: "Tue", long: "Tuesday" },
  { day: "wed", short: "Wed", long: "Wednesday" },
  { day: "thu", short: "Thu", long: "Thursday" },
  { day: "fri", short: "Fri", long: "Friday" },
  { day: "sat", short: "Sat", long: "Saturday" },
  { day: "sun", short: "Sun", long: "Sunday" },
]);

export const DEFAULT_TIME = "08:00";
const DEFAULT_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The reminder as first shown: every day at 08:00, off. */
export function defaultReminder(timeZone) {
  return { on: false, days: [...DEFAULT_DAYS], time: DEFAULT_TIME, timeZone, subscription: null, sentPaused: null };
}

/** `days` in week order, each once, only real ones. */
export function orderedDays(days) {
  return WEEKDAYS.map(({ day }) => day).filter((day) => days.includes(day));
}

/** Whether `time` is an `HH:MM` the server takes (an empty or half-typed time input is not). */
export function isTime(time) {
  return TIME_PATTERN.test(time ?? "");
}

/**
 * Whether an answer of the safety check stands that must stop every reminder: an emergency
 * (until the check is answered again) or an urgent answer not yet confirmed as seen by a
 * clinician. Its age does not matter: an old answer still stands until a new one replaces it.
 */
export function pausedForSafety(record) {
  if (!record) return false;
  if (record.level === "emergency") return true;
  return record.level === "urgent" && !record.confirmedSeenAt;
}

/** An iPhone or iPad (iPadOS says it is a Mac, but a Mac has no touch screen). */
export function isAppleMobile(userAgent, platform, maxTouchPoints) {
  return /iPhone|iPad|iPod/.test(userAgent) || (platform === "MacIntel" && maxTouchPoints > 1);
}

/**
 * Whether push can work here: "ready"; "ios-home-screen" (iOS Safari takes a push only in the app
 * added to the Home Screen, 16.4 and later); "ios-update" (added, but iOS older than 16.4);
 * "unsupported" (no service worker, Notification or PushManager).
 */
export function pushSupport({
  userAgent = "",
  platform = "",
  maxTouchPoints = 0,
  standalone,
  hasServiceWorker,
  hasNotification,
  hasPushManager,
}) {
  if (isAppleMobile(userAgent, platform, maxTouchPoints)) {
    if (standalone !== true && (standalone === false || !hasPushManager)) return "ios-home-screen";
    if (!hasPushManager || !hasNotification) return "ios-update";
  }
  return hasServiceWorker && hasNotification && hasPushManager ? "ready" : "unsupported";
}

/** The city of an IANA zone name, in words: "America/New_York" is "New York". */
function cityOf(timeZone) {
  return timeZone.split("/").pop().replaceAll("_", " ");
}

/**
 * The zone in words, such as "London time (Greenwich Mean Time)"; `longName` is the zone's
 * long name at the moment shown, from Intl, or null where the browser has none.
 */
export function zoneInWords(timeZone, longName) {
  if (!timeZone || timeZone === "UTC" || timeZone === "Etc/UTC") return "Coordinated Universal Time (UTC)";
  const city = `${cityOf(timeZone)} time`;
  return longName && !longName.startsWith("GMT+") && !longName.startsWith("GMT-") ? `${city} (${longName})` : city;
}

/** The days in words, such as "every day", "weekdays", or "Monday, Wednesday and Friday". */
export function daysInWords(days) {
  const ordered = orderedDays(days);
  if (ordered.length === 7) return "every day";
  if (ordered.join() === "mon,tue,wed,thu,fri") return "weekdays";
  if (ordered.join() === "sat,sun") return "weekends";
  const names = ordered.map((day) => WEEKDAYS.find((entry) => entry.day === day).long);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "no day");
}

/** The API path of the calendar file for these days, time and zone. */
export function calendarPath(days, time, timeZone) {
  const query = new URLSearchParams({ days: orderedDays(days).join(","), time, tz: timeZone });
  return `/reminders/calendar.ics?${query.toString().replaceAll("%2C", ",").replaceAll("%2F", "/")}`;
}

/** What the server keeps for this device (PUT /reminders), from the reminder and the safety state. */
export function reminderBody(reminder, paused) {
  return {
    subscription: reminder.subscription,
    days: orderedDays(reminder.days),
    time: reminder.time,
    timeZone: reminder.timeZone,
    pausedForSafety: paused,
  };
}

/** Whether two keys (ArrayBuffer or bytes) are the same bytes. */
export function sameKey(a, b) {
  if (!a || !b) return false;
  const left = new Uint8Array(a);
  const right = new Uint8Array(b);
  return left.length === right.length && left.every((byte, index) => byte === right[index]);
}
