/** Plain-words formatting of doses and durations. */

export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

export function formatMinutes(minutes) {
  return `About ${plural(minutes, "minute")}`;
}

/** A routine item's dose in one line, such as "2 sets of 8 · hold 5 s" or "5 each side · hold 5 s". */
export function formatDose(item) {
  const reps = item.per_side ? `${item.reps} each side` : plural(item.reps, "rep");
  const sets = item.sets > 1 ? `${item.sets} sets of ${item.per_side ? reps : item.reps}` : reps;
  const how = item.hold_seconds > 0 ? `hold ${item.hold_seconds} s` : `slow, about ${item.rep_seconds} s each`;
  return `${sets} · ${how}`;
}
