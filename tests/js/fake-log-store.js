/**
 * A stand-in for log-store.js in Node: the same functions, kept in maps, each write stamped with
 * `updatedAt` as log-store stamps it, and every write failing while `failing` is set.
 */

let clock = Date.UTC(2026, 10, 21, 8, 0, 0);

/** A later time at each write, as the device's clock gives log-store. */
function stamped(session) {
  clock += 1000;
  return { ...session, updatedAt: new Date(clock).toISOString() };
}

/** A store that keeps what it is given, and fails the next writes while `failing` is set. */
export function fakeStore() {
  const store = {
    sessions: new Map(),
    sets: new Map(),
    active: null,
    calls: [],
    failing: false,
    async write(name, apply) {
      store.calls.push(name);
      if (store.failing) throw new Error("disk full");
      apply();
    },
    saveSession(session) {
      return store.write("saveSession", () => store.sessions.set(session.id, stamped(session)));
    },
    async getSession(id) {
      return store.sessions.get(id);
    },
    saveProgress(sets, active) {
      return store.write("saveProgress", () => {
        for (const record of sets) store.sets.set(record.id, record);
        store.active = active;
      });
    },
    endSession(session, sets = []) {
      return store.write("endSession", () => {
        for (const record of sets) store.sets.set(record.id, record);
        store.sessions.set(session.id, stamped(session));
        store.active = null;
      });
    },
    clearActive() {
      return store.write("clearActive", () => {
        store.active = null;
      });
    },
  };
  return store;
}
