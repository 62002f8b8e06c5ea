import assert from "node:assert/strict";
import { test } from "node:test";

import { advance, skipExercise, startPlayer } from "../../static/js/player/player-machine.js";
import { expandRoutine } from "../../static/js/player/routine-steps.js";
import { abandonActive, SESSION_FIELDS, SessionRecorder, SET_FIELDS } from "../../static/js/player/session-recorder.js";
import { fakeStore } from "./fake-log-store.js";
import { twoItemRoutine } from "./routine-fixtures.js";

const T0 = 1_700_000_000_000;

function recorderWith(store, errors = []) {
  const routine = twoItemRoutine();
  const steps = expandRoutine(routine);
  const recorder = new SessionRecorder({
    store,
    routine,
    steps,
    signature: "sig",
    onWriteError: (error) => errors.push(error),
  });
  return { recorder, routine, steps };
}

/** A session begun at T0 whose first set (two 5 s holds) has been recorded. */
async function afterFirstSet() {
  const store = fakeStore();
  const { recorder, steps } = recorderWith(store);
  await recorder.begin(null, null, T0);
  const { state, finished } = advance(startPlayer(T0), steps, T0 + 18_000);
  await recorder.record(finished, state, T0 + 18_000);
  return { store, recorder, state, finished };
}

test("a new session has every field of the log's shape and is saved before the routine starts", async () => {
  const store = fakeStore();
  const { recorder } = recorderWith(store);
  await recorder.begin(4, null, T0);
  const saved = store.sessions.get(recorder.session.id);
  assert.deepEqual(Object.keys(saved).sort(), Object.keys(SESSION_FIELDS).sort());
  assert.equal(saved.status, "in-progress");
  assert.equal(saved.painBefore, 4);
  assert.equal(saved.startedAt, new Date(T0).toISOString());
  assert.match(saved.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test("a finished set is saved with the position, with the log's set fields and its session", async () => {
  const { store, recorder, state } = await afterFirstSet();
  const [record] = store.sets.values();
  assert.deepEqual(Object.keys(record).sort(), [...Object.keys(SET_FIELDS), "sessionId"].sort());
  assert.equal(record.sessionId, recorder.session.id);
  assert.equal(record.exerciseId, "bridge");
  assert.deepEqual(record.heldSeconds, [5, 5]);
  assert.equal(store.active.machine, state);
  assert.equal(store.active.signature, "sig");
});

test("a set whose write failed is written again with the next save, and the failure is heard", async () => {
  const store = fakeStore();
  const errors = [];
  const { recorder, steps } = recorderWith(store, errors);
  await recorder.begin(null, null, T0);
  const first = advance(startPlayer(T0), steps, T0 + 18_000);
  store.failing = true;
  await recorder.record(first.finished, first.state, T0 + 18_000);
  assert.equal(errors.length, 1);
  assert.equal(store.sets.size, 0);
  store.failing = false;
  await recorder.save([], first.state, T0 + 19_000);
  assert.equal(store.sets.size, 1);
});

test("the end carries the sets no earlier write could save, and says whether it was written", async () => {
  const store = fakeStore();
  const { recorder, steps } = recorderWith(store, []);
  await recorder.begin(3, null, T0);
  const { state, finished } = advance(startPlayer(T0), steps, T0 + 18_000);
  store.failing = true;
  recorder.record(finished, state, T0 + 18_000);
  assert.equal(await recorder.end("completed", T0 + 60_000), false);
  store.failing = false;
  await recorder.answerPainAfter(6);
  const saved = store.sessions.get(recorder.session.id);
  assert.deepEqual(
    [saved.status, saved.painAfter, saved.endedAt],
    ["completed", 6, new Date(T0 + 60_000).toISOString()],
  );
  assert.equal(store.sets.size, 1);
  assert.equal(store.active, null);
});

test("writes reach the store in the order they were asked for", async () => {
  const store = fakeStore();
  const { recorder, routine, steps } = recorderWith(store);
  await recorder.begin(null, null, T0);
  store.calls.length = 0;
  recorder.save([], startPlayer(T0), T0);
  recorder.stopExercise(routine.items[0], { id: "sharp-pain" }, T0 + 1000);
  const skipped = skipExercise(startPlayer(T0), steps, T0 + 1000);
  recorder.record(skipped.finished, skipped.state, T0 + 1000);
  recorder.close("stopped", T0 + 2000, "sharp-pain");
  assert.equal(await recorder.commitEnd(), true);
  assert.deepEqual(store.calls, ["saveProgress", "saveSession", "saveProgress", "endSession"]);
  const saved = store.sessions.get(recorder.session.id);
  assert.deepEqual(saved.exerciseStops, [
    { exerciseId: "bridge", reason: "sharp-pain", at: new Date(T0 + 1000).toISOString() },
  ]);
  assert.equal(saved.stopReason, "sharp-pain");
  assert.equal(recorder.inProgress, false);
});

test("a resumed session goes on with the saved sets' ids, so a set done again replaces itself", async () => {
  const { store, recorder, state, finished } = await afterFirstSet();
  const again = recorderWith(store).recorder;
  await again.resume(store.active);
  assert.equal(again.session.id, recorder.session.id);
  await again.record(finished, state, T0 + 20_000);
  assert.equal(store.sets.size, 1);
});

test("the note is trimmed and saved with the session", async () => {
  const store = fakeStore();
  const { recorder } = recorderWith(store);
  await recorder.begin(null, null, T0);
  await recorder.saveNote("  better after the bridge \n");
  assert.equal(store.sessions.get(recorder.session.id).note, "better after the bridge");
});

test("a routine left unfinished is ended as abandoned; a position without a live session is forgotten", async () => {
  const store = fakeStore();
  const { recorder } = recorderWith(store);
  await recorder.begin(null, null, T0);
  await recorder.save([], startPlayer(T0), T0);
  await abandonActive(store, store.active, T0 + 5000);
  const saved = store.sessions.get(recorder.session.id);
  assert.deepEqual([saved.status, saved.endedAt, store.active], ["abandoned", new Date(T0 + 5000).toISOString(), null]);
  store.calls.length = 0;
  await abandonActive(store, { sessionId: "gone" }, T0);
  assert.deepEqual(store.calls, ["clearActive"]);
});
