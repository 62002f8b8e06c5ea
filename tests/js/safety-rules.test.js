import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { canStart, coldEndOf, planSession, sessionAt } from "../../static/js/safety/heat-cold-rules.js";
import {
  bannerAdvice,
  emergencyNumberFor,
  levelOf,
  regionOf,
  screenStatus,
} from "../../static/js/safety/screen-rules.js";

const safety = JSON.parse(readFileSync(new URL("../../routines/safety.json", import.meta.url), "utf8"));
const sources = JSON.parse(readFileSync(new URL("../../routines/sources.json", import.meta.url), "utf8")).sources;
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
  const only = (region, country, number) => ({ region, country, number, note: null, alsoFromMobile: null });
  assert.deepEqual(
    emergencyNumberFor("Europe/London", ["en-US"], numbers, zones),
    only("GB", "the United Kingdom", "999"),
  );
  assert.deepEqual(
    emergencyNumberFor("America/Chicago", ["en-GB"], numbers, zones),
    only("US", "the United States", "911"),
  );
  assert.deepEqual(emergencyNumberFor("Europe/Oslo", ["en-US", "en"], numbers, zones), {
    ...only("NO", "Norway", "113"),
    alsoFromMobile: "112",
  });
  assert.deepEqual(emergencyNumberFor("Australia/Perth", ["de-DE"], numbers, zones), only("AU", "Australia", "000"));
  assert.deepEqual(emergencyNumberFor("Europe/Berlin", [], numbers, zones), only("DE", "Germany", "112"));
});

test("without a time zone we know, no number is offered, whatever the language says", () => {
  const { emergency_services: numbers, time_zones: zones } = safety;
  for (const zone of ["UTC", "Etc/GMT", "America/Sao_Paulo", "", null, undefined, "toString", "__proto__"]) {
    assert.equal(emergencyNumberFor(zone, ["en-GB", "en-US"], numbers, zones), null, String(zone));
  }
});

test("where a time zone is shared, the language breaks the tie, and only among its countries", () => {
  const numbers = {
    CH: { country: "Switzerland", number: "144" },
    LI: { country: "Liechtenstein", number: "144" },
    DE: { country: "Germany", number: "112" },
  };
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
  const ambulance = {
    AT: "144",
    AU: "000",
    CA: "911",
    CH: "144",
    CZ: "155",
    FR: "15",
    GB: "999",
    GR: "166",
    HR: "194",
    HU: "104",
    IN: "108",
    IT: "118",
    LI: "144",
    LV: "113",
    NO: "113",
    NZ: "111",
    PL: "999",
    SK: "155",
    US: "911",
  };
  for (const [region, { number }] of Object.entries(safety.emergency_services)) {
    assert.equal(number, ambulance[region] ?? "112", region);
  }
});

test("India is offered 108 for an ambulance in most states, and 112 from a mobile", () => {
  // The clinical review (M3): 112 is not yet an ambulance number in every state; 108 is in most.
  const { emergency_services: numbers, time_zones: zones } = safety;
  assert.deepEqual(emergencyNumberFor("Asia/Kolkata", ["hi-IN"], numbers, zones), {
    region: "IN",
    country: "India",
    number: "108",
    note: "in most states",
    alsoFromMobile: "112",
  });
});

test("where a country has its own ambulance number, 112 is offered too; never one number for everyone", () => {
  const ownNumber = ["AT", "CH", "CZ", "FR", "GR", "HR", "HU", "IN", "IT", "LI", "LV", "NO", "PL", "SK"];
  for (const [region, service] of Object.entries(safety.emergency_services)) {
    assert.equal(service.also_from_mobile ?? null, ownNumber.includes(region) ? "112" : null, region);
  }
});

test("every emergency number names the page it comes from, or says it is still to be checked", () => {
  const known = new Set(sources.map((source) => source.id));
  for (const [region, service] of Object.entries(safety.emergency_services)) {
    assert.ok(service.source || service.to_verify === true, region);
    if (service.source) assert.ok(known.has(service.source), `${region}: ${service.source}`);
  }
  // The review checked these against no page: the data must not pretend otherwise.
  for (const region of ["AU", "CA", "CH", "US", "IE", "IN"])
    assert.equal(safety.emergency_services[region].to_verify, true, region);
});

test("the banner says what each answer given means, and only those", () => {
  const firstOver50 = bannerAdvice(safety, { "first-episode-age": true, pregnancy: false }).body.join(" ");
  assert.match(firstOver50, /book a routine appointment in the next week or two/);
  assert.match(firstOver50, /first time over 50/);
  assert.doesNotMatch(firstOver50, /osteoporosis|pregnan|midwife/i);
  const pregnant = bannerAdvice(safety, { pregnancy: true }).body.join(" ");
  assert.match(pregnant, /comes and goes in waves/);
  assert.match(pregnant, /bleeding, leaking fluid, a high temperature or pain when you pee/);
  assert.match(pregnant, /call your maternity unit or midwife now/);
  assert.equal(bannerAdvice(safety, { pregnancy: true }).title, safety.advice.banner.title);
});

test("heat and cold sessions are capped at their maximum", () => {
  assert.deepEqual(planSession("heat", 15, rules), [{ kind: "heat", seconds: 900 }]);
  assert.deepEqual(planSession("cold", 45, rules), [{ kind: "cold", seconds: 1200 }]);
  assert.deepEqual(planSession("alternate", 99, rules), [
    { kind: "heat", seconds: 1200 },
    { kind: "cold", seconds: 1200 },
  ]);
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
  const session = (hour) => ({
    mode: "alternate",
    startedAt: T0 + hour * 60 * MINUTE,
    coldEndedAt: T0 + hour * 60 * MINUTE + 40 * MINUTE,
  });
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
