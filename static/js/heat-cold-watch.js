/**
 * Keeps a running heat or cold session in view on every page: a bar with the time left that
 * turns into the skin check or "take it off now", and that records the session when its time
 * is up, even if the person is elsewhere in the app. Time comes from timestamps.
 */
import { h } from "./dom.js";
import { getActiveHeatCold, readSafety, saveHeatColdSession, setActiveHeatCold } from "./safety-store.js";
import { coldEndOf, sessionAt } from "./safety/heat-cold-rules.js";

let timer = null;
let bar = null;

function ensureBar() {
  if (!bar) {
    bar = h("aside", { class: "heat-cold-bar", "aria-label": "Heat and cold timer" }, h("p", { role: "status" }));
    document.querySelector(".app-bar").after(bar);
  }
  return bar;
}

/** Say something in the bar; the same words again are not announced again. */
function say(status, text) {
  const line = status.firstChild;
  if (line.dataset.text === text) return;
  line.dataset.text = text;
  line.replaceChildren(`${text} `, h("a", { href: "/heat-cold" }, "Open the timer"));
}

/** Record a finished session; safe to call twice (the same id is written again). */
export async function recordFinished(active, endedAt, stoppedEarly) {
  const { id, mode, plan, startedAt } = active;
  await saveHeatColdSession({ id, mode, startedAt, endedAt, stoppedEarly, coldEndedAt: coldEndOf(plan, startedAt, endedAt) });
  await setActiveHeatCold(null);
}

/** Look at the active session now, and again when its next second is due. */
export async function watchHeatCold() {
  clearTimeout(timer);
  const [active, safety] = await Promise.all([getActiveHeatCold(), readSafety()]);
  const onTimerPage = location.pathname === "/heat-cold";
  if (!active || !safety) {
    // "Time is up" stays on screen until the person has seen the timer's page.
    if (bar && (onTimerPage || !bar.dataset.done)) {
      bar.hidden = true;
      delete bar.dataset.done;
    }
    return;
  }
  const state = sessionAt(active.plan, active.startedAt, Date.now(), safety.heat_cold);
  const status = ensureBar();
  if (state.done) {
    // The end is said first; a failed write must not silence it (the next page tries again).
    if (navigator.vibrate) navigator.vibrate([300, 100, 300]);
    status.dataset.done = "true";
    status.hidden = onTimerPage;
    if (!onTimerPage) say(status, "Heat and cold timer: time is up. Take the pack off now.");
    await recordFinished(active, state.endedAt, false).catch((error) => console.error(error));
    return;
  }
  delete status.dataset.done;
  status.hidden = onTimerPage;
  timer = setTimeout(watchHeatCold, Math.min(state.remainingMs, 15000) + 5);
  // The timer's own page shows all of this already.
  if (onTimerPage) {
    say(status, "");
    return;
  }
  const unacknowledged = state.skinChecksDue.some((minute) => !active.acknowledged.includes(`${state.phaseIndex}:${minute}`));
  const minutesLeft = Math.ceil(state.remainingMs / 60000);
  say(status, unacknowledged ? safety.heat_cold.skin_check : `${state.kind === "cold" ? "Cold" : "Heat"} pack: about ${minutesLeft} min left.`);
}
