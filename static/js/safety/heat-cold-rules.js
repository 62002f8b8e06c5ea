/**
 * The heat and cold timer's rules, pure: the plan for a session, whether one may start now,
 * and where a running session stands, all from timestamps.
 */

const MINUTE_MS = 60 * 1000;

/** Phases of a session: heat or cold alone (minutes capped at the maximum), or heat then cold. */
export function planSession(mode, minutes, rules) {
  if (mode === "alternate") {
    return [
      { kind: "heat", seconds: rules.alternate.heat_minutes * 60 },
      { kind: "cold", seconds: rules.alternate.cold_minutes * 60 },
    ];
  }
  const limits = rules[mode];
  const capped = Math.min(Math.max(1, Math.round(minutes)), limits.max_minutes);
  return [{ kind: mode, seconds: capped * 60 }];
}

function sameLocalDay(a, b) {
  const first = new Date(a);
  const second = new Date(b);
  return (
    first.getFullYear() === second.getFullYear() &&
    first.getMonth() === second.getMonth() &&
    first.getDate() === second.getDate()
  );
}

/**
 * May a session of `mode` start at `now`, given past sessions (`{ mode, startedAt, endedAt,
 * coldEndedAt }`, times in ms)? Cold needs `rest_minutes` since the last cold ended;
 * alternating is limited to `max_per_day`.
 */
export function canStart(mode, history, rules, now) {
  if (mode === "cold" || mode === "alternate") {
    const lastCold = Math.max(0, ...history.map((session) => session.coldEndedAt ?? 0));
    const allowedAt = lastCold + rules.cold.rest_minutes * MINUTE_MS;
    if (lastCold && now < allowedAt) return { allowed: false, reason: "cold-rest", allowedAt };
  }
  if (mode === "alternate") {
    const today = history.filter((session) => session.mode === "alternate" && sameLocalDay(session.startedAt, now));
    if (today.length >= rules.alternate.max_per_day) return { allowed: false, reason: "daily-limit", allowedAt: null };
  }
  return { allowed: true, reason: null, allowedAt: null };
}

/** Where a session started at `startedAt` stands at `now`: phase, seconds left, and the skin checks
 * due in this phase (heat and cold each have theirs). */
export function sessionAt(plan, startedAt, now, rules) {
  let phaseStart = startedAt;
  for (let index = 0; index < plan.length; index += 1) {
    const phase = plan[index];
    const phaseEnd = phaseStart + phase.seconds * 1000;
    if (now < phaseEnd) {
      const elapsedMinutes = (now - phaseStart) / MINUTE_MS;
      const skinChecks = rules[phase.kind].skin_check_minutes.filter((minute) => elapsedMinutes >= minute);
      return {
        done: false,
        phaseIndex: index,
        kind: phase.kind,
        remainingMs: phaseEnd - now,
        skinChecksDue: skinChecks,
      };
    }
    phaseStart = phaseEnd;
  }
  return { done: true, phaseIndex: plan.length, kind: null, remainingMs: 0, skinChecksDue: [], endedAt: phaseStart };
}

/** When the last cold phase of a plan ends, for a session started at `startedAt`; null if none. */
export function coldEndOf(plan, startedAt, endedAt) {
  let phaseStart = startedAt;
  let coldEnd = null;
  for (const phase of plan) {
    const phaseEnd = Math.min(phaseStart + phase.seconds * 1000, endedAt);
    if (phase.kind === "cold" && phaseEnd > phaseStart) coldEnd = phaseEnd;
    phaseStart += phase.seconds * 1000;
  }
  return coldEnd;
}
