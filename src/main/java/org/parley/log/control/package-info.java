/**
 * The message log: numbering and committing messages in batches, handing each on in the log's order (HandOn), reading
 * back, marks, retention.
 * <p>
 * Persist, then push: nothing leaves here before its commit.
 */
package org.parley.log.control;
