/**
 * The wire protocol's frames (ClientFrame in, ServerFrame out), error codes, and every close code (CloseCode).
 * <p>
 * docs/PROTOCOL.md says the same in prose.
 */
package org.parley.protocol;
