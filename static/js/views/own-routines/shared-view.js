/**
 * Open a shared routine (`/shared`): from a link's fragment (`#r=…`, which never reaches the
 * server, so this works offline once the app is installed) or from a routine file. The routine is
 * checked on the device (the routine schema, and exercises this device has) and shown: its name,
 * its exercises with their doses, its length; "Add to my routines" keeps it as a new own routine
 * (one the person has already, the same in every word and dose, is linked to instead).
 * Whatever is wrong with a link or a file is said plainly, and nothing is written.
 */
import { EXERCISES_PATH, readDocument, ROUTINES_PATH, routinePath } from "../../catalog/catalog-store.js";
import { h, textList } from "../../lib/dom.js";
import { formatDose, formatMinutes, plural } from "../../lib/format.js";
import { resolveOwnRoutine } from "../../own-routines/own-routine-resolve.js";
import { listOwnRoutines, saveOwnRoutine } from "../../own-routines/own-routine-store.js";
import { decodeRoutineLink } from "../../own-routines/routine-link.js";
import { routineFaults } from "../../catalog/routine-schema.js";
import {
  checkSharedRoutine,
  MAX_FILE_BYTES,
  parseRoutineFile,
  sameOwnRoutine,
} from "../../own-routines/shared-routine.js";

function problem(message) {
  return h("p", { class: "form-error shared-problem", role: "alert" }, message);
}

/** "Add to my routines"; or, when the person has this very routine already, a way to it, and "Add another copy". */
function addControls(routine, add, own) {
  const addButton = (label, primary) =>
    h(
      "button",
      { type: "button", class: `button${primary ? " button-primary button-large" : ""}`, onclick: add },
      label,
    );
  const same = sameOwnRoutine(routine, own);
  if (!same) return addButton("Add to my routines", true);
  return h(
    "div",
    { class: "shared-same" },
    h("p", {}, `This routine is in your routines already, exactly as it is here: “${same.routine.title}”.`),
    h(
      "p",
      { class: "secondary-actions" },
      h("a", { class: "button button-primary", href: `/routines/${same.id}` }, `Open ${same.routine.title}`),
      addButton("Add another copy", false),
    ),
  );
}

/** The routine as it would play, with "Add to my routines". */
function preview(routine, exercises, navigate, own) {
  const resolved = resolveOwnRoutine("shared", routine, exercises);
  const status = h("p", { class: "form-error", role: "alert" });
  const add = async (event) => {
    event.target.disabled = true;
    try {
      const id = await saveOwnRoutine(routine);
      navigate(`/routines/${id}`);
    } catch (error) {
      console.error(error);
      event.target.disabled = false;
      status.textContent = "This device could not keep the routine. Please try again.";
    }
  };
  return h(
    "section",
    { class: "shared-preview", "aria-labelledby": "shared-title" },
    h("h2", { id: "shared-title" }, resolved.title),
    h("p", {}, resolved.summary),
    h(
      "p",
      { class: "meta shared-length" },
      `${formatMinutes(resolved.duration_minutes)} · ${plural(resolved.exercise_count, "exercise")} · ${resolved.frequency}`,
    ),
    h(
      "ol",
      { class: "card-list dose-list shared-items" },
      resolved.items.map((item) =>
        h(
          "li",
          { class: "card" },
          h("span", { class: "card-title" }, item.variant ? item.variant.name : item.exercise.name),
          h("span", { class: "card-meta" }, formatDose(item)),
        ),
      ),
    ),
    h(
      "section",
      { class: "notice", "aria-labelledby": "shared-when-not" },
      h("h3", { id: "shared-when-not" }, "When not to"),
      textList("ul", resolved.when_not_to_use),
    ),
    h(
      "p",
      { class: "meta" },
      "Whoever made it wrote its words and doses. Stop any exercise that makes your pain sharper or spread.",
    ),
    addControls(routine, add, own),
    status,
  );
}

/** What a candidate routine shows: its preview, or what is wrong with it. */
async function shown(candidate, library, navigate) {
  if (!library)
    return problem("The exercise library is not on this device yet. Open Unknot once while online, then try again.");
  const checked = checkSharedRoutine(candidate, library.exercises, routineFaults, library.sourceIds);
  if (!checked.ok) return problem(checked.message);
  // Read now, not with the page: a routine added a moment ago counts.
  const own = await listOwnRoutines().catch(() => []);
  return preview(checked.routine, library.exercises, navigate, own);
}

async function fromLink(hash, library, navigate) {
  const decoded = await decodeRoutineLink(hash);
  return decoded.ok ? shown(decoded.routine, library, navigate) : problem(decoded.message);
}

async function fromFile(file, library, navigate) {
  if (file.size > MAX_FILE_BYTES) return problem(parseRoutineFile("", file.size).message);
  let text;
  try {
    text = await file.text();
  } catch {
    return problem("This device could not read the file. Please try again.");
  }
  const parsed = parseRoutineFile(text, file.size);
  return parsed.ok ? shown(parsed.candidate, library, navigate) : problem(parsed.message);
}

function filePicker(onFile) {
  return h(
    "section",
    { class: "shared-file", "aria-labelledby": "shared-file-heading" },
    h("h2", { id: "shared-file-heading" }, "Open a routine file"),
    h("p", {}, "A routine saved from Unknot, or written by your clinician (a .json file)."),
    h("label", { for: "shared-file-input" }, "Routine file"),
    h("input", {
      type: "file",
      id: "shared-file-input",
      class: "shared-file-input",
      accept: ".json,application/json",
      onchange: (event) => {
        const [file] = event.target.files;
        event.target.value = "";
        if (file) onFile(file);
      },
    }),
  );
}

/** The ids of the sources the catalog's routines on this device cite. */
async function catalogSourceIds() {
  const list = await readDocument(ROUTINES_PATH);
  const routines = await Promise.all((list?.routines ?? []).map((routine) => readDocument(routinePath(routine.id))));
  return routines.flatMap((routine) => routine?.sources ?? []).map((source) => source.id ?? source);
}

export async function sharedView({ navigate }) {
  const [list, sourceIds] = await Promise.all([readDocument(EXERCISES_PATH), catalogSourceIds()]);
  const exercises = list?.exercises ?? null;
  // The library a shared routine is checked against: the exercises, and the sources routines cite.
  const library = exercises && { exercises, sourceIds };
  const result = h("div", { class: "shared-result" });
  const draw = async (make, { focus = false } = {}) => {
    const node = await make();
    result.replaceChildren(node);
    // A file opened, or a link pasted, while on this page: what it holds takes the focus, so a
    // screen reader reads the routine (a fault is an alert, read out by itself).
    const heading = node.querySelector?.("h2");
    if (focus && heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  };
  const readHash = (focus) =>
    location.hash.length > 1
      ? draw(() => fromLink(location.hash, library, navigate), { focus })
      : result.replaceChildren();
  await readHash(false);
  // A link pasted into the address bar while this page is open changes only the fragment.
  const onHashChange = () => readHash(true);
  window.addEventListener("hashchange", onHashChange);
  return {
    title: "A shared routine",
    node: h(
      "article",
      { class: "shared" },
      h("a", { class: "back-link", href: "/" }, "← Today"),
      h("h1", {}, "A shared routine"),
      h(
        "p",
        {},
        "A routine someone sent you, as a link or a file. Look it over first: nothing is kept until you add it.",
      ),
      result,
      filePicker((file) => draw(() => fromFile(file, library, navigate), { focus: true })),
    ),
    cleanup: () => window.removeEventListener("hashchange", onHashChange),
    // A routine opened from a file is shown only here: a redraw would lose it. Without the
    // library, nothing is shown yet, and its arrival draws the page again.
    staysOnRefresh: Boolean(library),
  };
}
