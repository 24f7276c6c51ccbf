/**
 * Every setting an operator may set (Setting, the one list), checked at start so that a bad value stops the deployment
 * naming it.
 * <p>
 * Features read what they need once, into their own typed records.
 */
package org.parley.config;
