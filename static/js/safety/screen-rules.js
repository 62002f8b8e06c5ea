/**
 * The red-flag screen's rules, pure: what a set of answers means, whether the routines are
 * open, and which emergency number (if any) to offer where the device is.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The most serious level any yes reaches. `answers` maps question id to true (yes) or false. */
export function levelOf(safety, answers) {
  const anyYes = (questions) => questions.some((question) => answers[question.id] === true);
  if (anyYes(safety.emergency_questions)) return "emergency";
  if (anyYes(safety.urgent_questions)) return "urgent";
  if (anyYes(safety.banner_questions)) return "banner";
  return "clear";
}

/**
 * Where the person stands: "due" (never answered, or answered more than `recheck_days` ago),
 * "emergency" (routines locked), "urgent" (paused until they confirm a clinician saw them),
 * or "open".
 */
export function screenStatus(safety, record, now) {
  if (!record || now - record.answeredAt > safety.recheck_days * DAY_MS) return "due";
  if (record.level === "emergency") return "emergency";
  if (record.level === "urgent" && !record.confirmedSeenAt) return "urgent";
  return "open";
}

/**
 * The banner advice for these answers: its general lines, then the line of each banner
 * question answered yes, in the order the questions are asked, so a person reads only what
 * their own answers mean.
 */
export function bannerAdvice(safety, answers = {}) {
  const lines = safety.banner_questions
    .filter((question) => answers[question.id] === true)
    .map((question) => question.advice);
  return { ...safety.advice.banner, body: [...safety.advice.banner.body, ...lines] };
}

/** The region of an explicit locale such as "en-GB"; a bare language ("en") names none. */
export function regionOf(locale) {
  const match = /^[a-z]{2,3}(?:-[A-Za-z]{4})?-([A-Z]{2})\b/.exec(locale ?? "");
  return match ? match[1] : null;
}

/**
 * The country the device is in, from its time zone (`Intl.DateTimeFormat().resolvedOptions()
 * .timeZone`), and its emergency number, or null: never a guess. `zones` maps a time zone to the
 * countries that use it, most likely first; the device's languages only choose between those,
 * so an American phone in London is offered the United Kingdom's number, not 911. A time zone
 * we do not know (or UTC) offers no number, whatever the language says.
 */
export function emergencyNumberFor(timeZone, locales, numbers, zones) {
  const countries = (Object.hasOwn(zones, timeZone ?? "") ? zones[timeZone] : []).filter((code) =>
    Object.hasOwn(numbers, code),
  );
  if (!countries.length) return null;
  const spoken = locales.map(regionOf).find((region) => countries.includes(region));
  const region = spoken ?? countries[0];
  const service = numbers[region];
  // `note` says where the number holds when not across the whole country ("in most states");
  // `alsoFromMobile` is a second number that reaches help from a mobile (112 beside a national one).
  return {
    region,
    country: service.country,
    number: service.number,
    note: service.number_note ?? null,
    alsoFromMobile: service.also_from_mobile ?? null,
  };
}

/** The device's time zone as the browser reports it, or null where it cannot say. */
export function deviceTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    return null;
  }
}
