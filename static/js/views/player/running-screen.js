/**
 * The player's running screen, laid out to fit one phone screen: where the person is, the
 * figure, the countdown or rep count in a ring, what comes next, the controls and "Stop —
 * this hurts". The exercise's steps and the warning signs open over it, in dialogs. It draws
 * the machine's state; the controller keeps the time and decides what each button does.
 */
import { h, textList } from "../../lib/dom.js";
import { loadFigure, setFigureMotion } from "../../catalog/illustration.js";
import * as machine from "../../player/player-machine.js";
import { REST_KINDS } from "../../player/routine-steps.js";
import { clock, exerciseName, instruction, nextLine, setLine } from "../../player/step-text.js";
import { dialRing, ringFraction } from "./dial-ring.js";

export const ADJUST_SECONDS = 10;
/** The last seconds of a hold or a rest are marked on the ring and in the digits. */
export const FINAL_SECONDS = 3;

const SVG = "http://www.w3.org/2000/svg";

export class RunningScreen {
  /** `actions` holds the handlers: pause, ready, skip, back, adjust(seconds), skipExercise, stop, warningSigns. */
  constructor(routine, steps, actions) {
    this.routine = routine;
    this.steps = steps;
    const button = (label, onclick, extra = {}) =>
      h("button", { type: "button", class: "button", onclick, ...extra }, label);
    this.ring = dialRing(SVG);
    this.ui = {
      progress: h("progress", { class: "player-progress", max: "1", value: "0", "aria-label": "Routine progress" }),
      howToButton: button("How to do it", () => this.openHowTo(), {
        class: "button player-tool",
        "aria-haspopup": "dialog",
      }),
      signsButton: button("Warning signs", actions.warningSigns, {
        class: "button player-tool",
        "aria-haspopup": "dialog",
      }),
      // The header steps aside while a routine runs: this is the way home, where "Resume" waits.
      leave: h("a", { class: "button player-tool", href: "/" }, "Leave"),
      title: h("h1", { id: "player-title", class: "player-exercise" }),
      position: h("span", { class: "player-position" }),
      setLine: h("span", { class: "player-set" }),
      instruction: h("p", { class: "player-instruction" }),
      figureSlot: h("div", { class: "player-figure" }),
      count: h("span", { class: "player-count" }),
      unit: h("span", { class: "player-unit" }),
      next: h("p", { class: "player-next meta" }),
      // Pause, or "I'm ready" while a get-ready waits for the person to get into position.
      pause: button("Pause", () => (this.waiting ? actions.ready() : actions.pause()), {
        class: "button button-primary player-main-button",
      }),
      skip: button("Skip", actions.skip, { class: "button player-main-button" }),
      back: button("Back", actions.back),
      less: button(`−${ADJUST_SECONDS} s`, () => actions.adjust(-ADJUST_SECONDS), {
        class: "button player-adjust",
        "aria-label": `${ADJUST_SECONDS} seconds less rest`,
      }),
      more: button(`+${ADJUST_SECONDS} s`, () => actions.adjust(ADJUST_SECONDS), {
        class: "button player-adjust",
        "aria-label": `${ADJUST_SECONDS} seconds more rest`,
      }),
      skipExercise: button("Skip exercise", actions.skipExercise),
      howTo: h("dialog", { class: "player-how", "aria-labelledby": "how-to-title" }),
      announcer: h("p", { class: "visually-hidden", "aria-live": "polite" }),
      status: h("p", { class: "visually-hidden", role: "status" }),
    };
    this.ui.dial = h(
      "div",
      { class: "player-dial", role: "timer", "aria-live": "off" },
      this.ring.svg,
      h("span", { class: "player-reading" }, this.ui.count, this.ui.unit),
    );
    this.ui.notices = h("div", { class: "player-notices" });
    this.ui.ready = h("div", { class: "player-ready", hidden: true });
    this.waiting = false;
    this.stopButton = h(
      "button",
      { type: "button", class: "button stop-button", onclick: actions.stop },
      "Stop — this hurts",
    );
    this.figure = null;
    this.howToItem = undefined;
    this.item = undefined;
  }

  /** The dial: where the cues flash. */
  get flashTarget() {
    return this.ui.dial;
  }

  /** The screen's nodes, in order; `notice` (the wake lock's, say) goes under the instruction. */
  nodes(notice = null) {
    const { ui } = this;
    if (notice) ui.notices.append(notice);
    return [
      h(
        "div",
        { class: "player-top" },
        ui.progress,
        h("div", { class: "player-tools" }, ui.howToButton, ui.signsButton, ui.leave),
      ),
      h(
        "div",
        { class: "player-text" },
        ui.title,
        h("p", { class: "player-where" }, ui.position, ui.setLine),
        ui.instruction,
        ui.notices,
      ),
      ui.figureSlot,
      h("div", { class: "player-dial-cell" }, ui.dial, ui.ready),
      ui.next,
      h("div", { class: "player-secondary" }, ui.back, ui.less, ui.more, ui.skipExercise),
      h("div", { class: "player-controls" }, ui.pause, ui.skip),
      this.stopButton,
      ui.howTo,
      ui.announcer,
      ui.status,
    ];
  }

  /** A notice about this device (its storage, its screen lock), shown without covering a control. */
  addNotice(node) {
    this.ui.notices.append(node);
  }

  /** Say something to screen readers (pause, resume, a longer rest). */
  say(text) {
    this.ui.status.textContent = text;
  }

  focusPause() {
    this.ui.pause.focus();
  }

  render(root, state, now) {
    const { ui, routine, steps } = this;
    const step = steps[state.index];
    const item = routine.items[step.itemIndex];
    const { doneSeconds, totalSeconds } = machine.progress(state, steps, now);
    const remainingMs = machine.remainingInStepMs(state, steps, now);
    const remaining = Math.ceil(remainingMs / 1000);
    const durationSeconds = machine.stepDurationMs(state, steps) / 1000;
    const paused = state.status === "paused";

    ui.progress.value = totalSeconds ? doneSeconds / totalSeconds : 0;
    ui.title.textContent = item ? exerciseName(item) : "Warm-up";
    ui.position.textContent = item ? `Exercise ${step.itemIndex + 1} of ${routine.items.length}` : "";
    ui.setLine.textContent = [setLine(step, item), holdLine(step, item)].filter(Boolean).join(" · ");
    ui.instruction.textContent = paused ? "Paused" : instruction(step, routine);
    if (step.kind === "move") {
      ui.count.textContent = String(step.rep);
      ui.unit.textContent = `of ${item.reps} reps`;
    } else {
      ui.count.textContent = clock(remaining);
      ui.unit.textContent = remaining === 1 ? "second" : "seconds";
    }
    const marksFinal =
      step.kind === "hold" || REST_KINDS.has(step.kind) || (step.kind === "get-ready" && !step.waitsForReady);
    ui.dial.dataset.kind = step.kind;
    ui.dial.dataset.final = String(marksFinal && !paused && remaining <= FINAL_SECONDS);
    this.ring.draw(ringFraction(state, steps, now), {
      fills: step.kind === "move",
      // On a long countdown the ring marks its last seconds ahead; a short one only changes colour.
      finalShare: marksFinal && durationSeconds >= 10 ? FINAL_SECONDS / durationSeconds : 0,
      // Where the ring will be when the next second shows: it glides there as the time passes.
      next: paused
        ? null
        : {
            fraction: ringFraction(state, steps, now + untilNextSecond(remainingMs)),
            inMs: untilNextSecond(remainingMs),
          },
    });
    ui.next.textContent = nextLine(steps, step.index, routine) ?? "";
    this.waiting = machine.waitsForReady(state, steps) && !paused;
    ui.dial.hidden = Boolean(step.waitsForReady);
    ui.ready.hidden = !step.waitsForReady;
    ui.pause.textContent = this.waiting ? "I'm ready" : paused ? "Resume" : "Pause";
    ui.back.disabled = state.index === 0;
    // The rest buttons keep their place when hidden, so nothing else moves under a finger.
    const adjustable = machine.canAdjust(state, steps);
    ui.less.dataset.away = String(!adjustable);
    ui.more.dataset.away = String(!adjustable);
    ui.less.disabled = !adjustable;
    ui.more.disabled = !adjustable;
    ui.skipExercise.hidden = !item;
    root.dataset.step = step.kind;
    root.toggleAttribute("data-waiting", Boolean(step.waitsForReady));
    root.dataset.status = state.status;
  }

  /** A new step started: the how-to panel and the figure (when the exercise changed), the announcement. */
  stepStarted(step) {
    this.step = step;
    if (this.howToItem !== step.itemIndex) {
      this.howToItem = step.itemIndex;
      this.item = this.routine.items[step.itemIndex];
      this.renderHowTo(this.item);
      this.showFigure(this.item);
    }
    this.moveFigure(step);
    this.ui.announcer.textContent = `${instruction(step, this.routine)}.`;
    if (step.waitsForReady) this.renderReady(step);
  }

  /** A new posture: how to get into it safely, while the routine waits for "I'm ready". */
  renderReady(step) {
    this.ui.ready.replaceChildren(textList("ol", step.posture.get_into, "player-ready-steps"));
  }

  /** Draw the exercise's steps and stop signs when the exercise changes; never under a reader. */
  renderHowTo(item) {
    if (this.ui.howTo.open) {
      this.ui.howTo.addEventListener("close", () => this.renderHowTo(this.item), { once: true });
      return;
    }
    const close = h(
      "button",
      { type: "button", class: "button button-primary", onclick: () => this.ui.howTo.close() },
      "Back to the exercise",
    );
    if (!item) {
      this.ui.howToButton.textContent = "What to do";
      this.ui.howTo.replaceChildren(
        h("h2", { id: "how-to-title" }, "Warm-up"),
        h("p", {}, this.routine.warm_up?.instruction ?? ""),
        close,
      );
      return;
    }
    this.ui.howToButton.textContent = "How to do it";
    const stepsToShow = item.variant?.steps ?? item.exercise.steps;
    this.ui.howTo.replaceChildren(
      h("h2", { id: "how-to-title" }, `How to do it: ${exerciseName(item)}`),
      h("p", {}, item.exercise.purpose),
      textList("ol", stepsToShow, "steps"),
      h("h3", {}, "Stop if"),
      textList("ul", item.exercise.stop_if),
      close,
    );
  }

  openHowTo() {
    this.ui.howTo.showModal();
    // From the top: the heading first, the close button at the end of what to read.
    const heading = this.ui.howTo.querySelector("h2");
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }

  async showFigure(item) {
    this.figure = null;
    this.ui.figureSlot.replaceChildren();
    if (!item) return;
    const url = item.variant?.illustration_url ?? item.exercise.illustration_url;
    const figure = await loadFigure(url);
    // The exercise may have changed while the file loaded.
    if (!figure || this.item !== item) return;
    this.figure = figure;
    this.ui.figureSlot.replaceChildren(figure);
    this.moveFigure(this.step);
  }

  /** Moving reps animate at their tempo; a hold holds the end position; everything else the start. */
  moveFigure(step) {
    const motion = step.kind === "move" ? "move" : step.kind === "hold" ? "end" : "start";
    setFigureMotion(this.figure, { motion, tempoSeconds: step.seconds, side: step.side });
  }
}

/** "Hold 4 of 8" during a hold: which hold this is, beside the seconds in the ring. */
function holdLine(step, item) {
  return step.kind === "hold" ? `Hold ${step.rep} of ${item.reps}` : null;
}

/** Milliseconds until the countdown shows its next second (the controller wakes then). */
function untilNextSecond(remainingMs) {
  return ((Math.max(remainingMs, 1) - 1) % 1000) + 1;
}
