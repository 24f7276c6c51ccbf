// Browser storage can be switched off, and then even reaching for it throws: the page works on without it,
// remembering nothing.
export function storage(reach) {
  const attempt = (work, otherwise) => {
    try {
      return work(reach());
    } catch {
      return otherwise;
    }
  };
  return {
    get: (key) => attempt((kept) => kept.getItem(key), null),
    set: (key, value) => attempt((kept) => kept.setItem(key, value)),
    remove: (key) => attempt((kept) => kept.removeItem(key)),
  };
}
