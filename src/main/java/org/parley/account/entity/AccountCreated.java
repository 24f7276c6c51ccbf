package org.parley.account.entity;

/**
 * An account was made, fired in its transaction: what the log still held under its name (messages that reached a
 * removed account's name while other servers were hearing of the removal) goes in the same transaction.
 */
public record AccountCreated(String name) {
}
