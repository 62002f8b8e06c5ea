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

test("the emergency number follows the time zone, not the language", () => {
  const { emergency_services: numbers, time_zones: zones } = safety;
  assert.deepEqual(emergencyNumberFor("Europe/London", ["en-US"], numbers, zones), { region: "GB", country: "the United Kingdom", number: "999" });
  assert.deepEqual(emergencyNumberFor("America/Chicago", ["en-GB"], numbers, zones), { region: "US", country: "the United States", number: "911" });
  assert.deepEqual(emergencyNumberFor("Europe/Oslo", ["en-US", "en"], numbers, zones), { region: "NO", country: "Norway", number: "113" });
  assert.deepEqual(emergencyNumberFor("Australia/Perth", ["de-DE"], numbers, zones), { region: "AU", country: "Australia", number: "000" });
  assert.deepEqual(emergencyNumberFor("Europe/Berlin", [], numbers, zones), { region: "DE", country: "Germany", number: "112" });
});

test("without a time zone we know, no number is offered, whatever the language says", () => {
  const { emergency_services: numbers, time_zones: zones } = safety;
  for (const zone of ["UTC", "Etc/GMT", "America/Sao_Paulo", "", null, undefined, "toString", "__proto__"]) {
    assert.equal(emergencyNumberFor(zone, ["en-GB", "en-US"], numbers, zones), null, String(zone));
  }
});

test("where a time zone is shared, the language breaks the tie, and only among its countries", () => {
  const numbers = { CH: { country: "Switzerland", number: "144" }, LI: { country: "Liechtenstein", number: "144" }, DE: { country: "Germany", number: "112" } };
  const zones = { "Europe/Zurich": ["CH", "LI"] };
  assert.equal(emergencyNumberFor("Europe/Zurich", ["de-LI"], numbers, zones).region, "LI");
  assert.equal(emergencyNumberFor("Europe/Zurich", ["fr-FR", "de-CH"], numbers, zones).region, "CH");
  // A German phone in a Swiss time zone is in Switzerland, not Germany.
  assert.equal(emergencyNumberFor("Europe/Zurich", ["de-DE"], numbers, zones).region, "CH");
  assert.equal(regionOf("sr-Latn-RS"), "RS");
  assert.equal(regionOf("en"), null);
});

test("every shipped number is the one that country's own service gives for an ambulance", () => {
  // Checked one by one: 112 reaches an ambulance across the EU, but these countries' own
  // ambulance numbers are different (in Norway 112 is the police).
  const ambulance = { AT: "144", AU: "000", CA: "911", CH: "144", CZ: "155", FR: "15", GB: "999", GR: "166", HR: "194", HU: "104", IT: "118", LI: "144", LV: "113", NO: "113", NZ: "111", PL: "999", SK: "155", US: "911" };
  for (const [region, { number }] of Object.entries(safety.emergency_services)) {
    assert.equal(number, ambulance[region] ?? "112", region);
  }
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

test("a heat session prompts its own skin checks too", () => {
  const plan = planSession("heat", 15, rules);
  assert.deepEqual(rules.heat.skin_check_minutes, [5, 10]);
  assert.deepEqual(sessionAt(plan, T0, T0 + 4 * MINUTE, rules).skinChecksDue, []);
  assert.deepEqual(sessionAt(plan, T0, T0 + 5 * MINUTE, rules).skinChecksDue, [5]);
  assert.deepEqual(sessionAt(plan, T0, T0 + 11 * MINUTE, rules).skinChecksDue, [5, 10]);
});

test("alternate runs heat then cold, from timestamps after any gap", () => {
  const plan = planSession("alternate", 0, rules);
  const during = sessionAt(plan, T0, T0 + 25 * MINUTE, rules);
  assert.equal(during.kind, "cold");
  assert.equal(during.remainingMs, 15 * MINUTE);
  assert.deepEqual(during.skinChecksDue, [5]);
  assert.deepEqual(sessionAt(plan, T0, T0 + 12 * MINUTE, rules).skinChecksDue, [5, 10]);
  assert.equal(coldEndOf(plan, T0, T0 + 40 * MINUTE), T0 + 40 * MINUTE);
  assert.equal(coldEndOf(plan, T0, T0 + 30 * MINUTE), T0 + 30 * MINUTE);
  assert.equal(coldEndOf(plan, T0, T0 + 10 * MINUTE), null);
});
