package org.parley.store;

import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * Derby's embedded data source, as WEB-INF/web.xml declares Parley's own database with it: whoever connects first
 * (the container, the persistence unit, the migrations) makes this class first, so Derby's page cache is sized
 * ({@link DerbyPageCache}) before the database starts.
 */
public class EmbeddedDerbySource extends EmbeddedDataSource {

    private static final long serialVersionUID = 1L;

    static {
        DerbyPageCache.setBeforeBoot();
    }
}
