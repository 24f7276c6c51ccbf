/**
 * The REST application, strict JSON bodies and the refusals every resource answers with.
 * <p>
 * Below every feature with an HTTP face.
 */
package org.parley.web;
