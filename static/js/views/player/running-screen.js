/**
 * The player's running screen: where the person is, the countdown or rep count, the tempo
 * bar, the figure, what comes next, the controls and "Stop — this hurts". It draws the
 * machine's state; the controller keeps the time and decides what each button does.
 */
import { h, textList } from "../../dom.js";
import { loadFigure, setFigureMotion } from "../../illustration.js";
import * as machine from "../../player/player-machine.js";
import { clock, exerciseName, instruction, nextLine, setLine } from "../../player/step-text.js";

export const ADJUST_SECONDS = 10;

export class RunningScreen {
  /** `actions` holds the handlers: pause, skip, back, adjust(seconds), skipExercise, stop. */
  constructor(routine, steps, actions) {
    this.routine = routine;
    this.steps = steps;
    const button = (label, onclick, extra = {}) => h("button", { type: "button", class: "button", onclick, ...extra }, label);
    this.ui = {
      position: h("p", { class: "player-position meta" }),
      progress: h("progress", { class: "player-progress", max: "1", value: "0", "aria-label": "Routine progress" }),
      title: h("h1", { id: "player-title", class: "player-exercise" }),
      setLine: h("p", { class: "player-set" }),
      instruction: h("p", { class: "player-instruction" }),
      figureSlot: h("div", { class: "player-figure" }),
      count: h("span", { class: "player-count" }),
      unit: h("span", { class: "player-unit" }),
      tempo: h("div", { class: "tempo", "aria-hidden": "true" }, h("div", { class: "tempo-fill" })),
      next: h("p", { class: "player-next meta" }),
      pause: button("Pause", actions.pause, { class: "button button-primary player-main-button" }),
      skip: button("Skip", actions.skip, { class: "button player-main-button" }),
      back: button("Back", actions.back),
      less: button(`−${ADJUST_SECONDS} s`, () => actions.adjust(-ADJUST_SECONDS), { "aria-label": `${ADJUST_SECONDS} seconds less rest` }),
      more: button(`+${ADJUST_SECONDS} s`, () => actions.adjust(ADJUST_SECONDS), { "aria-label": `${ADJUST_SECONDS} seconds more rest` }),
      skipExercise: button("Skip exercise", actions.skipExercise),
      howTo: h("details", { class: "player-how" }),
      announcer: h("p", { class: "visually-hidden", "aria-live": "polite" }),
      status: h("p", { class: "visually-hidden", role: "status" }),
    };
    this.ui.dial = h("div", { class: "player-dial", role: "timer", "aria-live": "off" }, this.ui.count, this.ui.unit);
    this.stopButton = h("button", { type: "button", class: "button stop-button", onclick: actions.stop }, "Stop — this hurts");
    this.figure = null;
    this.howToItem = undefined;
    this.item = undefined;
  }

  /** The dial: where the cues flash. */
  get flashTarget() {
    return this.ui.dial;
  }

  /** The screen's nodes, in order; `notice` (the wake lock's, say) goes above the how-to panel. */
  nodes(notice = null) {
    const { ui } = this;
    return [
      ui.position,
      ui.progress,
      ui.title,
      ui.setLine,
      ui.instruction,
      ui.figureSlot,
      ui.dial,
      ui.tempo,
      ui.next,
      h("div", { class: "player-controls" }, ui.pause, ui.skip),
      h("div", { class: "player-secondary" }, ui.back, ui.less, ui.more, ui.skipExercise),
      ui.howTo,
      ui.announcer,
      ui.status,
      notice,
      this.stopButton,
    ];
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
    const remaining = Math.ceil(machine.remainingInStepMs(state, steps, now) / 1000);
    const paused = state.status === "paused";

    ui.position.textContent = item ? `Exercise ${step.itemIndex + 1} of ${routine.items.length}` : "Warm-up";
    ui.progress.value = totalSeconds ? doneSeconds / totalSeconds : 0;
    ui.title.textContent = item ? exerciseName(item) : "Warm-up";
    ui.setLine.textContent = setLine(step, item) ?? "";
    ui.instruction.textContent = paused ? "Paused" : instruction(step, routine);
    if (step.kind === "move") {
      ui.count.textContent = String(step.rep);
      ui.unit.textContent = `of ${item.reps} reps`;
    } else {
      ui.count.textContent = clock(remaining);
      const unit = remaining === 1 ? "second" : "seconds";
      ui.unit.textContent = step.kind === "hold" ? `${unit} · hold ${step.rep} of ${item.reps}` : unit;
    }
    ui.dial.dataset.kind = step.kind;
    ui.tempo.hidden = step.kind !== "move";
    ui.next.textContent = nextLine(steps, step.index, routine) ?? "";
    ui.pause.textContent = paused ? "Resume" : "Pause";
    ui.back.disabled = state.index === 0;
    const adjustable = machine.canAdjust(state, steps);
    ui.less.hidden = !adjustable;
    ui.more.hidden = !adjustable;
    ui.skipExercise.hidden = !item;
    root.dataset.step = step.kind;
    root.dataset.status = state.status;
  }

  /** A new step started: the how-to panel and the figure (when the exercise changed), the tempo, the announcement. */
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
    if (step.kind === "move") this.restartTempo(step.seconds);
  }

  /** Draw the exercise's steps and stop signs when the exercise changes. */
  renderHowTo(item) {
    if (!item) {
      this.ui.howTo.replaceChildren(h("summary", {}, "What to do"), h("p", {}, this.routine.warm_up?.instruction ?? ""));
      return;
    }
    const stepsToShow = item.variant?.steps ?? item.exercise.steps;
    this.ui.howTo.replaceChildren(
      h("summary", {}, `How to do it: ${exerciseName(item)}`),
      h("p", {}, item.exercise.purpose),
      textList("ol", stepsToShow, "steps"),
      h("h3", {}, "Stop if"),
      textList("ul", item.exercise.stop_if),
    );
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

  restartTempo(seconds) {
    const fill = this.ui.tempo.firstChild;
    fill.style.animationDuration = `${seconds}s`;
    fill.classList.remove("tempo-run");
    void fill.offsetWidth;
    fill.classList.add("tempo-run");
  }
}
