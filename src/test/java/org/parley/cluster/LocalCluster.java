package org.parley.cluster;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.parley.testing.Broker;
import org.parley.testing.ExternalDatabase;
import org.parley.testing.PayaraMicroServer;
import org.parley.testing.PostgresDatabase;

/**
 * README "Several servers as one chat": {@code ./mvnw -DskipTests -Pcluster package} builds Parley and runs this,
 * which starts a chat of two servers on this machine as the tests do — one ActiveMQ Artemis broker, one PostgreSQL
 * server (Debian's, with a cluster of its own), and Payara Micro twice, on ports 8081 and 8082 — and keeps them until
 * Ctrl+C.
 */
public final class LocalCluster {

    private LocalCluster() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(System.getProperty("parley.war")).getParent().resolve("local-cluster");
        Files.createDirectories(work);
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the chat's servers, broker and database");
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    System.out.println("Could not stop " + running.get(i) + ": " + e);
                }
            }
            stopped.countDown();
        }));
        ExternalDatabase database = PostgresDatabase.start(work.resolve("shared-db"));
        running.add(database);
        Broker broker = Broker.start();
        running.add(broker);
        Path commands = ClusterCommands.forPayaraMicro(work, database, broker);
        Map<String, String> settings = Map.of(
                "parley.datasource", "jdbc/parley",
                "parley.cluster.connectionFactory", "jms/parleyConnectionFactory");
        List<PayaraMicroServer> nodes = new ArrayList<>();
        for (int port : new int[] {8081, 8082}) {
            PayaraMicroServer node = PayaraMicroServer.withCommands(work.resolve("server-" + port), port, commands,
                    database.driverJars());
            running.add(node);
            nodes.add(node);
        }
        // both boot at once
        CompletableFuture<URL> first = CompletableFuture.supplyAsync(() -> nodes.get(0).start(settings));
        nodes.get(1).start(settings);
        first.join();
        System.out.println();
        System.out.println("Parley runs as one chat on two servers, sharing a database (" + database
                + ") and a broker (Artemis, port " + broker.port() + "):");
        nodes.forEach(node -> System.out.println("    " + node.base()));
        System.out.println("Open one tab on each, sign up and chat. Logs: " + work + ". Ctrl+C stops everything.");
        stopped.await();
    }
}
