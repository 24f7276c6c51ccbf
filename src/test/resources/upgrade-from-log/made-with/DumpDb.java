// Dumps a Derby database for a fixture's README: dblook's DDL, every row of every table ordered by primary key (by
// every column where a table has none), the identity columns and the sequences; then shuts Derby down cleanly.
// usage: java -cp derby.jar:derbyshared.jar:derbytools.jar DumpDb.java DB_DIR DDL_OUT ROWS_OUT
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

public class DumpDb {

    public static void main(String[] args) throws Exception {
        String url = "jdbc:derby:" + args[0];
        org.apache.derby.tools.dblook.main(new String[] {"-d", url, "-o", args[1]});
        try (Connection c = DriverManager.getConnection(url);
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8))) {
            out.println("# " + url + " (strings over 200 characters shown as length, sha256 of UTF-8, first and last 40 code points)");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "APP", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            tables.sort(null);
            for (String table : tables) {
                TreeMap<Short, String> key = new TreeMap<>();
                try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, "APP", table)) {
                    while (rs.next()) {
                        key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                    }
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM APP.\"" + table + "\"")) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(md.getColumnName(i));
                    }
                    String order = key.isEmpty() ? String.join(", ", columns.stream().filter(col -> !isLob(c, table, col)).toList())
                            : String.join(", ", key.values());
                    try (ResultSet rows = s.executeQuery("SELECT * FROM APP.\"" + table + "\" ORDER BY " + order)) {
                        List<String> lines = new ArrayList<>();
                        while (rows.next()) {
                            List<String> values = new ArrayList<>();
                            for (int i = 1; i <= md.getColumnCount(); i++) {
                                values.add(md.getColumnName(i) + "=" + show(rows.getObject(i)));
                            }
                            lines.add("  " + String.join(" | ", values));
                        }
                        out.println();
                        out.println("## " + table + " (" + lines.size() + " rows, ordered by " + (key.isEmpty() ? "every column: no primary key" : order) + ")");
                        lines.forEach(out::println);
                    }
                }
            }
            out.println();
            out.println("## identity columns (next value)");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT T.TABLENAME, C.COLUMNNAME, C.AUTOINCREMENTVALUE, C.AUTOINCREMENTSTART, C.AUTOINCREMENTINC "
                            + "FROM SYS.SYSCOLUMNS C JOIN SYS.SYSTABLES T ON C.REFERENCEID = T.TABLEID "
                            + "WHERE C.AUTOINCREMENTINC IS NOT NULL ORDER BY T.TABLENAME")) {
                while (rs.next()) {
                    out.println("  " + rs.getString(1) + "." + rs.getString(2) + " next=" + rs.getObject(3) + " start="
                            + rs.getObject(4) + " increment=" + rs.getObject(5));
                }
            }
            out.println();
            out.println("## sequences");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT SEQUENCENAME, CURRENTVALUE, STARTVALUE, INCREMENT FROM SYS.SYSSEQUENCES ORDER BY SEQUENCENAME")) {
                while (rs.next()) {
                    out.println("  " + rs.getString(1) + " current=" + rs.getObject(2) + " start=" + rs.getObject(3)
                            + " increment=" + rs.getObject(4));
                }
            }
            if (out.checkError()) {
                throw new IllegalStateException("rows.txt was not written in full");
            }
        }
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true");
        } catch (SQLException expected) {
            System.out.println("shutdown: " + expected.getSQLState() + " " + expected.getMessage());
        }
    }

    static boolean isLob(Connection c, String table, String column) {
        try (ResultSet rs = c.getMetaData().getColumns(null, "APP", table, column)) {
            rs.next();
            String type = rs.getString("TYPE_NAME");
            return type.contains("LOB");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String show(Object value) throws Exception {
        if (value instanceof Clob clob) {
            value = clob.getSubString(1, (int) clob.length());
        }
        if (value instanceof String text) {
            String escaped = escape(text);
            if (text.length() <= 200) {
                return "'" + escaped + "'";
            }
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "<" + text.length() + " chars, " + text.codePointCount(0, text.length()) + " code points, "
                    + text.getBytes(StandardCharsets.UTF_8).length + " UTF-8 bytes, sha256 " + HexFormat.of().formatHex(sha)
                    + ", '" + escape(text.substring(0, text.offsetByCodePoints(0, 40))) + "'…'"
                    + escape(text.substring(text.offsetByCodePoints(text.length(), -40))) + "'>";
        }
        return String.valueOf(value);
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || Character.getType(cp) == Character.FORMAT || cp == 0xA0) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
