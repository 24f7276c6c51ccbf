package org.parley.store.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;

/**
 * Drops the unique constraint on one column of a table, whatever the database named it: the change set that made it
 * gave no name, so Derby called it {@code SQL} and a timestamp, PostgreSQL {@code table_column_key}, and Liquibase's
 * own {@code dropUniqueConstraint} needs the name. Derby keeps constraints in its system tables, other databases in
 * the standard {@code information_schema}. None found is no error: the database never had it.
 */
public class UniqueConstraintDrop extends PlainTaskChange {

    private String table;
    private String column;
    private final List<String> dropped = new ArrayList<>();

    public void setTable(String table) {
        this.table = table;
    }

    public void setColumn(String column) {
        this.column = column;
    }

    @Override
    public void execute(Database database) throws CustomChangeException {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        try {
            List<String> names = "Apache Derby".equals(connection.getMetaData().getDatabaseProductName())
                    ? onDerby(connection) : inInformationSchema(connection);
            for (String name : names) {
                try (Statement drop = connection.createStatement()) {
                    drop.executeUpdate("ALTER TABLE " + table + " DROP CONSTRAINT \"" + name + "\"");
                }
                dropped.add(name);
            }
        } catch (SQLException e) {
            throw new CustomChangeException("Could not drop the unique constraint on " + table + "." + column, e);
        }
    }

    /**
     * Derby keeps which columns a constraint covers in a descriptor that SQL cannot read; a unique constraint whose
     * index has this column as its only key is found through the index's metadata instead.
     */
    private List<String> onDerby(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.CONSTRAINTNAME, g.CONGLOMERATENAME"
                + " FROM SYS.SYSCONSTRAINTS c JOIN SYS.SYSTABLES t ON c.TABLEID = t.TABLEID"
                + " JOIN SYS.SYSSCHEMAS s ON t.SCHEMAID = s.SCHEMAID"
                + " JOIN SYS.SYSKEYS k ON k.CONSTRAINTID = c.CONSTRAINTID"
                + " JOIN SYS.SYSCONGLOMERATES g ON g.CONGLOMERATEID = k.CONGLOMERATEID"
                + " WHERE c.TYPE = 'U' AND t.TABLENAME = ? AND s.SCHEMANAME = CURRENT SCHEMA")) {
            query.setString(1, table.toUpperCase(Locale.ROOT));
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    if (List.of(column.toUpperCase(Locale.ROOT)).equals(indexColumns(connection, found.getString(2)))) {
                        names.add(found.getString(1));
                    }
                }
            }
        }
        return names;
    }

    private List<String> indexColumns(Connection connection, String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, connection.getSchema(),
                table.toUpperCase(Locale.ROOT), true, false)) {
            while (indexes.next()) {
                if (index.equals(indexes.getString("INDEX_NAME"))) {
                    columns.add(indexes.getString("COLUMN_NAME"));
                }
            }
        }
        return columns;
    }

    private List<String> inInformationSchema(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT tc.constraint_name"
                + " FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k"
                + " ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema"
                + " WHERE tc.constraint_type = 'UNIQUE' AND tc.table_schema = current_schema()"
                + " AND lower(tc.table_name) = ? AND lower(k.column_name) = ?")) {
            query.setString(1, table.toLowerCase(Locale.ROOT));
            query.setString(2, column.toLowerCase(Locale.ROOT));
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    names.add(found.getString(1));
                }
            }
        }
        return names;
    }

    @Override
    public String getConfirmationMessage() {
        return "Dropped unique constraints " + dropped + " on " + table + "." + column;
    }
}
