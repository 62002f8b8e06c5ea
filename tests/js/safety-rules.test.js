import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { canStart, coldEndOf, planSession, sessionAt } from "../../static/js/safety/heat-cold-rules.js";
import { emergencyNumberFor, levelOf, regionOf, screenStatus } from "../../static/js/safety/screen-rules.js";

const safety = JSON.parse(readFileSync(new URL("../../routines/safety.json", import.meta.url), "utf8"));
const rules = safety.heat_cold;
const DAY = 24 * 3600 * 1000;
const MINUTE = 60 * 1000;
const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);

test("any emergency yes outranks everything else", () => {
  assert.equal(levelOf(safety, { "saddle-numbness": true, fever: true }), "emergency");
  assert.equal(levelOf(safety, { fever: true, "no-improvement": true }), "urgent");
  assert.equal(levelOf(safety, { "no-improvement": true }), "banner");
  assert.equal(levelOf(safety, { fever: false }), "clear");
});

test("the screen is due first, and again after 14 days", () => {
  assert.equal(screenStatus(safety, null, T0), "due");
  const clear = { level: "clear", answeredAt: T0 };
  assert.equal(screenStatus(safety, clear, T0 + 14 * DAY), "open");
  assert.equal(screenStatus(safety, clear, T0 + 14 * DAY + 1), "due");
});

test("emergency locks; urgent waits for the person to confirm they were seen", () => {
  assert.equal(screenStatus(safety, { level: "emergency", answeredAt: T0 }, T0 + 1), "emergency");
  assert.equal(screenStatus(safety, { level: "urgent", answeredAt: T0 }, T0 + 1), "urgent");
  assert.equal(screenStatus(safety, { level: "urgent", answeredAt: T0, confirmedSeenAt: T0 + 5 }, T0 + 10), "open");
  assert.equal(screenStatus(safety, { level: "banner", answeredAt: T0 }, T0 + 1), "open");
});

test("the emergency number comes only from an explicit region we ship", () => {
  const numbers = safety.emergency_numbers;
  assert.deepEqual(emergencyNumberFor(["en-GB"], numbers), { region: "GB", number: "999" });
  assert.deepEqual(emergencyNumberFor(["en-US"], numbers), { region: "US", number: "911" });
  assert.deepEqual(emergencyNumberFor(["de-DE", "en"], numbers), { region: "DE", number: "112" });
  assert.deepEqual(emergencyNumberFor(["en-AU"], numbers), { region: "AU", number: "000" });
  assert.deepEqual(emergencyNumberFor(["zh-Hant-TW", "fr-FR"], numbers), { region: "FR", number: "112" });
  assert.equal(emergencyNumberFor(["en"], numbers), null);
  assert.equal(emergencyNumberFor(["pt-BR"], numbers), null);
  assert.equal(regionOf("sr-Latn-RS"), "RS");
});

test("heat and cold sessions are capped at their maximum", () => {
  assert.deepEqual(planSession("heat", 15, rules), [{ kind: "heat", seconds: 900 }]);
  assert.deepEqual(planSession("cold", 45, rules), [{ kind: "cold", seconds: 1200 }]);
  assert.deepEqual(planSession("alternate", 99, rules), [{ kind: "heat", seconds: 1200 }, { kind: "cold", seconds: 1200 }]);
});

test("cold needs 90 minutes after the last cold ended", () => {
  const history = [{ mode: "cold", startedAt: T0, endedAt: T0 + 15 * MINUTE, coldEndedAt: T0 + 15 * MINUTE }];
  const blocked = canStart("cold", history, rules, T0 + 60 * MINUTE);
  assert.equal(blocked.allowed, false);
  assert.equal(blocked.reason, "cold-rest");
  assert.equal(blocked.allowedAt, T0 + 105 * MINUTE);
  assert.equal(canStart("cold", history, rules, T0 + 105 * MINUTE).allowed, true);
  assert.equal(canStart("heat", history, rules, T0 + 16 * MINUTE).allowed, true);
  assert.equal(canStart("alternate", history, rules, T0 + 60 * MINUTE).reason, "cold-rest");
});

test("alternating heat and cold at most 3 times a day", () => {
  const session = (hour) => ({ mode: "alternate", startedAt: T0 + hour * 60 * MINUTE, coldEndedAt: T0 + hour * 60 * MINUTE + 40 * MINUTE });
  const history = [session(0), session(2), session(4)];
  assert.equal(canStart("alternate", history, rules, T0 + 7 * 60 * MINUTE).reason, "daily-limit");
  assert.equal(canStart("alternate", history.slice(0, 2), rules, T0 + 7 * 60 * MINUTE).allowed, true);
  assert.equal(canStart("alternate", history, rules, T0 + DAY + 60 * MINUTE).allowed, true);
});

test("a cold session prompts skin checks at 5 and 10 minutes and ends at its cap", () => {
  const plan = planSession("cold", 20, rules);
  assert.deepEqual(sessionAt(plan, T0, T0 + 4 * MINUTE, rules).skinChecksDue, []);
  assert.deepEqual(sessionAt(plan, T0, T0 + 5 * MINUTE, rules).skinChecksDue, [5]);
  assert.deepEqual(sessionAt(plan, T0, T0 + 12 * MINUTE, rules).skinChecksDue, [5, 10]);
  assert.equal(sessionAt(plan, T0, T0 + 20 * MINUTE - 1, rules).done, false);
  const over = sessionAt(plan, T0, T0 + 20 * MINUTE, rules);
  assert.equal(over.done, true);
  assert.equal(over.endedAt, T0 + 20 * MINUTE);
});

test("alternate runs heat then cold, from timestamps after any gap", () => {
  const plan = planSession("alternate", 0, rules);
  const during = sessionAt(plan, T0, T0 + 25 * MINUTE, rules);
  assert.equal(during.kind, "cold");
  assert.equal(during.remainingMs, 15 * MINUTE);
  assert.deepEqual(during.skinChecksDue, [5]);
  assert.equal(coldEndOf(plan, T0, T0 + 40 * MINUTE), T0 + 40 * MINUTE);
  assert.equal(coldEndOf(plan, T0, T0 + 30 * MINUTE), T0 + 30 * MINUTE);
  assert.equal(coldEndOf(plan, T0, T0 + 10 * MINUTE), null);
});
