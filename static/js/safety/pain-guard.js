/**
 * The pain guard, pure: after a session, whether pain rose enough to ease the next suggestion
 * (to the gentler routine named in the safety data) and to show the guard's advice; and before
 * one, whether pain is high enough to say "start gently".
 */

/**
 * `guard` is the safety data's `pain_guard` ({ rise, gentler_routine }); `session` the logged
 * session. Without both answers there is nothing to compare (`compared` false): an earlier
 * suggestion then stands. Otherwise `suggestion` is the one to keep, or null to clear it.
 *
 * Pain that rose after the gentler routine itself suggests no routine at all (`afterGentler`,
 * and a suggestion with a null `routineId`): offering the same routine again would be offering
 * what just made it worse; the guard's `after_gentler` advice says what to do instead.
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
    suggestion: rose ? { routineId: afterGentler ? null : guard.gentler_routine, sessionId: session.id } : null,
  };
}

/** The "start gently" advice when pain before a session (0–10, or null when skipped) is high, else null. */
export function highPainAdvice(guard, painBefore) {
  return painBefore != null && painBefore >= guard.high_before.at ? guard.high_before.advice : null;
}
