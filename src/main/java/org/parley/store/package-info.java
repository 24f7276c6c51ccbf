/**
 * The database: which data source, the embedded Derby default, the schema migrations run at start, and the entity
 * manager.
 * <p>
 * Below every feature that stores anything.
 */
package org.parley.store;
