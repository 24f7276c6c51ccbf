/**
 * The administration API for operators: who is online, disconnect, suspend, reinstate, remove.
 * <p>
 * Top of the order: nothing uses it.
 */
package org.parley.admin.boundary;
