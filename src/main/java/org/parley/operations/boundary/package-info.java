/**
 * Health, readiness and metrics over HTTP, and a stop that lets connections finish.
 * <p>
 * Top of the order, with admin.
 */
package org.parley.operations.boundary;
