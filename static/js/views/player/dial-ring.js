/**
 * The countdown's ring: a circle that empties as a hold or a rest runs out, and fills once
 * per rep at the exercise's tempo. Its length comes from the state machine's timestamps at
 * each render, never from counting frames; between two renders it glides (a CSS transition)
 * to where the next render will put it, so it moves smoothly and lands on time.
 */
import * as machine from "../../player/player-machine.js";

/** Every circle has a path length of 100, so a dash length is a percentage of the ring. */
const LENGTH = 100;

/** The share of the current step that is left (a countdown) or done (a rep), from 0 to 1. */
export function ringFraction(state, steps, now) {
  const step = steps[state.index];
  const duration = machine.stepDurationMs(state, steps);
  if (!duration) return 0;
  const elapsed = Math.min(machine.elapsedInStepMs(state, now), duration);
  const done = elapsed / duration;
  return step.kind === "move" ? done : 1 - done;
}

/** The ring's SVG and its `draw`. `svgNs` is the SVG namespace, passed in so this file stays testable. */
export function dialRing(svgNs) {
  const circle = (className, r = 45) => {
    const node = document.createElementNS(svgNs, "circle");
    for (const [name, value] of Object.entries({ class: className, cx: 50, cy: 50, r, pathLength: LENGTH }))
      node.setAttribute(name, value);
    return node;
  };
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("class", "dial-ring");
  svg.setAttribute("viewBox", "0 0 100 100");
  svg.setAttribute("aria-hidden", "true");
  const track = circle("dial-track");
  // Just outside the ring, so the countdown's arc never hides it.
  const final = circle("dial-final", 50.5);
  const arc = circle("dial-arc");
  svg.append(track, final, arc);

  const offset = (fraction) => String(LENGTH * (1 - Math.max(0, Math.min(1, fraction))));

  return {
    svg,
    /**
     * Show `fraction` of the ring now; with `next`, glide to `next.fraction` over `next.inMs`.
     * `finalShare` marks the last seconds' part of the ring (0 for none); `fills` says the ring
     * grows (a rep) rather than shrinks (a countdown).
     */
    draw(fraction, { fills = false, finalShare = 0, next = null }) {
      svg.dataset.fills = String(fills);
      final.style.strokeDasharray = `${LENGTH * finalShare} ${LENGTH}`;
      arc.style.transitionDuration = "0s";
      arc.style.strokeDashoffset = offset(fraction);
      arc.dataset.fraction = fraction.toFixed(3);
      if (!next) return;
      // Read layout so the jump above is not merged with the glide below.
      void arc.getBoundingClientRect();
      arc.style.transitionDuration = `${next.inMs}ms`;
      arc.style.strokeDashoffset = offset(next.fraction);
    },
  };
}
