/**
 * The red-flag screen's rules, pure: what a set of answers means, whether the routines are
 * open, and which emergency number (if any) to offer for the device's locale.
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

/** The region of an explicit locale such as "en-GB"; a bare language ("en") names none. */
export function regionOf(locale) {
  const match = /^[a-z]{2,3}(?:-[A-Za-z]{4})?-([A-Z]{2})\b/.exec(locale ?? "");
  return match ? match[1] : null;
}

/** The first emergency number we ship for the device's locales, or null: never a guess. */
export function emergencyNumberFor(locales, numbers) {
  for (const locale of locales) {
    const region = regionOf(locale);
    if (region && numbers[region]) return { region, number: numbers[region] };
  }
  return null;
}
