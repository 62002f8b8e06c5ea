/**
 * The pain guard, pure: after a session, whether pain rose enough to ease the next suggestion
 * (to the gentler routine named in the safety data) and to show the guard's advice.
 */

/**
 * `guard` is the safety data's `pain_guard` ({ rise, gentler_routine }); `session` the logged
 * session. Without both answers there is nothing to compare (`compared` false): an earlier
 * suggestion then stands. Otherwise `suggestion` is the one to keep, or null to clear it.
 */
export function painGuardOutcome(guard, session) {
  const { painBefore, painAfter } = session;
  const compared = painBefore != null && painAfter != null;
  const rose = compared && painAfter - painBefore >= guard.rise;
  return {
    compared,
    rose,
    suggestion: rose ? { routineId: guard.gentler_routine, sessionId: session.id } : null,
  };
}
