/**
 * The WebSocket endpoint and its handshake, and who is online over HTTP.
 * <p>
 * The endpoint parses and delegates: no state, no threads.
 */
package org.parley.live.boundary;
