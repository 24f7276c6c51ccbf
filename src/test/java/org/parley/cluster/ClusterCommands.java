package org.parley.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.parley.bench.PayaraPool;
import org.parley.testing.Broker;
import org.parley.testing.ExternalDatabase;

/** The operator's files of server-config, with this test's database, broker and files filled in. */
public final class ClusterCommands {

    private ClusterCommands() {
    }

    /** One command file, as Payara Micro takes one: the shared database's pool, then the broker's adapter. */
    public static Path forPayaraMicro(Path work, ExternalDatabase database, Broker broker) throws Exception {
        String datasource = payaraMicroDataSource(database);
        String cluster = Files.readString(ExternalDatabase.serverConfig("payara/parley-cluster.micro.asadmin"))
                .replace("port\\=61616", "port\\=" + broker.port())
                .replace("/opt/parley/parley-artemis-ra.rar", System.getProperty("parley.artemis.rar"));
        Path commands = work.resolve("parley-cluster.micro.asadmin");
        Files.writeString(commands, datasource + "\n" + cluster);
        return commands;
    }

    /**
     * server-config/payara/parley-datasource.micro.asadmin with this test's database in the pool: its data source
     * class and that class's properties, where the operator puts their own.
     */
    public static String payaraMicroDataSource(ExternalDatabase database) throws IOException {
        String template = Files.readString(ExternalDatabase.serverConfig("payara/parley-datasource.micro.asadmin"));
        return PayaraPool.filled(template, database.dataSourceClass(), database.poolProperties());
    }

    /** server-config/wildfly/parley-datasource.properties, with this test's database and its driver's jars. */
    public static Path wildFlyDataSource(Path work, ExternalDatabase database) throws IOException {
        String jars = database.driverJars().stream().map(Path::toString)
                .collect(Collectors.joining(System.getProperty("path.separator")));
        return filled("wildfly/parley-datasource.properties", work, Map.of(
                "parley.driver.module", database.wildFlyDriver().module(),
                "parley.driver.jars", jars,
                "parley.driver.name", database.wildFlyDriver().name(),
                "parley.driver.class", database.wildFlyDriver().driverClass(),
                "parley.db.url", database.url(),
                "parley.db.user", ExternalDatabase.USER,
                "parley.db.password", ExternalDatabase.PASSWORD));
    }

    /** server-config/wildfly/parley-cluster.properties, with this test's broker. */
    static Path wildFlyCluster(Path work, Broker broker) throws IOException {
        return filled("wildfly/parley-cluster.properties", work, Map.of(
                "parley.cluster.broker.host", "localhost",
                "parley.cluster.broker.port", Integer.toString(broker.port())));
    }

    /**
     * A copy of an operator's properties file with these keys' values replaced, the rest as the operator has it; a
     * key the file does not have fails, as the script would then not get what the test means to give it.
     */
    private static Path filled(String template, Path work, Map<String, String> values) throws IOException {
        Map<String, String> left = new HashMap<>(values);
        List<String> lines = Files.readAllLines(ExternalDatabase.serverConfig(template)).stream()
                .map(line -> {
                    String key = line.startsWith("#") || !line.contains("=") ? "" : line.substring(0, line.indexOf('='));
                    String value = left.remove(key);
                    return value == null ? line : key + "=" + value;
                })
                .toList();
        if (!left.isEmpty()) {
            throw new IllegalStateException(template + " has no " + left.keySet());
        }
        Path copy = work.resolve(Path.of(template).getFileName());
        Files.write(copy, lines);
        return copy;
    }
}
