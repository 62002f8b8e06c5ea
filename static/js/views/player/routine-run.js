/**
 * One run through a routine's steps on the running screen: the state machine's state, the
 * clock that advances it, the cues within each step (its own, "Next: …" ahead of a new
 * exercise, the last seconds counted), pause and the buttons that change the step. The
 * player's controller opens and starts it, and hears from it when the last step ends and when
 * the person asks to stop or to read the warning signs.
 */
import * as machine from "../../player/player-machine.js";
import { REST_KINDS } from "../../player/routine-steps.js";
import { aheadCue, spokenCue } from "../../player/step-text.js";
import { RunningScreen } from "./running-screen.js";

const COUNTDOWN_FROM = 3;
/** The next exercise is named this many seconds before it starts, ahead of the countdown. */
const AHEAD_SECONDS = 6;
/** How long after "I'm ready" a tap on the same button (now Pause) counts as the same tap. */
const READY_TAP_GRACE_MS = 700;

export class RoutineRun {
  /** `host` is told: `done(now)` when the last step ends, `stop()` and `warningSigns()` when those buttons are pressed. */
  constructor({ routine, steps, cues, recorder, root }, host) {
    this.routine = routine;
    this.steps = steps;
    this.cues = cues;
    this.recorder = recorder;
    this.root = root;
    this.host = host;
    this.state = null;
    this.screen = null;
    this.timer = null;
    this.lastCountdown = null;
  }

  /** Build the running screen, before the clock starts; answers its nodes to show, `notice` among them. */
  open(notice) {
    this.screen = new RunningScreen(this.routine, this.steps, {
      pause: () => this.pauseTapped(),
      ready: () => {
        this.readyAt = Date.now();
        this.transition(machine.ready);
      },
      skip: () => this.transition(machine.skipStep),
      back: () => this.transition(machine.back),
      adjust: (seconds) => this.adjust(seconds),
      skipExercise: () => this.transition(machine.skipExercise),
      stop: () => this.host.stop(),
      warningSigns: () => this.host.warningSigns(),
    });
    this.cues.setFlashTarget(this.screen.flashTarget);
    return this.screen.nodes(notice);
  }

  /** Start the clock at `stateAt(now)`, cue its step and draw it. */
  start(stateAt) {
    this.state = stateAt(Date.now());
    this.stepChanged();
    this.screen.render(this.root, this.state, Date.now());
    this.scheduleTick();
  }

  currentStep() {
    return this.steps[this.state.index];
  }

  currentItem() {
    return this.routine.items[this.currentStep().itemIndex];
  }

  /** Cues, the figure and the how-to panel when a new step starts. */
  stepChanged() {
    const step = this.currentStep();
    this.screen.stepStarted(step);
    this.cues.stepStarted(step.kind, spokenCue(step, this.routine), this.state.stepStartedAt);
    this.lastCountdown = null;
    this.aheadSaid = null;
  }

  /** "Next: …" a few seconds before a new exercise, once, where the step is long enough to say it. */
  aheadCueDue() {
    const step = this.currentStep();
    if (this.state.status !== "running" || step.seconds < AHEAD_SECONDS + 2 || this.aheadSaid === step.index) return;
    const remaining = Math.ceil(machine.remainingInStepMs(this.state, this.steps, Date.now()) / 1000);
    const text =
      remaining <= AHEAD_SECONDS && remaining > COUNTDOWN_FROM ? aheadCue(this.steps, step.index, this.routine) : null;
    if (text) {
      this.aheadSaid = step.index;
      this.cues.ahead(text);
    }
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
    // Nothing to count while paused, or while a get-ready waits for "I'm ready".
    if (this.state.status !== "running" || machine.waitsForReady(this.state, this.steps)) return;
    // Wake when the displayed second changes or the step ends; the time itself comes from timestamps.
    const remaining = machine.remainingInStepMs(this.state, this.steps, Date.now());
    const untilNextSecond = ((remaining - 1) % 1000) + 1;
    this.timer = setTimeout(() => this.tick(), Math.max(untilNextSecond, 1) + 1);
  }

  /** The clock stops: the routine is over, or the person left. */
  stopClock() {
    clearTimeout(this.timer);
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
    this.screen.say(`Rest ${seconds > 0 ? "longer" : "shorter"} by ${Math.abs(seconds)} seconds.`);
  }

  /** The Pause button. "I'm ready" turns into it where it is: a second tap of the same finger must not pause. */
  pauseTapped() {
    if (this.state.status === "running" && Date.now() - (this.readyAt ?? -Infinity) < READY_TAP_GRACE_MS) return;
    this.togglePause();
  }

  togglePause() {
    const now = Date.now();
    this.cues.unlock();
    if (this.state.status === "paused") this.apply(machine.resume(this.state, now), now);
    else this.apply(machine.pause(this.state, this.steps, now), now);
    this.screen.say(this.state.status === "paused" ? "Paused." : "Resumed.");
    if (this.state.status === "paused") this.cues.silence();
  }

  /** A change of the machine's state: record the sets it finished, then cue and draw the new state. */
  apply({ state, finished }, now) {
    const before = this.state;
    this.state = state;
    this.recorder.record(finished, state, now);
    if (state.status === "done") {
      this.host.done(now);
      return;
    }
    if (state.index !== before.index) this.stepChanged();
    this.aheadCueDue();
    this.countdownCue();
    this.screen.render(this.root, this.state, Date.now());
    this.scheduleTick();
  }
}
