package org.parley.account.entity;

/**
 * Every connection of this account must end, with this reason for the person to read: it signed out, changed its
 * password, was suspended or removed. Fired in the change's transaction; the live connections close after it commits,
 * so nothing closes for a change that rolled back.
 */
public record SessionsEnded(String name, String reason) {
}
