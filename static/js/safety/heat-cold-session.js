/**
 * A heat or cold session from start to end: the one module that starts it, keeps its skin
 * checks, and finishes and records it. The timer's page and the bar on every other page both
 * call it, so a session is recorded once, with the same end, whichever of them sees the end.
 */
import { getActiveHeatCold, listHeatColdSessions, saveHeatColdSession, setActiveHeatCold } from "./safety-store.js";
import { coldEndOf, planSession, sessionAt } from "./heat-cold-rules.js";
import { newId } from "../lib/uuid.js";

/** The session running now, or null. */
export function runningHeatCold() {
  return getActiveHeatCold();
}

/**
 * Start a session of `mode` ("heat", "cold", "alternate") at `now`. Returns `{ active, saved }`
 * at once, `saved` a promise of whether the write went through: the pack is on, so the session
 * is timed whatever happens to the write, which only lets other pages see it.
 */
export function startHeatCold(mode, minutes, rules, now) {
  const active = { id: newId(), mode, plan: planSession(mode, minutes, rules), startedAt: now, acknowledged: [] };
  const saved = setActiveHeatCold(active).then(
    () => true,
    (error) => {
      console.error(error);
      return false;
    },
  );
  return { active, saved };
}

/** The skin checks of `minutes` in phase `phaseIndex` were answered: the session with them, at once. */
export function acknowledgeSkinCheck(active, phaseIndex, minutes) {
  const next = {
    ...active,
    acknowledged: [...active.acknowledged, ...minutes.map((minute) => `${phaseIndex}:${minute}`)],
  };
  // The page keeps the answer in memory; a failed write only means the bar elsewhere asks again.
  setActiveHeatCold(next).catch((error) => console.error(error));
  return next;
}

/**
 * When and how the session ended, asked to stop at `endedAt`: a device that slept past the
 * planned end ended on time, not early.
 */
export function endOf(active, endedAt, stoppedEarly, rules) {
  const state = sessionAt(active.plan, active.startedAt, endedAt, rules);
  return state.done ? { endedAt: state.endedAt, stoppedEarly: false } : { endedAt, stoppedEarly };
}

/** Record the finished session (once, whoever asks first) and end it. Rejects if not written. */
export async function finishHeatCold(active, { endedAt, stoppedEarly }) {
  const { id, mode, plan, startedAt } = active;
  const recorded = (await listHeatColdSessions()).some((session) => session.id === id);
  if (!recorded)
    await saveHeatColdSession({
      id,
      mode,
      startedAt,
      endedAt,
      stoppedEarly,
      coldEndedAt: coldEndOf(plan, startedAt, endedAt),
    });
  await setActiveHeatCold(null);
}
