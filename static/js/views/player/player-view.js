/**
 * The guided player's controller: pain before, every step with its countdown or rep count and
 * cues, pain after and a note. The state machine keeps time; a run (views/player/routine-run.js)
 * runs its clock through the steps, and this controller wires it to the screens before and
 * after (views/player/), the session recorder (which saves every finished set with the
 * player's position, so a reload, a crash or an app update can offer "Resume") and the safety
 * rules (the pain guard and the emergency lock).
 */
import { readRoutine } from "../../catalog/catalog-store.js";
import { createCues, loadCueSettings } from "../../player/cues.js";
import { h } from "../../lib/dom.js";
import * as logStore from "../../log/log-store.js";
import { routineGate, saveScreenRecord, setGentlerSuggestion } from "../../safety/safety-store.js";
import * as machine from "../../player/player-machine.js";
import { expandRoutine } from "../../player/routine-steps.js";
import { fitsSteps, pausedAtSave, stepsSignature } from "../../player/saved-position.js";
import { abandonActive, SessionRecorder } from "../../player/session-recorder.js";
import { exerciseName, setLine, spokenCue } from "../../player/step-text.js";
import { lockFromStop } from "../../safety/emergency-lock.js";
import { highPainAdvice, painGuardOutcome } from "../../safety/pain-guard.js";
import { getSetting, SETTING_KEYS, setSetting } from "../../lib/settings.js";
import { setBusy } from "../../lib/sw-bridge.js";
import { readAnyRoutine } from "../../own-routines/own-routine-resolve.js";
import { createWakeLock } from "../../lib/wake-lock.js";
import { checkView } from "../safety/check-view.js";
import { notFoundView } from "../common/not-found-view.js";
import { afterScreen, completeScreen, painRetryScreen, stoppedScreen } from "./finish-screen.js";
import { lockedView } from "./locked-screen.js";
import { RoutineRun } from "./routine-run.js";
import { beforeScreen, highPainScreen, resumeScreen } from "./start-screen.js";
import { openStopDialog } from "./stop-dialog.js";
import { openWarningSigns } from "./warning-signs-dialog.js";

class Player {
  constructor(routine, safety, cueSettings) {
    this.routine = routine;
    this.safety = safety;
    this.steps = expandRoutine(routine);
    this.recorder = new SessionRecorder({
      store: logStore,
      routine,
      steps: this.steps,
      signature: stepsSignature(this.steps),
      onWriteError: (error) => this.showWriteError(error),
    });
    this.cues = createCues(cueSettings);
    this.wakeLock = createWakeLock({
      onUnsupported: () => this.noteWakeLockMissing(),
      onChange: (held) => {
        this.root.dataset.wakeLock = held ? "held" : "released";
      },
    });
    this.root = h("section", { class: "player", "aria-labelledby": "player-title" });
    this.run = new RoutineRun(
      { routine, steps: this.steps, cues: this.cues, recorder: this.recorder, root: this.root },
      {
        done: (now) => this.finish(now),
        stop: () => this.showStopReasons(),
        warningSigns: () => this.showWarningSigns(),
      },
    );
  }

  show(...children) {
    this.root.replaceChildren(...children.flat().filter(Boolean));
    const heading = this.root.querySelector("h1, h2");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  }

  // ---- before the routine -------------------------------------------------------------

  showBefore(otherActive, note = null) {
    this.show(beforeScreen(this.routine, { otherActive, note, onPain: (value) => this.begin(value, otherActive) }));
  }

  async begin(painBefore, otherActive) {
    const high = highPainAdvice(this.safety.pain_guard, painBefore);
    if (high && !this.askedToStartGently) {
      // High pain: say to start gently, and offer the gentlest routine, before anything starts.
      this.askedToStartGently = true;
      const gentlerId = this.safety.pain_guard.gentler_routine;
      const gentler = gentlerId === this.routine.id ? null : await readRoutine(gentlerId).catch(() => null);
      this.show(
        highPainScreen(this.routine, this.safety, high, gentler, {
          onStart: () => this.begin(painBefore, otherActive),
        }),
      );
      return;
    }
    this.cues.unlock();
    try {
      await this.recorder.begin(painBefore, otherActive, Date.now());
    } catch (error) {
      console.error(error);
      this.showBefore(
        otherActive,
        "This device could not start a session: its storage did not answer. Please try again.",
      );
      return;
    }
    this.startRunning((startedAt) => machine.startPlayer(startedAt));
    this.recorder.save([], this.run.state, this.run.state.stepStartedAt);
  }

  offerResume(active) {
    if (!fitsSteps(active, this.steps, this.recorder.signature)) {
      // The routine changed since this session began: its saved position means nothing now.
      abandonActive(logStore, active, Date.now()).then(
        () =>
          this.showBefore(
            null,
            "This routine was updated since you started it. What you did is saved in your history.",
          ),
        (error) => this.showWriteError(error),
      );
      return;
    }
    const step = this.steps[pausedAtSave(active).index];
    const item = this.routine.items[step.itemIndex];
    const where = item
      ? [exerciseName(item), setLine(step, item)].filter(Boolean).join(", ")
      : this.routine.warm_up?.instruction;
    this.show(
      resumeScreen(this.routine, where, {
        onResume: () => this.resumeSaved(active),
        onStartOver: async () => {
          try {
            await abandonActive(logStore, active, Date.now());
            this.showBefore(null);
          } catch (error) {
            this.showWriteError(error);
          }
        },
      }),
    );
  }

  async resumeSaved(active) {
    this.cues.unlock();
    await this.recorder.resume(active);
    this.startRunning((now) => machine.resume(pausedAtSave(active), now).state);
  }

  // ---- the routine and its clock ------------------------------------------------------

  /** Build the screen first, then start the clock and cue in the same moment. */
  startRunning(stateAt) {
    // The person may have left while the session was being written: nothing starts behind them.
    if (this.disposed) return;
    setBusy(true);
    this.show(this.run.open(this.wakeLockNotice ?? null));
    // While a routine runs the player is the whole screen: the app's header steps aside.
    document.documentElement.dataset.playing = "";
    this.run.start(stateAt);
    this.wakeLock.hold();
  }

  showWriteError(error) {
    console.error(error);
    if (this.root.querySelector(".write-error")) return;
    const notice = h(
      "p",
      { class: "notice write-error", role: "alert" },
      "This device could not save your progress. Keep this screen open; it is tried again at every step.",
    );
    const { screen } = this.run;
    if (screen && this.root.contains(screen.ui.notices)) screen.addNotice(notice);
    else this.root.prepend(notice);
  }

  // ---- the end ------------------------------------------------------------------------

  stopRunning() {
    this.run.stopClock();
    delete document.documentElement.dataset.playing;
    // The screens after the routine are laid out as pages again.
    delete this.root.dataset.step;
    delete this.root.dataset.status;
    delete this.root.dataset.waiting;
    this.wakeLock.release();
    setBusy(false);
  }

  async finish(now) {
    this.stopRunning();
    // No update prompt until the pain answer is in: a reload then would lose it.
    setBusy(true);
    this.cues.stepStarted("done", spokenCue({ kind: "done" }, this.routine), this.run.state.stepStartedAt);
    const saved = await this.recorder.end("completed", now);
    this.show(completeScreen(this.routine, saved, (value) => this.saveAfter(value)));
  }

  async saveAfter(painAfter) {
    try {
      await this.recorder.answerPainAfter(painAfter);
    } catch (error) {
      console.error(error);
      this.show(painRetryScreen((value) => this.saveAfter(value)));
      return;
    }
    setBusy(false);
    const guard = painGuardOutcome(this.safety.pain_guard, this.recorder.session);
    // The advice is shown either way; only the next suggestion depends on this write.
    if (guard.compared) await setGentlerSuggestion(guard.suggestion).catch((error) => console.error(error));
    this.show(afterScreen(this.safety, guard.advice, (text) => this.recorder.saveNote(text)));
  }

  showStopReasons() {
    const { run } = this;
    const wasRunning = run.state.status === "running";
    if (wasRunning) run.togglePause();
    openStopDialog(this.root, this.safety, run.currentItem(), {
      keepGoing: () => {
        if (wasRunning) run.togglePause();
        run.screen.focusPause();
      },
      endSession: (reason) => this.stop(reason),
      skipExercise: (reason, item) => this.skipAfterStop(reason, item),
    });
  }

  /** The warning signs over the player, the routine paused while they are read. */
  showWarningSigns() {
    const { run } = this;
    const wasRunning = run.state.status === "running";
    if (wasRunning) run.togglePause();
    openWarningSigns(this.root, this.safety, () => {
      if (wasRunning) run.togglePause();
      run.screen.focusPause();
    });
  }

  /** Record why the exercise was stopped, skip the rest of it, and carry on with the routine. */
  skipAfterStop(reason, item) {
    const { run } = this;
    const now = Date.now();
    if (item) {
      this.recorder.stopExercise(item, reason, now);
      run.apply(machine.skipExercise(run.state, this.steps, now), now);
    }
    if (run.state.status === "paused") run.togglePause();
  }

  async stop(reason) {
    const now = Date.now();
    this.stopRunning();
    this.cues.silence();
    this.recorder.close("stopped", now, reason.id);
    const lock = lockFromStop(reason, now);
    // The advice first, whatever happens to the writes after it.
    const screen = stoppedScreen(this.safety, reason, lock ? "emergency" : "exercise");
    this.show(screen.nodes);
    // The same signs on the safety check lock the routines: so does this answer.
    if (lock) await saveScreenRecord(lock).catch((error) => this.showWriteError(error));
    screen.savedAs(await this.recorder.commitEnd());
  }

  async noteWakeLockMissing() {
    const shownBefore = await getSetting(SETTING_KEYS.wakeLockNoticeShown, false);
    if (!shownBefore) {
      await setSetting(SETTING_KEYS.wakeLockNoticeShown, true);
      this.wakeLockNotice = h(
        "p",
        { class: "notice" },
        "This browser cannot keep your screen on: touch the screen now and then so it does not lock.",
      );
      this.run.screen?.addNotice(this.wakeLockNotice);
    }
    // Says the question is settled (shown now, or not again), for a test to wait on.
    this.root.dataset.wakeLockNotice = shownBefore ? "shown-before" : "shown";
  }

  dispose() {
    this.disposed = true;
    const { state } = this.run;
    if (state && state.status !== "done" && this.recorder.inProgress) {
      // Leaving mid-routine: keep the position so Home and this page offer "Resume".
      this.recorder.save([], state, Date.now());
    }
    this.stopRunning();
    this.cues.close();
  }
}

export async function playerView({ params }) {
  const [routine, gate] = await Promise.all([readAnyRoutine(params.routineId), routineGate()]);
  if (!routine) return notFoundView();
  if (gate.status === "due") {
    // Before the first routine, and every 14 days: the safety check, then back here.
    history.replaceState(null, "", `/check?next=${encodeURIComponent(location.pathname)}`);
    return checkView();
  }
  if (gate.status === "emergency" || gate.status === "urgent") return lockedView(routine, gate);
  const [active, cueSettings] = await Promise.all([logStore.getActive(), loadCueSettings()]);
  const player = new Player(routine, gate.safety, cueSettings);
  if (active?.routineId === routine.id) player.offerResume(active);
  else player.showBefore(active);
  return {
    title: `${routine.title}: player`,
    node: player.root,
    cleanup: () => player.dispose(),
    staysOnRefresh: true,
  };
}
