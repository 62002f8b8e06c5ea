/**
 * The one IndexedDB database of the app, as small promise helpers.
 * Migrations go in `upgrade`, one `if (oldVersion < N)` block per version.
 */
const DATABASE_NAME = "unknot";
const DATABASE_VERSION = 6;

let databasePromise = null;

/** Version 5's confirmations in version 6's shape: `{ kind, id }` instead of a `sessionId` (an own routine's as `routine:<id>`) or a `checkId`. */
function confirmationV6(record) {
  if ("checkId" in record) {
    const { checkId, ...rest } = record;
    return { kind: "weeklyCheck", id: checkId, ...rest };
  }
  const { sessionId, ...rest } = record;
  return sessionId.startsWith("routine:")
    ? { kind: "ownRoutine", id: sessionId.slice("routine:".length), ...rest }
    : { kind: "session", id: sessionId, ...rest };
}

function upgrade(database, oldVersion, upgrading) {
  if (oldVersion < 1) {
    database.createObjectStore("catalog", { keyPath: "path" });
    database.createObjectStore("settings", { keyPath: "key" });
  }
  if (oldVersion < 2) {
    // The person's log: sessions and their sets, each with a client-made UUID for sync.
    database.createObjectStore("sessions", { keyPath: "id" }).createIndex("startedAt", "startedAt");
    database.createObjectStore("sets", { keyPath: "id" }).createIndex("sessionId", "sessionId");
    // The routine in progress, so a reload, a crash or an update can offer "Resume".
    database.createObjectStore("player", { keyPath: "key" });
  }
  if (oldVersion < 3) {
    // Heat and cold sessions: the timer's own log, and what its cool-down rule reads.
    database.createObjectStore("thermal", { keyPath: "id" }).createIndex("startedAt", "startedAt");
  }
  if (oldVersion < 4) {
    // Sync: per session, the edit (its `updatedAt`) the server has confirmed, or why it refused it.
    database.createObjectStore("sync", { keyPath: "sessionId" });
  }
  if (oldVersion < 5) {
    // The weekly function check, and per check the edit the server confirmed (or refused).
    database.createObjectStore("functionChecks", { keyPath: "id" }).createIndex("takenAt", "takenAt");
    database.createObjectStore("functionCheckSync", { keyPath: "checkId" });
    // The person's own routines, each with a client-made UUID, its edit time and a tombstone flag.
    database.createObjectStore("own_routines", { keyPath: "id" });
  }
  if (oldVersion < 6) {
    // Sync keeps one kind of record, a confirmation of any synced record, `{ kind, id }`: the
    // log's and the own routines' from "sync", the weekly checks' from "functionCheckSync", each
    // moved (a key path cannot change in place) within this upgrade, so none is lost or sent again.
    // The move ends after any later version's block has run: such a block must not use "sync".
    const sessions = upgrading.objectStore("sync").getAll();
    const checks = upgrading.objectStore("functionCheckSync").getAll();
    checks.onsuccess = () => {
      database.deleteObjectStore("sync");
      database.deleteObjectStore("functionCheckSync");
      const store = database.createObjectStore("sync", { keyPath: ["kind", "id"] });
      for (const record of [...sessions.result, ...checks.result]) store.put(confirmationV6(record));
    };
  }
}

export function openDatabase() {
  databasePromise ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion, request.transaction);
    request.onsuccess = () => {
      const database = request.result;
      // A newer app version in another tab needs us to let go, or its upgrade waits for ever.
      database.onversionchange = () => {
        database.close();
        databasePromise = null;
      };
      // The browser can drop the connection (iOS does, after a while in the background): open anew.
      database.onclose = () => {
        databasePromise = null;
      };
      resolve(database);
    };
    request.onerror = () => {
      databasePromise = null;
      reject(request.error);
    };
  });
  return databasePromise;
}

/** A transaction, opening the database again once if the connection was lost meanwhile. */
async function transaction(storeNames, mode) {
  try {
    return (await openDatabase()).transaction(storeNames, mode);
  } catch (error) {
    if (error?.name !== "InvalidStateError") throw error;
    databasePromise = null;
    return (await openDatabase()).transaction(storeNames, mode);
  }
}

function settle(request, transaction) {
  return new Promise((resolve, reject) => {
    let result;
    request.onsuccess = () => {
      result = request.result;
    };
    // Resolve on commit, not on success: only then is the write durable.
    transaction.oncomplete = () => resolve(result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
  });
}

export async function getRecord(storeName, key) {
  const reading = await transaction(storeName, "readonly");
  return settle(reading.objectStore(storeName).get(key), reading);
}

export async function putRecord(storeName, value) {
  const writing = await transaction(storeName, "readwrite");
  return settle(writing.objectStore(storeName).put(value), writing);
}

export async function deleteRecord(storeName, key) {
  const writing = await transaction(storeName, "readwrite");
  return settle(writing.objectStore(storeName).delete(key), writing);
}

/** Every record of a store, or those with `key` in one of its indexes. */
export async function getAllRecords(storeName, indexName = null, key = undefined) {
  const reading = await transaction(storeName, "readonly");
  const store = reading.objectStore(storeName);
  return settle((indexName ? store.index(indexName) : store).getAll(key), reading);
}

/** Empty whole stores in one transaction: all of them, or none. */
export async function clearStores(storeNames) {
  const writing = await transaction(storeNames, "readwrite");
  let last;
  for (const storeName of storeNames) last = writing.objectStore(storeName).clear();
  return settle(last, writing);
}

/**
 * Several writes in one transaction: all are committed, or none. Each operation is
 * `["put", storeName, value]` or `["delete", storeName, key]`.
 */
export async function commit(operations) {
  const storeNames = [...new Set(operations.map(([, storeName]) => storeName))];
  const writing = await transaction(storeNames, "readwrite");
  let last;
  for (const [operation, storeName, argument] of operations) {
    const store = writing.objectStore(storeName);
    last = operation === "delete" ? store.delete(argument) : store.put(argument);
  }
  return settle(last, writing);
}

/**
 * Read-modify-write of several records in one transaction: `change(key, stored)` returns the
 * record to put, or null to leave it; `alongWith(key, here)` gives operations (as `commit` takes
 * them) on `alongStores` to write with each record, `here` being the record the transaction
 * leaves (the one put, or the one stored). Resolves how many were put. Nothing else is awaited
 * inside the transaction, so it cannot close under us.
 */
export async function updateRecords(storeName, keys, change, { alongStores = [], alongWith = () => [] } = {}) {
  const writing = await transaction([storeName, ...alongStores], "readwrite");
  const store = writing.objectStore(storeName);
  let put = 0;
  for (const key of keys) {
    store.get(key).onsuccess = ({ target }) => {
      const next = change(key, target.result);
      if (next) {
        store.put(next);
        put += 1;
      }
      for (const [operation, name, argument] of alongWith(key, next ?? target.result))
        writing.objectStore(name)[operation](argument);
    };
  }
  return new Promise((resolve, reject) => {
    writing.oncomplete = () => resolve(put);
    writing.onerror = () => reject(writing.error);
    writing.onabort = () => reject(writing.error ?? new Error("IndexedDB transaction aborted"));
  });
}
