/**
 * Who is an operator.
 * <p>
 * Named in a setting, in any spelling of the account's name.
 */
package org.parley.admin.control;
