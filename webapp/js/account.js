// Signing up, in and out over Parley's HTTP API, and keeping this tab's ticket.
import { call } from './api.js';

const TICKET_KEY = 'parley.ticket';

/** @returns {Promise<{open: boolean}>} whether this server takes a bare name (open demo mode) */
export const serverMode = () => call('GET', 'mode');
export const signUp = (name, password) => call('POST', 'accounts', { body: { name, password } });
/** @returns {Promise<{ticket: string, name: string, expiresAt: string}>} */
export const signIn = (name, password) => call('POST', 'tickets', { body: { name, password } });
export const renew = (ticket) => call('POST', 'tickets/renewal', { auth: { ticket } });
export const signOut = (ticket) => call('DELETE', 'tickets', { auth: { ticket } });
/** @returns {Promise<{ticket: string, name: string, expiresAt: string}>} a fresh ticket for this page */
export const changePassword = (ticket, password, newPassword) => call('PUT', 'accounts/me/password',
  { auth: { ticket }, body: { password, newPassword } });
export const removeAccount = (ticket, password) => call('POST', 'accounts/me/removal',
  { auth: { ticket }, body: { password } });

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
