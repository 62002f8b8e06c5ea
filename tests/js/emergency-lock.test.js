import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { isEmergencyStop, lockFromStop } from "../../static/js/safety/emergency-lock.js";
import { screenStatus } from "../../static/js/safety/screen-rules.js";

const safety = JSON.parse(readFileSync(new URL("../../routines/safety.json", import.meta.url), "utf8"));
const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const DAY = 24 * 3600 * 1000;
const emergencyReasons = safety.stop_reasons.filter((reason) => reason.level === "emergency");
const otherReasons = safety.stop_reasons.filter((reason) => reason.level !== "emergency");

test("the safety data has stop reasons of both kinds", () => {
  assert.ok(emergencyReasons.length > 0);
  assert.ok(otherReasons.length > 0);
});

test("an emergency stop locks the routines as the safety check does, until it is taken again", () => {
  for (const reason of emergencyReasons) {
    assert.equal(isEmergencyStop(reason), true);
    const record = lockFromStop(reason, T0);
    assert.equal(record.fromStop, reason.id);
    assert.equal(screenStatus(safety, record, T0), "emergency");
    assert.equal(screenStatus(safety, record, T0 + (safety.recheck_days - 1) * DAY), "emergency");
    // A clinician's visit confirmed does not open an emergency lock: only a new check does.
    assert.equal(screenStatus(safety, { ...record, confirmedSeenAt: T0 + DAY }, T0 + 2 * DAY), "emergency");
  }
});

test("an exercise-level stop locks nothing", () => {
  for (const reason of otherReasons) {
    assert.equal(isEmergencyStop(reason), false);
    assert.equal(lockFromStop(reason, T0), null);
  }
});
