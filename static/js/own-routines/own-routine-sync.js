/**
 * The person's own routines as a kind of record that syncs (`synced-kind.js` holds the protocol):
 * what differs is only said here. Tombstones sync like routines, so a deletion reaches every
 * device. A refusal keeps, besides the server's message and field, how many deletions the account
 * then held (`deletionsOnAccount`): Settings names the routine and why, and one refused for the
 * account's limit is sent again once a further deletion has reached the account.
 */
import { OWN_ROUTINES_PULLED } from "../lib/events.js";
import { keepPulledOwnRoutines, listOwnRoutineRecords } from "./own-routine-store.js";

/**
 * Whether a refusal was for the account's limit, not for a fault of the routine's own. A refusal
 * kept by an earlier version has no field; its message still starts with the field it names.
 */
function limitRefusal(confirmation) {
  return (
    confirmation.field === "routines" ||
    (confirmation.field === undefined && /^routines: /.test(confirmation.message ?? ""))
  );
}

/**
 * How many deletions the account holds, as far as this device knows: its tombstones the server
 * confirmed. Counted rather than timed, as the clocks of two devices need not agree; it grows
 * whenever a deletion made here, or pulled from elsewhere, reaches the account.
 */
export function deletionsOnAccount(records, confirmations) {
  return records.filter(
    (record) => record.deleted && confirmations.get(record.id)?.syncedUpdatedAt === record.updatedAt,
  ).length;
}

/**
 * Whether a refused edit stays refused: always, but one refused for the limit, which a deletion
 * that reached the account since makes room for. A refusal kept before deletions were counted is
 * tried once more.
 */
function stillRefused(records, confirmations) {
  const deletions = deletionsOnAccount(records, confirmations);
  return (confirmation) => !limitRefusal(confirmation) || deletions <= (confirmation.deletionsOnAccount ?? -1);
}

/** A record in the shape `POST /api/v1/own-routines` takes. */
export function toPayload(record) {
  return {
    id: record.id,
    updatedAt: record.updatedAt,
    deleted: record.deleted,
    routine: record.deleted ? null : record.routine,
  };
}

/** The routines (not tombstones) refused in their current edit (`refused` of `stateOf`), as Settings names them: `{ id, title, full, reason }`, `full` when the account has no room. */
export function refusedRoutines(refused) {
  return refused
    .filter(({ record }) => !record.deleted)
    .map(({ record, confirmation }) => ({
      id: record.id,
      title: record.routine.title,
      full: limitRefusal(confirmation),
      // The server's message starts with the field it names, which means nothing to the person.
      reason: confirmation.message.replace(/^\S+: /, ""),
    }));
}

export const OWN_ROUTINES = {
  name: "ownRoutine",
  path: "/own-routines",
  bodyKey: "routines",
  // The server's 50 a batch, and half its 512 KiB body limit.
  batchSize: 50,
  batchBytes: 256 * 1024,
  // Tombstones too.
  list: listOwnRoutineRecords,
  toPayload,
  // The account's whole list, at once.
  pullPath: () => "/own-routines",
  keepPulled: keepPulledOwnRoutines,
  pulledEvent: OWN_ROUTINES_PULLED,
  stillRefused,
  refusalNote: (records, confirmations) => ({ deletionsOnAccount: deletionsOnAccount(records, confirmations) }),
};
