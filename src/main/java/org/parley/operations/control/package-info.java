/**
 * Readiness and who may read the metrics.
 * <p>
 * Only operations' boundary uses them.
 */
package org.parley.operations.control;
