/**
 * Keeps a running heat or cold session in view on every page: a bar with the time left that
 * turns into the skin check or "take it off now", and that ends the session (heat-cold-session.js)
 * when its time is up, even if the person is elsewhere in the app. Time comes from timestamps.
 */
import { h } from "../lib/dom.js";
import { finishHeatCold, runningHeatCold } from "./heat-cold-session.js";
import { readSafety } from "./safety-store.js";
import { sessionAt } from "./heat-cold-rules.js";

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

/** Look at the active session now, and again when its next second is due. */
export async function watchHeatCold() {
  clearTimeout(timer);
  const [active, safety] = await Promise.all([runningHeatCold(), readSafety()]);
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
    await finishHeatCold(active, { endedAt: state.endedAt, stoppedEarly: false }).catch((error) =>
      console.error(error),
    );
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
  const unacknowledged = state.skinChecksDue.some(
    (minute) => !active.acknowledged.includes(`${state.phaseIndex}:${minute}`),
  );
  const minutesLeft = Math.ceil(state.remainingMs / 60000);
  say(
    status,
    unacknowledged
      ? safety.heat_cold.skin_check
      : `${state.kind === "cold" ? "Cold" : "Heat"} pack: about ${minutesLeft} min left.`,
  );
}
