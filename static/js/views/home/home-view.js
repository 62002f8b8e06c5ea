import { readDocument, ROUTINES_PATH } from "../../catalog/catalog-store.js";
import { dailyPlan } from "../../plan/daily-plan.js";
import { h } from "../../lib/dom.js";
import { roundedMinutes, routineSeconds } from "../../catalog/dosage.js";
import { formatMinutes, plural } from "../../lib/format.js";
import { weeklyCheckDue } from "../../function-check/function-check-store.js";
import * as logStore from "../../log/log-store.js";
import { planInputs } from "../../plan/plan-store.js";
import { listOwnRoutines } from "../../own-routines/own-routine-store.js";
import { getGentlerSuggestion, routineGate } from "../../safety/safety-store.js";
import { easeOff } from "../../safety/pain-guard.js";
import { DEFAULT_DAILY_ROUTINE } from "../../lib/settings.js";
import { adviceCard, scopeNote } from "../safety/advice.js";
import { checkInSection, deskBreakCard, planLead, usualRoutineLink, whyToday } from "../plan/check-in.js";
import { offlineEmptyView } from "../common/not-found-view.js";
import { lockedReason, startControl } from "../safety/start-control.js";
import { easeOffToday, resumable, safetyNotice, unfinishedOffer, weeklyCheckCard } from "./home-notices.js";

function routineCard(routine) {
  return h(
    "li",
    {},
    h(
      "a",
      { class: "card", href: `/routines/${routine.id}` },
      h("span", { class: "card-title" }, routine.title),
      h("span", {}, routine.summary),
      h(
        "span",
        { class: "card-meta" },
        `${formatMinutes(routine.duration_minutes)} · ${plural(routine.exercise_count, "exercise")}`,
      ),
    ),
  );
}

/** One of the person's own routines in the shape of the catalog's routine list, its length computed here from its doses. */
function ownSummary({ id, routine }) {
  return {
    id,
    title: routine.title,
    summary: routine.summary,
    duration_minutes: roundedMinutes(routineSeconds(routine)),
    exercise_count: routine.items.length,
  };
}

/** A routine's length and what it holds: the exercises by name where the list names them. */
function routineMeta(routine) {
  return `${formatMinutes(routine.duration_minutes)} · ${routine.exercise_names?.join(", ") ?? plural(routine.exercise_count, "exercise")}`;
}

/** One of the person's own routines under "Your routines". */
function ownRoutineCard(routine) {
  return h(
    "li",
    {},
    h(
      "a",
      { class: "card", href: `/routines/${routine.id}` },
      h("span", { class: "card-title" }, routine.title),
      h("span", { class: "card-meta" }, routineMeta(routine)),
    ),
  );
}

export async function homeView({ navigate }) {
  const [list, { rules, input }, active, gate, gentler, checkDue, own] = await Promise.all([
    readDocument(ROUTINES_PATH),
    planInputs(),
    logStore.getActive(),
    routineGate(),
    getGentlerSuggestion(),
    weeklyCheckDue().catch(() => false),
    listOwnRoutines()
      .then((records) => records.map(ownSummary))
      .catch(() => []),
  ]);
  if (!list) return offlineEmptyView();
  const routines = list.routines;
  // The person's own routines too: one may be unfinished, or be their pick for every day.
  const every = [...routines, ...own];
  const unfinished = active && every.find((routine) => routine.id === active.routineId);
  const gentlerRoutine = gentler?.routineId && routines.find((routine) => routine.id === gentler.routineId);
  // Pain rose after the gentlest routine itself: for that day and the next, Home offers no
  // routine and no Start at all, only the guard's advice and what helps meanwhile. Offering even
  // Acute relief would contradict "Leave the exercises for today and tomorrow" right above it.
  const pause = easeOff(gentler, input.sessions, input.today);
  const pauseAdvice =
    pause && gate.safety
      ? adviceCard(gate.safety, gate.safety.pain_guard.after_gentler, { level: "guard", id: "ease-off" })
      : null;
  // While an emergency or urgent answer stands, Home asks nothing about exercising today; nor
  // while the ease-off stands. Then, or without the plan's rules (never downloaded, so there is
  // no question to ask and nothing says today is not a bad day), Home offers Acute relief, the
  // gentlest, with the person's pick as their usual routine.
  const locked = gate.status === "emergency" || gate.status === "urgent";
  const plan = rules && !locked && !pause ? dailyPlan(rules, { ...input, routines: every }) : null;
  const planned = plan?.routineId ?? DEFAULT_DAILY_ROUTINE;
  const today = pause
    ? null
    : (gentlerRoutine ??
      every.find((routine) => routine.id === planned) ??
      routines.find((routine) => routine.id === DEFAULT_DAILY_ROUTINE) ??
      routines[0]);
  const others = routines.filter((routine) => routine.id !== today?.id);
  const deskBreak = plan?.deskBreak && routines.find((routine) => routine.id === plan.deskBreak);
  // The pick the plan set aside on a flaring day, as a link to its page: never while the guard
  // suggests the gentler routine, which a harder pick must not override.
  // Without the rules, the pick waits there too.
  const usualId = rules ? plan?.usualRoutineId : input.choices.pickedRoutineId;
  const usual = !gentlerRoutine && usualId && usualId !== today?.id && every.find((routine) => routine.id === usualId);

  return {
    title: "Today",
    node: h(
      "div",
      {},
      safetyNotice(gate, navigate),
      pauseAdvice,
      // Resuming is playing too: not while the ease-off asks to leave the exercises.
      unfinished && gate.status !== "emergency" && !pause
        ? unfinishedOffer(unfinished, active, resumable(unfinished, today, plan, rules, gentlerRoutine), navigate)
        : null,
      plan ? checkInSection(rules, input.checkIn, navigate) : null,
      pause
        ? easeOffToday(pause, input.today)
        : h(
            "section",
            { class: "today", "aria-labelledby": "today-title" },
            h("p", { class: "eyebrow" }, "Today's routine"),
            h("h1", { id: "today-title" }, today.title),
            gentlerRoutine
              ? h(
                  "p",
                  { class: "gentler-note" },
                  "Suggested because your pain went up after your last session: go gently today.",
                )
              : null,
            plan && !gentlerRoutine ? planLead(plan.lead) : null,
            h("p", {}, today.summary),
            h("p", { class: "meta" }, routineMeta(today)),
            startControl(today, gate),
            lockedReason(gate),
            plan && !gentlerRoutine ? whyToday(plan.reasons) : null,
            h(
              "p",
              { class: "secondary-actions" },
              h("a", { class: "button", href: `/routines/${today.id}` }, "See the exercises"),
              h("a", { class: "button", href: "/warning-signs" }, "Warning signs"),
            ),
            usual ? usualRoutineLink(usual) : null,
          ),
      deskBreak ? deskBreakCard(deskBreak, plan.deskBreakReason) : null,
      // Not while emergency advice stands: then nothing else should compete with it.
      checkDue && gate.status !== "emergency" ? weeklyCheckCard(navigate) : null,
      gate.safety ? scopeNote(gate.safety, "scope-title") : null,
      h("h2", { id: "other-routines" }, "Other routines"),
      h("ul", { class: "card-list", "aria-labelledby": "other-routines" }, others.map(routineCard)),
      h("h2", { id: "own-routines" }, "Your routines"),
      own.length
        ? h("ul", { class: "card-list", "aria-labelledby": "own-routines" }, own.map(ownRoutineCard))
        : h("p", {}, "Make your own from the exercises, or a copy of a routine to change."),
      h(
        "p",
        { class: "secondary-actions" },
        h("a", { class: "button", href: "/build" }, "New routine"),
        h("a", { class: "button", href: "/shared" }, "Open a routine file"),
      ),
      h("h2", { id: "help-and-tools" }, "Help and tools"),
      h(
        "ul",
        { class: "card-list", "aria-labelledby": "help-and-tools" },
        h(
          "li",
          {},
          h(
            "a",
            { class: "card", href: "/warning-signs" },
            h("span", { class: "card-title" }, "Warning signs"),
            h("span", {}, "The signs that mean stop and get help, and how fast."),
          ),
        ),
        h(
          "li",
          {},
          h(
            "a",
            { class: "card", href: "/check" },
            h("span", { class: "card-title" }, "Safety check"),
            h("span", {}, "The questions to answer before you exercise."),
          ),
        ),
        h(
          "li",
          {},
          h(
            "a",
            { class: "card", href: "/heat-cold" },
            h("span", { class: "card-title" }, "Heat and cold timer"),
            h("span", {}, "Time a heat or cold pack."),
          ),
        ),
        h(
          "li",
          {},
          h(
            "a",
            { class: "card", href: "/guide" },
            h("span", { class: "card-title" }, "Back spasm guide"),
            h("span", {}, "What a spasm is, what helps, when to see a clinician."),
          ),
        ),
      ),
      h(
        "div",
        { class: "notice" },
        h(
          "p",
          {},
          "Move gently. Stop an exercise if pain becomes sharp, or spreads down a leg, and get advice if it does not settle.",
        ),
        gate.safety
          ? h(
              "p",
              {},
              `If your pain is ${gate.safety.pain_guard.high_before.at} or more out of 10: ${gate.safety.pain_guard.high_before.advice.body.join(" ")}`,
            )
          : null,
      ),
    ),
  };
}
