// Every close code the page tells apart, in one place: what it says of each, and whether it tries again.
const REFUSED = 1008;
const EXPLAINED = {
  1001: 'the server is shutting down',
  1006: 'the network or the server went away',
  1009: 'a message was too large',
  1011: 'the server ran into a problem',
  1012: 'the server is restarting',
  1013: 'the connection fell behind',
  4000: 'the server stopped hearing from this page',
};

/**
 * Whether the page connects again by itself. 1008 refuses who this page is (a ticket expired or signed out, a
 * name refused in open mode, flooding): the same handshake would be refused again.
 */
export const reconnects = (code) => code !== REFUSED;

/** Why a connection closed, in words: the server's reason when it gave one. */
export function closeCause({ code, reason }) {
  return reason || EXPLAINED[code] || `closed with code ${code}`;
}
