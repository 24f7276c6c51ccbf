/**
 * An account, the claims that keep its name unique in every spelling, the ticket signing key, the name rule.
 * <p>
 * The events account announces.
 */
package org.parley.account.entity;
