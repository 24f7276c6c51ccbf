// Parley's HTTP API: JSON in and out, errors as {error, message}.
const API = `${location.pathname.replace(/\/[^/]*$/, '')}/api`;

/**
 * @param auth {ticket} (sent as a Bearer header) or, in open demo mode, {user} (sent as ?user=)
 * @returns the answer's JSON; throws an Error with `status` for an answer that is not 2xx
 */
export async function call(method, path, { body, auth = {} } = {}) {
  const headers = {};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (auth.ticket) {
    headers.Authorization = `Bearer ${auth.ticket}`;
  }
  let url = `${API}/${path}`;
  if (auth.user) {
    url += `${url.includes('?') ? '&' : '?'}user=${encodeURIComponent(auth.user)}`;
  }
  const response = await fetch(url, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    // not JSON: the status below says what went wrong
  }
  if (!response.ok) {
    const error = new Error(json.message ?? `the server answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return json;
}

/** @returns {Promise<{conversations: object[]}>} everyone first, then direct conversations, latest first */
export const conversations = (auth) => call('GET', 'conversations', { auth });

/** @returns {Promise<{conversation: string, messages: object[], more: boolean}>} newest first */
export function messages(auth, conversation, { before, limit } = {}) {
  const query = new URLSearchParams();
  if (before !== undefined) {
    query.set('before', String(before));
  }
  if (limit !== undefined) {
    query.set('limit', String(limit));
  }
  const text = query.toString();
  const tail = text ? `?${text}` : '';
  // a room's history is the room's to give: what the reader may see of it
  const base = conversation.startsWith('#') ? 'rooms' : 'conversations';
  return call('GET', `${base}/${encodeURIComponent(conversation)}/messages${tail}`, { auth });
}

/** @returns {Promise<{rooms: object[]}>} the rooms one is in or invited to, the latest active first */
export const rooms = (auth) => call('GET', 'rooms', { auth });

/** @returns {Promise<object>} one room, with its members */
export const room = (auth, id) => call('GET', `rooms/${encodeURIComponent(id)}`, { auth });

/** @returns {Promise<{rooms: object[]}>} public rooms whose names hold the search */
export function directory(auth, search) {
  return call('GET', `rooms/directory?${new URLSearchParams({ search, limit: '20' })}`, { auth });
}

/** @returns {Promise<{count: number, people: string[], next?: string}>} people online whose names start so */
export function onlinePeople(auth, prefix, limit) {
  const query = new URLSearchParams({ prefix, limit: String(limit) });
  return call('GET', `online?${query}`, { auth });
}
