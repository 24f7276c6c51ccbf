// Signing up, in and out over Parley's HTTP API; the Session model keeps the ticket.
import { call } from './api.js';

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
