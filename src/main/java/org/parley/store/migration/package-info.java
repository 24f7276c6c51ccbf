/**
 * Code that a schema migration runs (db/changelog.xml).
 * <p>
 * A migration is history: it keeps its own rules and uses no feature's classes.
 */
package org.parley.store.migration;
