package org.parley.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import org.parley.testing.Broker;
import org.parley.testing.ExternalDatabase;

/** The operator's post-boot commands of server-config/payara, with this test's database, broker and files. */
public final class ClusterCommands {

    private ClusterCommands() {
    }

    /** One command file, as Payara Micro takes one: the shared database's pool, then the broker's adapter. */
    public static Path forPayaraMicro(Path work, ExternalDatabase database, Broker broker) throws Exception {
        String datasource = Files.readString(ExternalDatabase.serverConfig("payara/parley-datasource.micro.asadmin"))
                .replace("portNumber=1527", "portNumber=" + database.port())
                .replace("user=parley:password=change-me",
                        "user=" + ExternalDatabase.USER + ":password=" + ExternalDatabase.PASSWORD);
        String cluster = Files.readString(ExternalDatabase.serverConfig("payara/parley-cluster.micro.asadmin"))
                .replace("port\\=61616", "port\\=" + broker.port())
                .replace("/opt/parley/parley-artemis-ra.rar", System.getProperty("parley.artemis.rar"));
        Path commands = work.resolve("parley-cluster.micro.asadmin");
        Files.writeString(commands, datasource + "\n" + cluster);
        return commands;
    }
}
