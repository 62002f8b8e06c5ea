/**
 * The one IndexedDB database of the app, as small promise helpers.
 * Migrations go in `upgrade`, one `if (oldVersion < N)` block per version.
 */
const DATABASE_NAME = "unknot";
const DATABASE_VERSION = 3;

let databasePromise = null;

function upgrade(database, oldVersion) {
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
}

export function openDatabase() {
  databasePromise ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    request.onsuccess = () => {
      const database = request.result;
      // A newer app version in another tab needs us to let go, or its upgrade waits for ever.
      database.onversionchange = () => {
        database.close();
        databasePromise = null;
      };
      resolve(database);
    };
    request.onerror = () => reject(request.error);
  });
  return databasePromise;
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
  const database = await openDatabase();
  const transaction = database.transaction(storeName, "readonly");
  return settle(transaction.objectStore(storeName).get(key), transaction);
}

export async function putRecord(storeName, value) {
  const database = await openDatabase();
  const transaction = database.transaction(storeName, "readwrite");
  return settle(transaction.objectStore(storeName).put(value), transaction);
}

export async function deleteRecord(storeName, key) {
  const database = await openDatabase();
  const transaction = database.transaction(storeName, "readwrite");
  return settle(transaction.objectStore(storeName).delete(key), transaction);
}

/** Every record of a store, or those with `key` in one of its indexes. */
export async function getAllRecords(storeName, indexName = null, key = undefined) {
  const database = await openDatabase();
  const transaction = database.transaction(storeName, "readonly");
  const store = transaction.objectStore(storeName);
  return settle((indexName ? store.index(indexName) : store).getAll(key), transaction);
}

/** Put several records in several stores in one transaction: all are written, or none. */
export async function putRecords(entries) {
  const database = await openDatabase();
  const storeNames = [...new Set(entries.map(([storeName]) => storeName))];
  const transaction = database.transaction(storeNames, "readwrite");
  let last;
  for (const [storeName, value] of entries) last = transaction.objectStore(storeName).put(value);
  return settle(last, transaction);
}
