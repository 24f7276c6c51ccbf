package org.parley.account.entity;

/**
 * An account was removed (by its owner or an operator), fired in the removal's transaction: observers that must act
 * only once the removal is committed observe it after success.
 *
 * @param name the account's name as it spelled itself
 */
public record AccountRemoved(String name) {
}
