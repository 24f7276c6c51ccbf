/**
 * Accounts, their names and passwords, and tickets.
 * <p>
 * A change that ends an account's sessions is announced (SessionsEnded, AccountCreated, AccountRemoved) for the
 * features above to act on.
 */
package org.parley.account.control;
