/**
 * What operators scrape (Prometheus text).
 * <p>
 * Every feature counts through ParleyMetrics.
 */
package org.parley.metrics;
