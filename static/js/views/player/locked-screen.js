/**
 * The player's page while the safety check locks (an emergency sign) or pauses (an urgent one)
 * the routines: the advice and why, and no Start.
 */
import { h } from "../../lib/dom.js";
import { adviceCard } from "../safety/advice.js";
import { lockedReason } from "../safety/start-control.js";

/** The routines are locked or paused by the safety check: say why, and nothing else. */
export function lockedView(routine, gate) {
  const level = gate.status;
  return {
    title: `${routine.title}: locked`,
    node: h(
      "section",
      {},
      h("h1", {}, routine.title),
      adviceCard(gate.safety, gate.safety.advice[level], { level, id: "locked-advice" }),
      lockedReason(gate),
    ),
  };
}
