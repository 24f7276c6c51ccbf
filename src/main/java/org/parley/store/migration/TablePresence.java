package org.parley.store.migration;


import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomPreconditionErrorException;
import liquibase.exception.CustomPreconditionFailedException;
import liquibase.precondition.CustomPrecondition;

/**
 * A change set's precondition: that {@code table} is {@code present} or absent in the connection's own schema.
 * Liquibase's own {@code tableExists} does not see Derby tables whose names hold an underscore ({@code SIGNING_KEY}:
 * reported missing, then its creation fails), so this asks JDBC's metadata itself and compares names exactly.
 */
public class TablePresence implements CustomPrecondition {

    private String table;
    private boolean present = true;

    public void setTable(String table) {
        this.table = table;
    }

    public void setPresent(String present) {
        this.present = Boolean.parseBoolean(present);
    }

    @Override
    public void check(Database database) throws CustomPreconditionFailedException, CustomPreconditionErrorException {
        boolean found;
        try {
            found = exists(((JdbcConnection) database.getConnection()).getUnderlyingConnection(), table);
        } catch (SQLException e) {
            throw new CustomPreconditionErrorException("Could not look for the table " + table, e);
        }
        if (found != present) {
            throw new CustomPreconditionFailedException("The table " + table + (found ? " exists" : " is missing"));
        }
    }

    /** Upper case as Derby keeps unquoted names, lower case as PostgreSQL does. */
    static boolean exists(Connection connection, String table) throws SQLException {
        String schema = connection.getSchema();
        try (ResultSet tables = connection.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            while (tables.next()) {
                String name = tables.getString("TABLE_NAME");
                if ((schema == null || schema.equalsIgnoreCase(tables.getString("TABLE_SCHEM")))
                        && name.toUpperCase(Locale.ROOT).equals(table.toUpperCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }
}
