import { readDocument, ROUTINES_PATH } from "../catalog-store.js";
import { dailyPlan } from "../daily-plan.js";
import { h } from "../dom.js";
import { roundedMinutes, routineSeconds } from "../dosage.js";
import { formatMinutes, plural } from "../format.js";
import { snoozeWeeklyCheck, weeklyCheckDue } from "../function-check-store.js";
import { getActive } from "../log-store.js";
import { planInputs } from "../plan-store.js";
import { listOwnRoutines } from "../own-routine-store.js";
import { getGentlerSuggestion, routineGate, saveScreenRecord } from "../safety-store.js";
import { bannerAdvice } from "../safety/screen-rules.js";
import { DEFAULT_DAILY_ROUTINE } from "../settings.js";
import { adviceCard, scopeNote } from "./advice.js";
import { checkInSection, deskBreakCard, whyToday } from "./check-in.js";
import { offlineEmptyView } from "./not-found-view.js";
import { lockedReason, startControl } from "./start-control.js";

function routineCard(routine) {
  return h(
    "li",
    {},
    h(
      "a",
      { class: "card", href: `/routines/${routine.id}` },
      h("span", { class: "card-title" }, routine.title),
      h("span", {}, routine.summary),
      h("span", { class: "card-meta" }, `${formatMinutes(routine.duration_minutes)} · ${plural(routine.exercise_count, "exercise")}`),
    ),
  );
}

/** The weekly function check's invitation, with "Not now" to put it off for a week. */
function weeklyCheckCard(navigate) {
  const notNow = h("button", { type: "button", class: "button" }, "Not now");
  const card = h(
    "section",
    { class: "card weekly-check-card", "aria-labelledby": "weekly-check-title" },
    h("h2", { id: "weekly-check-title" }, "Weekly check: how are the things your back makes hard?"),
    h("p", {}, "Rate up to three activities from 0 to 10. It takes a minute, and it is optional."),
    h("p", { class: "secondary-actions" }, h("a", { class: "button button-primary", href: "/weekly-check" }, "Take the weekly check"), notNow),
  );
  notNow.addEventListener("click", async () => {
    try {
      await snoozeWeeklyCheck();
      navigate("/");
    } catch (error) {
      console.error(error);
      notNow.after(h("p", { class: "form-error", role: "alert" }, "This device could not save that. Please try again."));
    }
  });
  return card;
}

/** One of the person's own routines in the shape of the catalog's routine list, its length computed here from its doses. */
function ownSummary({ id, routine }) {
  return { id, title: routine.title, summary: routine.summary, duration_minutes: roundedMinutes(routineSeconds(routine)), exercise_count: routine.items.length };
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
    h("a", { class: "card", href: `/routines/${routine.id}` }, h("span", { class: "card-title" }, routine.title), h("span", { class: "card-meta" }, routineMeta(routine))),
  );
}

/** What the safety check asks of Home: the emergency advice, a pause, or a dismissible note. */
function safetyNotice(gate, navigate) {
  const { safety, record, status } = gate;
  if (status === "emergency") return adviceCard(safety, safety.advice.emergency, { level: "emergency", id: "home-advice" });
  if (status === "urgent") return adviceCard(safety, safety.advice.urgent, { level: "urgent", id: "home-advice" });
  if (status === "open" && record?.level === "banner" && !record.bannerDismissedAt) {
    const card = adviceCard(safety, bannerAdvice(safety, record.answers), { level: "banner", id: "home-advice" });
    card.append(
      h(
        "button",
        {
          type: "button",
          class: "button",
          onclick: async (event) => {
            try {
              await saveScreenRecord({ ...record, bannerDismissedAt: Date.now() });
              navigate("/");
            } catch (error) {
              console.error(error);
              event.target.after(h("p", { class: "form-error", role: "alert" }, "This device could not save that. Please try again."));
            }
          },
        },
        "Dismiss",
      ),
    );
    return card;
  }
  return null;
}

export async function homeView({ navigate }) {
  const [list, { rules, input }, active, gate, gentler, checkDue, own] = await Promise.all([
    readDocument(ROUTINES_PATH),
    planInputs(),
    getActive(),
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
  // Pain rose after the gentler routine itself: no routine is suggested, the guard's advice instead.
  const easeOff = gentler && gentler.routineId === null && gate.safety ? adviceCard(gate.safety, gate.safety.pain_guard.after_gentler, { level: "guard", id: "ease-off" }) : null;
  // While an emergency or urgent answer stands, Home asks nothing about exercising today; after
  // the gentlest routine raised the pain, the guard's advice is to leave the exercises today.
  // Then, or without the plan's rules (never downloaded), Home offers the pick or Back basics.
  const locked = gate.status === "emergency" || gate.status === "urgent";
  const plan = rules && !locked && !easeOff ? dailyPlan(rules, { ...input, routines: every }) : null;
  const planned = plan?.routineId ?? input.choices.pickedRoutineId;
  const today = gentlerRoutine ?? every.find((routine) => routine.id === planned) ?? routines.find((routine) => routine.id === DEFAULT_DAILY_ROUTINE) ?? routines[0];
  const others = routines.filter((routine) => routine.id !== today.id);
  const deskBreak = plan?.deskBreak && routines.find((routine) => routine.id === plan.deskBreak);

  return {
    title: "Today",
    node: h(
      "div",
      {},
      safetyNotice(gate, navigate),
      easeOff,
      unfinished && gate.status !== "emergency"
        ? h(
            "section",
            { class: "notice resume-offer", "aria-labelledby": "resume-title" },
            h("h2", { id: "resume-title" }, `Unfinished: ${unfinished.title}`),
            h("p", {}, "Everything you did is saved. Carry on where you stopped?"),
            h("a", { class: "button button-primary", href: `/play/${unfinished.id}` }, `Resume ${unfinished.title}`),
          )
        : null,
      plan ? checkInSection(rules, input.checkIn, navigate) : null,
      h(
        "section",
        { class: "today", "aria-labelledby": "today-title" },
        h("p", { class: "eyebrow" }, "Today's routine"),
        h("h1", { id: "today-title" }, today.title),
        gentlerRoutine ? h("p", { class: "gentler-note" }, "Suggested because your pain went up after your last session: go gently today.") : null,
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
      ),
      deskBreak ? deskBreakCard(deskBreak, plan.deskBreakReason) : null,
      // Not while emergency advice stands: then nothing else should compete with it.
      checkDue && gate.status !== "emergency" ? weeklyCheckCard(navigate) : null,
      gate.safety ? scopeNote(gate.safety, "scope-title") : null,
      h("h2", { id: "other-routines" }, "Other routines"),
      h("ul", { class: "card-list", "aria-labelledby": "other-routines" }, others.map(routineCard)),
      h("h2", { id: "own-routines" }, "Your routines"),
      own.length ? h("ul", { class: "card-list", "aria-labelledby": "own-routines" }, own.map(ownRoutineCard)) : h("p", {}, "Make your own from the exercises, or a copy of a routine to change."),
      h("p", { class: "secondary-actions" }, h("a", { class: "button", href: "/build" }, "New routine"), h("a", { class: "button", href: "/shared" }, "Open a routine file")),
      h("h2", { id: "help-and-tools" }, "Help and tools"),
      h(
        "ul",
        { class: "card-list", "aria-labelledby": "help-and-tools" },
        h("li", {}, h("a", { class: "card", href: "/warning-signs" }, h("span", { class: "card-title" }, "Warning signs"), h("span", {}, "The signs that mean stop and get help, and how fast."))),
        h("li", {}, h("a", { class: "card", href: "/check" }, h("span", { class: "card-title" }, "Safety check"), h("span", {}, "The questions to answer before you exercise."))),
        h("li", {}, h("a", { class: "card", href: "/heat-cold" }, h("span", { class: "card-title" }, "Heat and cold timer"), h("span", {}, "Time a heat or cold pack safely."))),
        h("li", {}, h("a", { class: "card", href: "/guide" }, h("span", { class: "card-title" }, "Back spasm guide"), h("span", {}, "What a spasm is, what helps, when to see a clinician."))),
      ),
      h(
        "div",
        { class: "notice" },
        h("p", {}, "Move gently. Stop an exercise if pain becomes sharp, or spreads down a leg, and get advice if it does not settle."),
        gate.safety ? h("p", {}, `If your pain is ${gate.safety.pain_guard.high_before.at} or more out of 10: ${gate.safety.pain_guard.high_before.advice.body.join(" ")}`) : null,
      ),
    ),
  };
}
