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
  return call('GET', `conversations/${encodeURIComponent(conversation)}/messages${tail}`, { auth });
}

/** @returns {Promise<{count: number, people: string[], next?: string}>} people online whose names start so */
export function onlinePeople(auth, prefix, limit) {
  const query = new URLSearchParams({ prefix, limit: String(limit) });
  return call('GET', `online?${query}`, { auth });
}
