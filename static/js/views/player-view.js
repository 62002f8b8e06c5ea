/**
 * The guided player: pain before, every step with its countdown or rep count and cues, pain
 * after and a note. The state machine keeps time; this view draws it, speaks it and saves
 * it. Each finished set and the player's position are committed to IndexedDB together, so a
 * reload, a crash or an app update can offer "Resume" where the person stopped.
 */
import { readRoutine } from "../catalog-store.js";
import { createCues, loadCueSettings } from "../cues.js";
import { h, textList } from "../dom.js";
import { formatMinutes, plural } from "../format.js";
import { loadFigure, setFigureMotion } from "../illustration.js";
import { clearActive, endSession, getActive, getSession, saveProgress, saveSession } from "../log-store.js";
import { routineGate, saveScreenRecord, setGentlerSuggestion } from "../safety-store.js";
import * as machine from "../player/player-machine.js";
import { expandRoutine, REST_KINDS } from "../player/routine-steps.js";
import { recordFinished } from "../player/set-recorder.js";
import { clock, exerciseName, instruction, nextLine, setLine, spokenCue } from "../player/step-text.js";
import { getSetting, setSetting } from "../settings.js";
import { setBusy } from "../sw-bridge.js";
import { newId } from "../uuid.js";
import { createWakeLock } from "../wake-lock.js";
import { adviceCard } from "./advice.js";
import { checkView } from "./check-view.js";
import { notFoundView } from "./not-found-view.js";
import { painScale } from "./pain-scale.js";
import { lockedReason } from "./start-control.js";

const COUNTDOWN_FROM = 3;
const ADJUST_SECONDS = 10;

function isoTime(milliseconds) {
  return new Date(milliseconds).toISOString();
}

/** A short fingerprint of the steps: a saved position only fits the routine it was saved in. */
function stepsSignature(steps) {
  let hash = 2166136261;
  for (const character of steps.map((step) => `${step.kind}:${step.seconds}:${step.slot ?? ""}`).join("|")) {
    hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  }
  return `${steps.length}-${hash.toString(16)}`;
}

/** A saved position resumes paused where it was saved, never fast-forwarded through the gap. */
function pausedAtSave(active) {
  const state = active.machine;
  if (state.status !== "running") return state;
  return { ...state, status: "paused", pausedAt: active.savedAt };
}

class Player {
  constructor(routine, safety, cueSettings) {
    this.routine = routine;
    this.safety = safety;
    this.steps = expandRoutine(routine);
    this.signature = stepsSignature(this.steps);
    // Sets not yet committed to IndexedDB: written again with every save until one succeeds.
    this.pendingSets = new Map();
    this.slotOrder = Object.fromEntries(this.steps.filter((step) => step.lastOfSlot).map((step) => [step.slot, step.index]));
    this.cues = createCues(cueSettings);
    this.wakeLock = createWakeLock({
      onUnsupported: () => this.noteWakeLockMissing(),
      onChange: (held) => {
        this.root.dataset.wakeLock = held ? "held" : "released";
      },
    });
    this.root = h("section", { class: "player", "aria-labelledby": "player-title" });
    this.state = null;
    this.session = null;
    this.slots = {};
    this.setIds = {};
    this.timer = null;
    this.writes = Promise.resolve();
    this.lastCountdown = null;
  }

  show(...children) {
    this.root.replaceChildren(...children.filter(Boolean));
    const heading = this.root.querySelector("h1, h2");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  }

  // ---- before the routine -------------------------------------------------------------

  showBefore(otherActive, note = null) {
    this.show(
      h("a", { class: "back-link", href: `/routines/${this.routine.id}` }, `← ${this.routine.title}`),
      h("h1", { id: "player-title" }, this.routine.title),
      h("p", { class: "meta" }, `${formatMinutes(this.routine.duration_minutes)} · ${plural(this.routine.exercise_count, "exercise")}`),
      note ? h("p", { class: "notice", role: "status" }, note) : null,
      otherActive
        ? h("p", { class: "notice" }, "Starting this routine ends the one you left unfinished; what you did there stays in your history.")
        : null,
      h("p", { class: "notice" }, "Move gently. Stop if pain becomes sharp or spreads down a leg: the Stop button is always on screen."),
      painScale({ question: "How is your back pain right now?", onAnswer: (value) => this.begin(value, otherActive) }),
    );
  }

  async begin(painBefore, otherActive) {
    this.cues.unlock();
    const now = Date.now();
    this.session = {
      id: newId(),
      routineId: this.routine.id,
      routineTitle: this.routine.title,
      startedAt: isoTime(now),
      endedAt: null,
      painBefore,
      painAfter: null,
      note: "",
      status: "in-progress",
      stopReason: null,
    };
    try {
      if (otherActive) await this.abandon(otherActive, now);
      await saveSession(this.session);
    } catch (error) {
      console.error(error);
      this.showBefore(otherActive, "This device could not start a session: its storage did not answer. Please try again.");
      return;
    }
    this.startRunning((startedAt) => machine.startPlayer(startedAt));
    this.save([], this.state.stepStartedAt);
  }

  async abandon(active, now) {
    const session = await getSession(active.sessionId);
    if (session && session.status === "in-progress") await endSession({ ...session, status: "abandoned", endedAt: isoTime(now) });
    else await clearActive();
  }

  offerResume(active) {
    const changed = active.signature !== undefined && active.signature !== this.signature;
    if (changed || !this.steps[active.machine.index]) {
      // The routine changed since this session began: its saved position means nothing now.
      this.abandon(active, Date.now()).then(
        () => this.showBefore(null, "This routine was updated since you started it. What you did is saved in your history."),
        (error) => this.showWriteError(error),
      );
      return;
    }
    const state = pausedAtSave(active);
    const step = this.steps[state.index];
    const item = this.routine.items[step.itemIndex];
    const where = item ? [exerciseName(item), setLine(step, item)].filter(Boolean).join(", ") : this.routine.warm_up?.instruction;
    this.show(
      h("h1", { id: "player-title" }, this.routine.title),
      h("p", {}, "You stopped partway through this routine. Everything you did is saved."),
      h("p", { class: "meta" }, `You were at: ${where}`),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "button button-primary button-large", onclick: () => this.resumeSaved(active) }, "Resume"),
        h(
          "button",
          {
            type: "button",
            class: "button",
            onclick: async () => {
              try {
                await this.abandon(active, Date.now());
                this.showBefore(null);
              } catch (error) {
                this.showWriteError(error);
              }
            },
          },
          "Start over",
        ),
      ),
    );
  }

  async resumeSaved(active) {
    this.cues.unlock();
    this.session = await getSession(active.sessionId);
    this.slots = active.slots;
    this.setIds = active.setIds;
    this.startRunning((now) => machine.resume(pausedAtSave(active), now).state);
  }

  // ---- the routine --------------------------------------------------------------------

  /** Build the screen first, then start the clock and cue in the same moment. */
  startRunning(stateAt) {
    setBusy(true);
    this.buildScreen();
    this.state = stateAt(Date.now());
    this.stepChanged();
    this.render();
    this.scheduleTick();
    this.wakeLock.hold();
  }

  buildScreen() {
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
      pause: button("Pause", () => this.togglePause(), { class: "button button-primary player-main-button" }),
      skip: button("Skip", () => this.transition(machine.skipStep), { class: "button player-main-button" }),
      back: button("Back", () => this.transition(machine.back)),
      less: button(`−${ADJUST_SECONDS} s`, () => this.adjust(-ADJUST_SECONDS), { "aria-label": `${ADJUST_SECONDS} seconds less rest` }),
      more: button(`+${ADJUST_SECONDS} s`, () => this.adjust(ADJUST_SECONDS), { "aria-label": `${ADJUST_SECONDS} seconds more rest` }),
      skipExercise: button("Skip exercise", () => this.transition(machine.skipExercise)),
      howTo: h("details", { class: "player-how" }),
      announcer: h("p", { class: "visually-hidden", "aria-live": "polite" }),
      status: h("p", { class: "visually-hidden", role: "status" }),
    };
    this.ui.dial = h("div", { class: "player-dial", role: "timer", "aria-live": "off" }, this.ui.count, this.ui.unit);
    this.cues.setFlashTarget(this.ui.dial);
    this.show(
      this.ui.position,
      this.ui.progress,
      this.ui.title,
      this.ui.setLine,
      this.ui.instruction,
      this.ui.figureSlot,
      this.ui.dial,
      this.ui.tempo,
      this.ui.next,
      h("div", { class: "player-controls" }, this.ui.pause, this.ui.skip),
      h("div", { class: "player-secondary" }, this.ui.back, this.ui.less, this.ui.more, this.ui.skipExercise),
      this.ui.howTo,
      this.ui.announcer,
      this.ui.status,
      this.wakeLockNotice ?? null,
      h("button", { type: "button", class: "button stop-button", onclick: () => this.showStopReasons() }, "Stop — this hurts"),
    );
  }

  currentStep() {
    return this.steps[this.state.index];
  }

  currentItem() {
    return this.routine.items[this.currentStep().itemIndex];
  }

  render() {
    const now = Date.now();
    const step = this.currentStep();
    const item = this.currentItem();
    const { doneSeconds, totalSeconds } = machine.progress(this.state, this.steps, now);
    const remaining = Math.ceil(machine.remainingInStepMs(this.state, this.steps, now) / 1000);
    const paused = this.state.status === "paused";

    this.ui.position.textContent = item ? `Exercise ${step.itemIndex + 1} of ${this.routine.items.length}` : "Warm-up";
    this.ui.progress.value = totalSeconds ? doneSeconds / totalSeconds : 0;
    this.ui.title.textContent = item ? exerciseName(item) : "Warm-up";
    this.ui.setLine.textContent = setLine(step, item) ?? "";
    this.ui.instruction.textContent = paused ? "Paused" : instruction(step, this.routine);
    if (step.kind === "move") {
      this.ui.count.textContent = String(step.rep);
      this.ui.unit.textContent = `of ${item.reps} reps`;
    } else {
      this.ui.count.textContent = clock(remaining);
      const unit = remaining === 1 ? "second" : "seconds";
      this.ui.unit.textContent = step.kind === "hold" ? `${unit} · hold ${step.rep} of ${item.reps}` : unit;
    }
    this.ui.dial.dataset.kind = step.kind;
    this.ui.tempo.hidden = step.kind !== "move";
    this.ui.next.textContent = nextLine(this.steps, step.index, this.routine) ?? "";
    this.ui.pause.textContent = paused ? "Resume" : "Pause";
    this.ui.back.disabled = this.state.index === 0;
    const adjustable = machine.canAdjust(this.state, this.steps);
    this.ui.less.hidden = !adjustable;
    this.ui.more.hidden = !adjustable;
    this.ui.skipExercise.hidden = !item;
    this.root.dataset.step = step.kind;
    this.root.dataset.status = this.state.status;
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

  /** Cues, the figure and the how-to panel when a new step starts. */
  stepChanged() {
    const step = this.currentStep();
    if (this.howToItem !== step.itemIndex) {
      this.howToItem = step.itemIndex;
      this.renderHowTo(this.currentItem());
      this.showFigure(this.currentItem());
    }
    this.moveFigure(step);
    const text = spokenCue(step, this.routine);
    this.cues.stepStarted(step.kind, text, this.state.stepStartedAt);
    this.ui.announcer.textContent = `${instruction(step, this.routine)}.`;
    if (step.kind === "move") this.restartTempo(step.seconds);
    this.lastCountdown = null;
  }

  async showFigure(item) {
    this.figure = null;
    this.ui.figureSlot.replaceChildren();
    if (!item) return;
    const url = item.variant?.illustration_url ?? item.exercise.illustration_url;
    const figure = await loadFigure(url);
    // The exercise may have changed while the file loaded.
    if (!figure || this.currentItem() !== item) return;
    this.figure = figure;
    this.ui.figureSlot.replaceChildren(figure);
    this.moveFigure(this.currentStep());
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

  countdownCue() {
    const step = this.currentStep();
    if (!(step.kind === "hold" || REST_KINDS.has(step.kind)) || step.seconds < 5) return;
    const remaining = Math.ceil(machine.remainingInStepMs(this.state, this.steps, Date.now()) / 1000);
    const key = `${step.index}:${remaining}`;
    if (remaining >= 1 && remaining <= COUNTDOWN_FROM && this.lastCountdown !== key) {
      this.lastCountdown = key;
      this.cues.countdown(remaining);
    }
  }

  scheduleTick() {
    clearTimeout(this.timer);
    if (this.state.status !== "running") return;
    // Wake when the displayed second changes or the step ends; the time itself comes from timestamps.
    const remaining = machine.remainingInStepMs(this.state, this.steps, Date.now());
    const untilNextSecond = ((remaining - 1) % 1000) + 1;
    this.timer = setTimeout(() => this.tick(), Math.max(untilNextSecond, 1) + 1);
  }

  tick() {
    const now = Date.now();
    this.apply(machine.advance(this.state, this.steps, now), now);
  }

  transition(change, ...args) {
    const now = Date.now();
    this.apply(change(this.state, this.steps, ...args, now), now);
  }

  adjust(seconds) {
    const now = Date.now();
    this.apply(machine.adjustRest(this.state, this.steps, seconds, now), now);
    this.ui.status.textContent = `Rest ${seconds > 0 ? "longer" : "shorter"} by ${Math.abs(seconds)} seconds.`;
  }

  togglePause() {
    const now = Date.now();
    this.cues.unlock();
    if (this.state.status === "paused") this.apply(machine.resume(this.state, now), now);
    else this.apply(machine.pause(this.state, this.steps, now), now);
    this.ui.status.textContent = this.state.status === "paused" ? "Paused." : "Resumed.";
    if (this.state.status === "paused") this.cues.silence();
  }

  apply({ state, finished }, now) {
    const before = this.state;
    this.state = state;
    const { slots, records } = recordFinished(this.slots, this.steps, finished);
    this.slots = slots;
    this.save(records.map((record) => this.setRecord(record, now)), now);
    if (state.status === "done") {
      this.finish(now);
      return;
    }
    if (state.index !== before.index) this.stepChanged();
    this.countdownCue();
    this.render();
    this.scheduleTick();
  }

  setRecord(record, now) {
    this.setIds[record.slot] ??= newId();
    const item = this.routine.items[record.itemIndex];
    return {
      id: this.setIds[record.slot],
      sessionId: this.session.id,
      order: this.slotOrder[record.slot],
      exerciseId: item.exercise.id,
      exerciseName: exerciseName(item),
      variantId: item.variant?.id ?? null,
      set: record.set,
      side: record.side,
      repsPlanned: record.repsPlanned,
      repsDone: record.repsDone,
      holdSecondsPlanned: item.hold_seconds,
      heldSeconds: record.heldSeconds,
      skipped: record.skipped,
      recordedAt: isoTime(now),
    };
  }

  /**
   * Queue a write of these sets and the position; writes happen one after another, in order.
   * A set stays pending until a write that carries it commits, so a failed write loses nothing.
   */
  save(setRecords, now) {
    for (const record of setRecords) this.pendingSets.set(record.id, record);
    const active = {
      routineId: this.routine.id,
      sessionId: this.session.id,
      signature: this.signature,
      machine: this.state,
      slots: this.slots,
      setIds: this.setIds,
      savedAt: now,
    };
    this.writes = this.writes
      .then(async () => {
        const batch = [...this.pendingSets.values()];
        await saveProgress(batch, active);
        for (const record of batch) if (this.pendingSets.get(record.id) === record) this.pendingSets.delete(record.id);
      })
      .catch((error) => this.showWriteError(error));
    return this.writes;
  }

  showWriteError(error) {
    console.error(error);
    if (this.root.querySelector(".write-error")) return;
    this.root.prepend(h("p", { class: "notice write-error", role: "alert" }, "This device could not save your progress. Keep this screen open; it is tried again at every step."));
  }

  /**
   * Write the session's end, its last unsaved sets, and the end of "Resume" in one transaction.
   * Resolves false (and says so on screen) if the write fails: what follows must still be shown.
   */
  async commitEnd() {
    try {
      await this.writes;
      await endSession(this.session, [...this.pendingSets.values()]);
      this.pendingSets.clear();
      return true;
    } catch (error) {
      this.showWriteError(error);
      return false;
    }
  }

  // ---- the end ------------------------------------------------------------------------

  stopRunning() {
    clearTimeout(this.timer);
    this.wakeLock.release();
    setBusy(false);
  }

  async finish(now) {
    this.stopRunning();
    // No update prompt until the pain answer is in: a reload then would lose it.
    setBusy(true);
    this.cues.stepStarted("done", spokenCue({ kind: "done" }, this.routine), this.state.stepStartedAt);
    this.session = { ...this.session, status: "completed", endedAt: isoTime(now) };
    const saved = await this.commitEnd();
    this.show(
      h("h1", { id: "player-title" }, "Routine complete"),
      h("p", {}, `Well done: you finished ${this.routine.title}.`),
      // The end is written again with the pain answer; until then, say it is not saved yet.
      saved ? null : h("p", { class: "notice", role: "alert" }, "This device could not save the end of your session yet: it is tried again with your answer below."),
      painScale({ question: "How is your back pain now?", onAnswer: (value) => this.saveAfter(value) }),
    );
  }

  async saveAfter(painAfter) {
    this.session = { ...this.session, painAfter };
    try {
      // The whole end again, with any sets the end could not write: never "saved" without them.
      await endSession(this.session, [...this.pendingSets.values()]);
      this.pendingSets.clear();
    } catch (error) {
      console.error(error);
      this.show(
        h("h1", { id: "player-title" }, "Routine complete"),
        h("p", { class: "notice", role: "alert" }, "This device could not save your answer. Please try again."),
        painScale({ question: "How is your back pain now?", onAnswer: (value) => this.saveAfter(value) }),
      );
      return;
    }
    setBusy(false);
    // The pain guard: a clear rise in pain eases the next suggestion and says what to do.
    // Without both answers there is nothing to compare, and an earlier suggestion stands.
    const guard = this.safety.pain_guard;
    const { painBefore } = this.session;
    const bothAnswered = painBefore !== null && painAfter !== null;
    const rose = bothAnswered && painAfter - painBefore >= guard.rise;
    // The advice below is shown either way; only the next suggestion depends on this write.
    if (bothAnswered) await setGentlerSuggestion(rose ? { routineId: guard.gentler_routine, sessionId: this.session.id } : null).catch((error) => console.error(error));
    const note = h("textarea", { id: "session-note", rows: "3", maxlength: "1000" });
    const saved = h("p", { class: "saved", role: "status" }, "Saved on this device.");
    this.show(
      h("h1", { id: "player-title" }, "Routine complete"),
      saved,
      rose ? adviceCard(this.safety, guard.advice, { level: "guard", id: "guard-advice" }) : null,
      h(
        "form",
        {
          class: "note-form",
          onsubmit: async (event) => {
            event.preventDefault();
            this.session = { ...this.session, note: note.value.trim() };
            saved.textContent = "Saving…";
            try {
              await saveSession(this.session);
              saved.textContent = "Note saved on this device.";
            } catch (error) {
              console.error(error);
              saved.textContent = "This device could not save your note. Please try again.";
            }
          },
        },
        h("label", { for: "session-note" }, "A note for your history (optional)"),
        note,
        h("button", { type: "submit", class: "button" }, "Save note"),
      ),
      h("div", { class: "actions" }, h("a", { class: "button button-primary", href: "/history" }, "See your history"), h("a", { class: "button", href: "/" }, "Home")),
    );
  }

  showStopReasons() {
    const wasRunning = this.state.status === "running";
    if (wasRunning) this.togglePause();
    const close = () => {
      dialog.close();
      dialog.remove();
    };
    const keepGoing = () => {
      close();
      if (wasRunning) this.togglePause();
      this.ui.pause.focus();
    };
    const choose = (reason) => {
      if (reason.level === "emergency") {
        close();
        this.stop(reason);
      } else {
        this.offerEasier(dialog, reason, close);
      }
    };
    const dialog = h(
      "dialog",
      { class: "stop-panel", "aria-labelledby": "stop-title" },
      h("h2", { id: "stop-title" }, "What is happening?"),
      h("p", {}, "Tap the closest answer."),
      h(
        "div",
        { class: "stop-reasons" },
        this.safety.stop_reasons.map((reason) => h("button", { type: "button", class: "button", onclick: () => choose(reason) }, reason.label)),
      ),
      h("button", { type: "button", class: "button button-primary", onclick: keepGoing }, "Keep going"),
    );
    // Escape means "keep going", never "stop".
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      keepGoing();
    });
    this.root.append(dialog);
    dialog.showModal();
  }

  /** An exercise-level reason: this exercise ends; offer its easier version, going on, or ending. */
  offerEasier(dialog, reason, close) {
    const item = this.currentItem();
    const easier = item?.exercise.variants.find((variant) => variant.kind === "easier");
    const advice = this.safety.advice.stop_exercise;
    const button = (label, onclick, className = "button") => h("button", { type: "button", class: className, onclick }, label);
    dialog.replaceChildren(
      h("h2", { id: "stop-title" }, advice.title),
      ...advice.body.map((paragraph) => h("p", {}, paragraph)),
      easier ? h("p", { class: "easier" }, h("strong", {}, `Easier version: ${easier.name}. `), easier.instructions) : "",
      h(
        "div",
        { class: "stop-reasons" },
        button(item ? `Skip ${exerciseName(item)} and go on` : "Go on", () => {
          close();
          this.skipAfterStop(reason, item);
        }, "button button-primary"),
        button("End the session", () => {
          close();
          this.stop(reason);
        }),
      ),
    );
    dialog.querySelector("h2").setAttribute("tabindex", "-1");
    dialog.querySelector("h2").focus();
  }

  /** Record why the exercise was stopped, skip the rest of it, and carry on with the routine. */
  skipAfterStop(reason, item) {
    const now = Date.now();
    if (item) {
      const stopped = { exerciseId: item.exercise.id, reason: reason.id, at: isoTime(now) };
      this.session = { ...this.session, exerciseStops: [...(this.session.exerciseStops ?? []), stopped] };
      const session = this.session;
      this.writes = this.writes.then(() => saveSession(session)).catch((error) => this.showWriteError(error));
      this.apply(machine.skipExercise(this.state, this.steps, now), now);
    }
    if (this.state.status === "paused") this.togglePause();
  }

  async stop(reason) {
    const now = Date.now();
    this.stopRunning();
    this.cues.silence();
    this.session = { ...this.session, status: "stopped", stopReason: reason.id, endedAt: isoTime(now) };
    const level = reason.level === "emergency" ? "emergency" : "exercise";
    const advice = level === "emergency" ? this.safety.advice.emergency : this.safety.advice.stop_exercise;
    // The advice first, whatever happens to the writes after it.
    this.show(
      h("h1", { id: "player-title" }, "Session stopped"),
      h("p", { class: "saved", role: "status" }, "Saving…"),
      adviceCard(this.safety, advice, { level, id: "stop-advice" }),
      h("div", { class: "actions" }, h("a", { class: "button", href: "/" }, "Home"), h("a", { class: "button", href: "/history" }, "History")),
    );
    if (level === "emergency") {
      // The same signs on the safety check lock the routines: so does this answer.
      await saveScreenRecord({ answers: {}, level: "emergency", answeredAt: now, confirmedSeenAt: null, bannerDismissedAt: null, fromStop: reason.id }).catch((error) =>
        this.showWriteError(error),
      );
    }
    const saved = await this.commitEnd();
    this.root.querySelector(".saved").textContent = saved
      ? `Saved on this device: stopped for “${reason.label.toLowerCase()}”.`
      : "This session could not be saved on this device.";
  }

  async noteWakeLockMissing() {
    const shownBefore = await getSetting("wakeLockNoticeShown", false);
    if (!shownBefore) {
      await setSetting("wakeLockNoticeShown", true);
      this.wakeLockNotice = h("p", { class: "notice" }, "This browser cannot keep your screen on: touch the screen now and then so it does not lock.");
      this.root.querySelector(".player-how")?.before(this.wakeLockNotice);
    }
    // Says the question is settled (shown now, or not again), for a test to wait on.
    this.root.dataset.wakeLockNotice = shownBefore ? "shown-before" : "shown";
  }

  dispose() {
    if (this.state && this.state.status !== "done" && this.session?.status === "in-progress") {
      const now = Date.now();
      // Leaving mid-routine: keep the position so Home and this page offer "Resume".
      this.save([], now);
    }
    this.stopRunning();
    this.cues.close();
  }
}

/** The routines are locked or paused by the safety check: say why, and nothing else. */
function lockedView(routine, gate) {
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

export async function playerView({ params }) {
  const [routine, gate] = await Promise.all([readRoutine(params.routineId), routineGate()]);
  if (!routine) return notFoundView();
  if (gate.status === "due") {
    // Before the first routine, and every 14 days: the safety check, then back here.
    history.replaceState(null, "", `/check?next=${encodeURIComponent(location.pathname)}`);
    return checkView();
  }
  if (gate.status === "emergency" || gate.status === "urgent") return lockedView(routine, gate);
  const [active, cueSettings] = await Promise.all([getActive(), loadCueSettings()]);
  const player = new Player(routine, gate.safety, cueSettings);
  if (active?.routineId === routine.id) player.offerResume(active);
  else player.showBefore(active);
  return { title: `${routine.title}: player`, node: player.root, cleanup: () => player.dispose(), staysOnRefresh: true };
}
