/**
 * The weekly function check's pure rules (the Patient-Specific Functional Scale): when Home
 * offers it, which names a new week starts from, what a filled form means and what it sends
 * to sync. No imports, no IndexedDB and no DOM: Home can afford it, and Node can test it.
 */
export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_ACTIVITIES = 3;
export const MAX_NAME_LENGTH = 60;
export const SCORE_MAX = 10;

/** The checks, oldest first. */
export function byTakenAt(checks) {
  return [...checks].sort((a, b) => a.takenAt.localeCompare(b.takenAt));
}

/** The check of the last seven days, which the form edits instead of starting another; or null. */
export function checkOfThisWeek(checks, now = Date.now()) {
  const latest = byTakenAt(checks).at(-1);
  // A check from a clock that ran far ahead must not keep the next ones away for years.
  return latest && Math.abs(now - Date.parse(latest.takenAt)) < WEEK_MS ? latest : null;
}

/** Whether Home offers the check: none in the last seven days, and "Not now" not tapped in them either. */
export function isCheckDue(checks, snoozedAt, now = Date.now()) {
  if (checkOfThisWeek(checks, now)) return false;
  return !(typeof snoozedAt === "number" && now - snoozedAt < WEEK_MS && snoozedAt <= now);
}

/**
 * The form's rows: this week's check to edit (names and scores), or last week's names to rate
 * again, or empty rows the first time; always MAX_ACTIVITIES rows.
 */
export function formRows(checks, now = Date.now()) {
  const editing = checkOfThisWeek(checks, now);
  const source = editing ?? byTakenAt(checks).at(-1);
  const rows = (source?.activities ?? []).map(({ name, score }) => ({ name, score: editing ? score : null }));
  while (rows.length < MAX_ACTIVITIES) rows.push({ name: "", score: null });
  return { editing, rows: rows.slice(0, MAX_ACTIVITIES) };
}

/**
 * What the filled form means: `{ activities }` to save, or `{ error, row }` saying what to fix
 * (`row` is the index of the row at fault, or null for the form as a whole).
 */
export function readForm(rows) {
  const activities = [];
  const seen = new Set();
  for (const [row, { name, score }] of rows.entries()) {
    const trimmed = (name ?? "").trim();
    if (!trimmed && score === null) continue;
    if (!trimmed) return { error: "Name this activity, or clear its score.", row };
    if (trimmed.length > MAX_NAME_LENGTH)
      return { error: `Shorten this name to ${MAX_NAME_LENGTH} characters or fewer.`, row };
    if (score === null) return { error: `Rate this activity from 0 to ${SCORE_MAX}, or clear its name.`, row };
    // Unicode's plain lower case (not the phone's locale's), as the server compares them.
    const key = trimmed.toLowerCase();
    if (seen.has(key)) return { error: "This activity is already on the list: name another, or clear this one.", row };
    seen.add(key);
    activities.push({ name: trimmed, score });
  }
  if (!activities.length) return { error: `Name at least one activity and rate it from 0 to ${SCORE_MAX}.`, row: null };
  return { activities };
}

/** The record a save writes: a new check (taken now, `makeId()`'s UUID), or `editing` edited now. */
export function checkRecord(activities, editing, now, makeId) {
  return { id: editing?.id ?? makeId(), takenAt: editing?.takenAt ?? now, updatedAt: now, activities };
}

/** A check in the shape `POST /api/v1/function-checks` takes: its own fields only. */
export function toCheckPayload(check) {
  return {
    id: check.id,
    takenAt: check.takenAt,
    updatedAt: check.updatedAt,
    activities: check.activities.map(({ name, score }) => ({ name, score })),
  };
}
