/**
 * A chat message, its conversation, and the marks of how far each person got.
 * <p>
 * The log's floor keeps numbers from being used twice.
 */
package org.parley.log.entity;
