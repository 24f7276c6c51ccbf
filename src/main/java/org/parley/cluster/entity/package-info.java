/**
 * What servers of one chat tell each other (Hint) and keep in the shared database.
 * <p>
 * A hint is a shortcut; the database is the truth.
 */
package org.parley.cluster.entity;
