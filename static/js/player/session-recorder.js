/**
 * The session recorder: the one module that builds a logged session and its set records, and
 * owns the session while it is played: every finished set and the player's position go to the
 * store through one write queue, in order, and a set stays pending until a write that carries
 * it commits, so a failed write loses nothing.
 *
 * `SESSION_FIELDS` and `SET_FIELDS` are the shape of the log: sync sends exactly these fields
 * (sync-plan reads them from here), so a new field of a logged set is added here and on the
 * server, and nowhere else on the client. The store is passed in (log-store in the app, a fake
 * in Node's tests).
 */
import { newId } from "../lib/uuid.js";
import { recordFinished } from "./set-recorder.js";
import { exerciseName } from "./step-text.js";

/**
 * Every field of a logged session, with the value a record saved before that field existed
 * stands for. `updatedAt` is stamped by the store at each write.
 */
export const SESSION_FIELDS = Object.freeze({
  id: null,
  routineId: null,
  routineTitle: null,
  startedAt: null,
  endedAt: null,
  painBefore: null,
  painAfter: null,
  note: "",
  status: null,
  stopReason: null,
  exerciseStops: [],
  updatedAt: null,
});

/** Every field of a logged set, as for sessions. On the device a set also has `sessionId`. */
export const SET_FIELDS = Object.freeze({
  id: null,
  order: null,
  exerciseId: null,
  exerciseName: null,
  variantId: null,
  set: null,
  side: null,
  repsPlanned: null,
  repsDone: null,
  holdSecondsPlanned: null,
  heldSeconds: null,
  skipped: null,
  recordedAt: null,
});

/** `record` with exactly the fields of `fields`, older records filled in: what sync sends. */
export function pickFields(record, fields) {
  return Object.fromEntries(Object.entries(fields).map(([field, fallback]) => [field, record[field] ?? fallback]));
}

function isoTime(milliseconds) {
  return new Date(milliseconds).toISOString();
}

/** A new session of `routine`, begun at `now` with the pain answer given before it. */
export function newSession(routine, painBefore, now) {
  const { updatedAt, ...fields } = SESSION_FIELDS;
  return {
    ...fields,
    exerciseStops: [],
    id: newId(),
    routineId: routine.id,
    routineTitle: routine.title,
    startedAt: isoTime(now),
    painBefore,
    status: "in-progress",
  };
}

export class SessionRecorder {
  /**
   * `store` has saveSession, getSession, saveProgress(sets, active), endSession(session, sets)
   * and clearActive, each resolving once written. `onWriteError` hears every failed write.
   */
  constructor({ store, routine, steps, signature, onWriteError }) {
    this.store = store;
    this.routine = routine;
    this.steps = steps;
    this.signature = signature;
    this.onWriteError = onWriteError;
    this.slotOrder = Object.fromEntries(steps.filter((step) => step.lastOfSlot).map((step) => [step.slot, step.index]));
    this.session = null;
    this.slots = {};
    this.setIds = {};
    // Sets not yet committed: written again with every save until one succeeds.
    this.pendingSets = new Map();
    this.writes = Promise.resolve();
  }

  /** Start a new session (ending `otherActive`, a routine left unfinished). Rejects if not saved. */
  async begin(painBefore, otherActive, now) {
    this.session = newSession(this.routine, painBefore, now);
    if (otherActive) await abandonActive(this.store, otherActive, now);
    await this.store.saveSession(this.session);
  }

  /** Carry on with the session of a saved position. */
  async resume(active) {
    this.session = await this.store.getSession(active.sessionId);
    this.slots = active.slots;
    this.setIds = active.setIds;
  }

  get inProgress() {
    return this.session?.status === "in-progress";
  }

  /** Record the steps the machine finished (`finished`) and save the position `state`. */
  record(finished, state, now) {
    const { slots, records } = recordFinished(this.slots, this.steps, finished);
    this.slots = slots;
    return this.save(
      records.map((record) => this.setRecord(record, now)),
      state,
      now,
    );
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

  /** Queue a write of these sets and the position; writes happen one after another, in order. */
  save(setRecords, state, now) {
    for (const record of setRecords) this.pendingSets.set(record.id, record);
    const active = {
      routineId: this.routine.id,
      sessionId: this.session.id,
      signature: this.signature,
      machine: state,
      slots: this.slots,
      setIds: this.setIds,
      savedAt: now,
    };
    this.writes = this.writes
      .then(async () => {
        const batch = [...this.pendingSets.values()];
        await this.store.saveProgress(batch, active);
        for (const record of batch) if (this.pendingSets.get(record.id) === record) this.pendingSets.delete(record.id);
      })
      .catch((error) => this.onWriteError(error));
    return this.writes;
  }

  /** The person stopped this exercise (for `reason`) and went on: kept with the session. */
  stopExercise(item, reason, now) {
    const stopped = { exerciseId: item.exercise.id, reason: reason.id, at: isoTime(now) };
    this.session = { ...this.session, exerciseStops: [...(this.session.exerciseStops ?? []), stopped] };
    const session = this.session;
    this.writes = this.writes.then(() => this.store.saveSession(session)).catch((error) => this.onWriteError(error));
    return this.writes;
  }

  /** Mark the session ended ("completed", or "stopped" for `stopReason`), before it is written. */
  close(status, now, stopReason = null) {
    this.session = { ...this.session, status, endedAt: isoTime(now), ...(stopReason ? { stopReason } : {}) };
  }

  /**
   * Write the session's end, its last unsaved sets and the end of "Resume" in one write, after
   * the writes queued before it. Resolves false (after `onWriteError`) if it fails.
   */
  async commitEnd() {
    try {
      await this.writes;
      await this.writeEnd();
      return true;
    } catch (error) {
      this.onWriteError(error);
      return false;
    }
  }

  /** `close`, then `commitEnd`. */
  end(status, now, stopReason = null) {
    this.close(status, now, stopReason);
    return this.commitEnd();
  }

  /** The pain answer after the end: the whole end again, never "saved" without its sets. Rejects if not written. */
  answerPainAfter(painAfter) {
    this.session = { ...this.session, painAfter };
    return this.writeEnd();
  }

  async writeEnd() {
    await this.store.endSession(this.session, [...this.pendingSets.values()]);
    this.pendingSets.clear();
  }

  /** The optional note of a finished session. Rejects if not written. */
  saveNote(text) {
    this.session = { ...this.session, note: text.trim() };
    return this.store.saveSession(this.session);
  }
}

/** End a routine left unfinished (its session "abandoned"), or forget a position without one. */
export async function abandonActive(store, active, now) {
  const session = await store.getSession(active.sessionId);
  if (session && session.status === "in-progress")
    await store.endSession({ ...session, status: "abandoned", endedAt: isoTime(now) });
  else await store.clearActive();
}
