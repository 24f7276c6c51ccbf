// Signing up, in and out over Parley's HTTP API, and keeping this tab's ticket.
const API = `${location.pathname.replace(/\/[^/]*$/, '')}/api`;
const TICKET_KEY = 'parley.ticket';

async function call(method, path, { body, ticket } = {}) {
  const headers = {};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (ticket) {
    headers.Authorization = `Bearer ${ticket}`;
  }
  const response = await fetch(`${API}/${path}`, {
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

/** @returns {Promise<{open: boolean}>} whether this server takes a bare name (open demo mode) */
export const serverMode = () => call('GET', 'mode');
export const signUp = (name, password) => call('POST', 'accounts', { body: { name, password } });
/** @returns {Promise<{ticket: string, name: string, expiresAt: string}>} */
export const signIn = (name, password) => call('POST', 'tickets', { body: { name, password } });
export const renew = (ticket) => call('POST', 'tickets/renewal', { ticket });
export const signOut = (ticket) => call('DELETE', 'tickets', { ticket });

// sessionStorage: a reload stays signed in, closing the tab forgets the ticket, and no other site can read it
export function savedTicket() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(TICKET_KEY) ?? 'null');
    return saved && Date.parse(saved.expiresAt) > Date.now() ? saved : null;
  } catch {
    return null;
  }
}

export function saveTicket(ticket) {
  try {
    if (ticket) {
      sessionStorage.setItem(TICKET_KEY, JSON.stringify(ticket));
    } else {
      sessionStorage.removeItem(TICKET_KEY);
    }
  } catch {
    // storage can be switched off; the page then signs in again after a reload
  }
}
