/**
 * The pain guard, pure: after a session, whether pain rose enough to ease the next suggestion
 * (to the gentler routine named in the safety data) and to show the guard's advice; before
 * one, whether pain is high enough to say "start gently"; and on Home, whether the ease-off
 * after the gentlest routine still stands.
 */
import { addDays, daysBetween, localDay } from "../plan/daily-plan.js";

// The after_gentler advice says "today and tomorrow": the ease-off covers the local day of the
// session that raised the pain and the day after, and ends as the next day begins.
export const EASE_OFF_DAYS = 2;

/**
 * `guard` is the safety data's `pain_guard` ({ rise, gentler_routine }); `session` the logged
 * session. Without both answers there is nothing to compare (`compared` false): an earlier
 * suggestion then stands. Otherwise `suggestion` is the one to keep, or null to clear it.
 *
 * Pain that rose after the gentler routine itself suggests no routine at all (`afterGentler`,
 * and a suggestion with a null `routineId`): offering the same routine again would be offering
 * what just made it worse; the guard's `after_gentler` advice says what to do instead. The
 * suggestion keeps the local day the session was rated (its end), which `easeOff` dates the pause from.
 */
export function painGuardOutcome(guard, session) {
  const { painBefore, painAfter } = session;
  const compared = painBefore != null && painAfter != null;
  const rose = compared && painAfter - painBefore >= guard.rise;
  const afterGentler = rose && session.routineId === guard.gentler_routine;
  return {
    compared,
    rose,
    afterGentler,
    advice: rose ? (afterGentler ? guard.after_gentler : guard.advice) : null,
    suggestion: rose
      ? { routineId: afterGentler ? null : guard.gentler_routine, sessionId: session.id, day: sessionDay(session) }
      : null,
  };
}

/** The "start gently" advice when pain before a session (0–10, or null when skipped) is high, else null. */
export function highPainAdvice(guard, painBefore) {
  return painBefore != null && painBefore >= guard.high_before.at ? guard.high_before.advice : null;
}

/** The local day the session was rated: its end (pain after is asked then), or its start if it has none. */
function sessionDay(session) {
  const when = session?.endedAt ?? session?.startedAt;
  return when == null ? null : localDay(new Date(when));
}

/**
 * Whether the guard's ease-off stands on `today` ("YYYY-MM-DD"): `suggestion` is the kept one
 * (a null `routineId` means pain rose after the gentlest routine), `sessions` the log, where an
 * older suggestion without its day finds its session. Returns null when it does not stand, else
 * `{ resumes }`: the first day Home offers a routine again.
 */
export function easeOff(suggestion, sessions, today) {
  if (!suggestion || suggestion.routineId !== null) return null;
  const day = suggestion.day ?? sessionDay(sessions.find((session) => session.id === suggestion.sessionId));
  // An older ease-off whose session is gone (its log deleted) cannot be dated: standing until
  // some later session clears it would say "None today" day after day, so it has ended.
  if (day == null) return null;
  return daysBetween(day, today) < EASE_OFF_DAYS ? { resumes: addDays(day, EASE_OFF_DAYS) } : null;
}
