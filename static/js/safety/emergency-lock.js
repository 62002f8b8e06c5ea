/**
 * The emergency lock, pure: a stop reason of emergency level ends the session and locks the
 * routines exactly as an emergency answer on the safety check does, until the check is taken
 * again.
 */

export function isEmergencyStop(reason) {
  return reason.level === "emergency";
}

/**
 * The safety-check record that locks the routines after `reason` (null for any other reason).
 * It has the shape of an answered check at `now` with the emergency level, so the screen rules
 * read it like one; `fromStop` says where it came from.
 */
export function lockFromStop(reason, now) {
  if (!isEmergencyStop(reason)) return null;
  return {
    answers: {},
    level: "emergency",
    answeredAt: now,
    confirmedSeenAt: null,
    bannerDismissedAt: null,
    fromStop: reason.id,
  };
}
