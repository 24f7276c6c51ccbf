/**
 * Other servers of one chat, when a broker joins them: hints out (HintsOut, the live connections' OtherServers), hints
 * in, leases and who is where (Peers, Whereabouts).
 * <p>
 * Nothing below knows this package; alone, Parley never makes any of it.
 */
package org.parley.cluster.control;
