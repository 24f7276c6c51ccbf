/**
 * Accounts over HTTP: signing up and in, tickets, one's own account, the server's mode.
 * <p>
 * Bearer reads a ticket for every other feature's resources.
 */
package org.parley.account.boundary;
