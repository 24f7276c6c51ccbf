/**
 * History over HTTP: a person's conversations and a conversation's messages, and read marks.
 * <p>
 * The same JSON as the live stream.
 */
package org.parley.log.boundary;
