/**
 * The live connections: joining and leaving, routing a message to the log, pushing what the log committed, catching
 * up, receipts, presence, heartbeats.
 * <p>
 * Monitors, outer to inner: a user's line (Connections.underLine) or, while a batch is handed on, the log's numbering
 * and then its CommitOrder; then a connection's StreamGate; then its Outbox. Never two lines at once. Nothing under a
 * line, a gate or an outbox waits for the network or calls into the container; the log's numbering is held across its
 * batch's commit (MessageLog says why).
 */
package org.parley.live.control;
