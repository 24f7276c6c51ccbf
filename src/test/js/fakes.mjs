// Stand-ins for what the browser gives the models: storage and timers that a test reads and runs by hand.
export function memoryStorage(entries = {}) {
  const kept = new Map(Object.entries(entries));
  return {
    kept,
    get: (key) => kept.get(key) ?? null,
    set: (key, value) => kept.set(key, value),
    remove: (key) => kept.delete(key),
  };
}

/** Timers that fire only when the test says so, with a clock the test moves. */
export function manualTimers(start = Date.parse('2026-01-01T00:00:00Z')) {
  let time = start;
  let last = 0;
  const pending = new Map(); // id → {at, work}
  return {
    now: () => time,
    setTimeout(work, ms = 0) {
      last += 1;
      pending.set(last, { at: time + ms, work });
      return last;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    /** The delays of the timers waiting now, from the current time. */
    delays: () => [...pending.values()].map(({ at }) => at - time),
    /** Moves the clock to the next timer and runs it. */
    next() {
      const [id, { at, work }] = [...pending].sort(([, a], [, b]) => a.at - b.at)[0];
      pending.delete(id);
      time = at;
      work();
    },
  };
}

/** Lets promise callbacks already due run. */
export const settled = () => new Promise((resolve) => setImmediate(resolve));
