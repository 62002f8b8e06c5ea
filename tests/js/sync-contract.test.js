/**
 * Client and server cannot drift: what the client sends to `POST /api/v1/sync` (sessions made
 * by the real session recorder, turned into a body by the real sync protocol) must validate against
 * the request schema of the OpenAPI document the server serves, found from the path and with
 * every `$ref` resolved inside the whole document, whatever the server names its components.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { before, test } from "node:test";

import Ajv2020 from "ajv/dist/2020.js";

import { advance, skipExercise, startPlayer } from "../../static/js/player/player-machine.js";
import { expandRoutine } from "../../static/js/player/routine-steps.js";
import { SESSION_FIELDS, SessionRecorder, SET_FIELDS } from "../../static/js/player/session-recorder.js";
import { WEEKLY_CHECKS } from "../../static/js/function-check/function-check-sync.js";
import { checkRecord, readForm } from "../../static/js/function-check/function-check-plan.js";
import { SESSIONS } from "../../static/js/log/session-sync.js";
import { toBatches } from "../../static/js/sync/sync-plan.js";
import { requestBody } from "../../static/js/sync/synced-kind.js";
import { newId } from "../../static/js/lib/uuid.js";
import { fakeStore } from "./fake-log-store.js";
import { twoItemRoutine } from "./routine-fixtures.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PYTHON = process.env.UNKNOT_PYTHON ?? `${ROOT}.venv/bin/python`;
const SERVE_DOCUMENT = `
import json
from pwa import create_app
app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
print(json.dumps(app.test_client().get("/api/v1/openapi.json").json))
`;
const DOCUMENT_ID = "urn:unknot:served-openapi";
const T0 = Date.UTC(2026, 10, 21, 8, 0, 0);

let document;
let validateBody;

/** The document as the server serves it (the project's own Python, in-process test client). */
function servedDocument() {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: run make test once (or set UNKNOT_PYTHON)`);
  const output = execFileSync(PYTHON, ["-c", SERVE_DOCUMENT], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split("\n").at(-1));
}

function pointer(...tokens) {
  return `#${tokens.map((token) => `/${String(token).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("")}`;
}

/** Follow `$ref`s (inside the document) until a schema with no `$ref` of its own. */
function resolve(schema) {
  let node = schema;
  for (let hops = 0; node?.$ref; hops += 1) {
    assert.ok(hops < 20 && node.$ref.startsWith("#/"), `unresolvable $ref ${node.$ref}`);
    node = node.$ref
      .slice(2)
      .split("/")
      .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((parent, token) => parent?.[token], document);
  }
  return node;
}

before(() => {
  document = servedDocument();
  const requestBody = resolve(document.paths["/sync"].post.requestBody);
  assert.ok(requestBody.content["application/json"].schema, "POST /sync has no JSON request schema");
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // The whole document as one schema resource, so `#/components/...` resolves as the server means it.
  ajv.addSchema(document, DOCUMENT_ID);
  validateBody = ajv.compile({
    $ref: DOCUMENT_ID + pointer("paths", "/sync", "post", "requestBody", "content", "application/json", "schema"),
  });
});

const sessionsBody = (batch) => requestBody(SESSIONS, batch);

function errorsOf(body) {
  return validateBody(body) ? [] : validateBody.errors.map((error) => `${error.instancePath} ${error.message}`);
}

/** Sessions as the player logs them: a completed one, one stopped with a reason, one abandoned. */
async function loggedSessions() {
  const store = fakeStore();
  const routine = twoItemRoutine();
  const steps = expandRoutine(routine);
  const recorder = () =>
    new SessionRecorder({ store, routine, steps, signature: "contract", onWriteError: (error) => assert.fail(error) });

  const completed = recorder();
  await completed.begin(4, null, T0);
  let state = startPlayer(T0);
  let now = T0;
  while (state.status !== "done") {
    now += 1000;
    const step = advance(state, steps, now);
    completed.record(step.finished, step.state, now);
    state = step.state;
  }
  assert.equal(await completed.end("completed", now), true);
  await completed.answerPainAfter(7);
  await completed.saveNote("Easier than yesterday.");

  const stopped = recorder();
  await stopped.begin(null, null, T0 + 3_600_000);
  const skipped = skipExercise(startPlayer(T0 + 3_600_000), steps, T0 + 3_601_000);
  stopped.stopExercise(routine.items[0], { id: "sharp-pain" }, T0 + 3_601_000);
  stopped.record(skipped.finished, skipped.state, T0 + 3_601_000);
  assert.equal(await stopped.end("stopped", T0 + 3_602_000, "leg-symptoms"), true);

  const left = recorder();
  await left.begin(2, null, T0 + 7_200_000);
  await left.save([], startPlayer(T0 + 7_200_000), T0 + 7_200_000);
  await recorder().begin(0, store.active, T0 + 7_300_000);

  const setsOf = (session) => [...store.sets.values()].filter((record) => record.sessionId === session.id);
  return [...store.sessions.values()]
    .filter(SESSIONS.ready)
    .map((session) => SESSIONS.toPayload({ ...session, sets: setsOf(session) }));
}

test("what the client sends validates against the served request schema", async () => {
  const payloads = await loggedSessions();
  assert.deepEqual(payloads.map((payload) => payload.status).sort(), ["abandoned", "completed", "stopped"]);
  assert.ok(payloads.find((payload) => payload.status === "completed").sets.length > 1);
  for (const batch of toBatches(payloads, SESSIONS.batchSize, SESSIONS.batchBytes))
    assert.deepEqual(errorsOf(requestBody(SESSIONS, batch)), []);
});

test("a session and a set carry exactly the fields the server's schema names", () => {
  const body = resolve(document.paths["/sync"].post.requestBody.content["application/json"].schema);
  const session = resolve(resolve(body.properties.sessions).items);
  const set = resolve(resolve(session.properties.sets).items);
  assert.deepEqual(Object.keys(session.properties).sort(), [...Object.keys(SESSION_FIELDS), "sets"].sort());
  assert.deepEqual(Object.keys(set.properties).sort(), Object.keys(SET_FIELDS).sort());
});

test("a body with a bad field fails validation", async () => {
  const [payload] = await loggedSessions();
  const withSet = (change) =>
    sessionsBody([{ ...payload, sets: [{ ...payload.sets[0], ...change }, ...payload.sets.slice(1)] }]);
  assert.notDeepEqual(errorsOf(withSet({ slot: "0:1:both" })), [], "a local-only key sent with a set");
  assert.notDeepEqual(errorsOf(withSet({ repsDone: "2" })), [], "a count as a string");
  assert.notDeepEqual(errorsOf(sessionsBody([{ ...payload, painAfter: 11 }])), [], "pain above 10");
  const { updatedAt, ...withoutStamp } = payload;
  assert.notDeepEqual(errorsOf(sessionsBody([withoutStamp])), [], "no updatedAt");
  assert.notDeepEqual(
    errorsOf(sessionsBody([{ ...payload, id: payload.id.toUpperCase() }])),
    [],
    "an id in upper case",
  );
});

test("a weekly check as the form saves it validates against the served schema of POST /function-checks", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(document, DOCUMENT_ID);
  const validate = ajv.compile({
    $ref:
      DOCUMENT_ID +
      pointer("paths", "/function-checks", "post", "requestBody", "content", "application/json", "schema"),
  });
  const { activities } = readForm([
    { name: " Putting on socks ", score: 4 },
    { name: "", score: null },
    { name: "Stairs", score: 10 },
  ]);
  const first = checkRecord(activities, null, new Date(T0).toISOString(), newId);
  const edited = checkRecord([{ name: "Stairs", score: 9 }], first, new Date(T0 + 60_000).toISOString(), newId);
  const body = requestBody(WEEKLY_CHECKS, [first, edited].map(WEEKLY_CHECKS.toPayload));
  assert.equal(validate(body), true, JSON.stringify(validate.errors));
  assert.equal(edited.id, first.id);
  assert.equal(
    validate(
      requestBody(WEEKLY_CHECKS, [{ ...WEEKLY_CHECKS.toPayload(first), activities: [{ name: "Socks", score: 11 }] }]),
    ),
    false,
    "a score above 10",
  );
  assert.equal(
    validate(requestBody(WEEKLY_CHECKS, [{ ...WEEKLY_CHECKS.toPayload(first), activities: [] }])),
    false,
    "no activity",
  );
});
