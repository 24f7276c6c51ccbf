package org.parley.testing.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.parley.testing.FreePort;
import org.parley.testing.PageAnswer;
import org.parley.testing.SuiteContainer;

/**
 * Payara Micro as an Arquillian container that is started with the WAR and serves it until stopped. Payara's own
 * adapter starts a server at each deployment, so a suite paid a Payara start (15–45 s) per test class, and when the
 * WAR failed to deploy it went on with an empty context path (the tests then failed later on "unsupported URI").
 * Here the suite's container starts once, as WildFly's does, and a start that does not end with Parley answering
 * fails at once with the server log's errors.
 * <p>
 * It serves one application, the WAR of its configuration, on one server per test JVM ({@link SuiteContainer}),
 * stopped (as Ctrl+C would) when the JVM ends. Tests that need Parley restarted or with settings of their own start
 * one without Arquillian (org.parley.testing.ParleyServer).
 */
public class PayaraMicroContainer extends SuiteContainer<PayaraMicroConfiguration> {

    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in");
    private static final AtomicInteger STARTS = new AtomicInteger();

    /**
     * This JVM's server and its port, once started: shared by every instance Arquillian makes of this class. Volatile,
     * not guarded by the start's lock: the shutdown hook must not wait for a start still under way to stop it.
     */
    private static volatile Process server;
    private static volatile int port;

    private PayaraMicroConfiguration configuration;

    @Override
    public Class<PayaraMicroConfiguration> getConfigurationClass() {
        return PayaraMicroConfiguration.class;
    }

    @Override
    public void setup(PayaraMicroConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        synchronized (PayaraMicroContainer.class) {
            if (server == null || !server.isAlive()) {
                launch();
            }
        }
    }

    private void launch() throws LifecycleException {
        port = configuration.getHttpPort() > 0 ? configuration.getHttpPort() : FreePort.pick();
        Path log = Path.of("payara-micro-" + STARTS.incrementAndGet() + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(words(configuration.getJavaVmArguments()));
        command.addAll(List.of("-jar", configuration.getMicroJar(), "--nocluster", "--port", String.valueOf(port),
                "--contextroot", "parley", "--deploy", configuration.getWar()));
        command.addAll(words(configuration.getExtraMicroOptions()));
        try {
            server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new LifecycleException("Could not start Payara Micro: " + command, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(PayaraMicroContainer::destroy, "stop Payara Micro"));
        awaitParley(log);
    }

    /** Returns once Payara says it is ready and Parley answers; fails with the log's errors if either never comes. */
    private void awaitParley(Path log) throws LifecycleException {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(configuration.getStartupTimeoutInSeconds()))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !server.isAlive() || READY.matcher(read(log)).find());
        } catch (ConditionTimeoutException e) {
            throw failed(log, "Payara Micro was not ready within " + configuration.getStartupTimeoutInSeconds() + " s");
        }
        if (!server.isAlive()) {
            throw failed(log, "Payara Micro exited");
        }
        try {
            PageAnswer.await(new URL(base(), "api/mode"), Duration.ofSeconds(10));
        } catch (ConditionTimeoutException | MalformedURLException e) {
            throw failed(log, "Payara Micro is ready but Parley is not deployed");
        }
    }

    private LifecycleException failed(Path log, String what) {
        List<String> lines = read(log).replaceAll("\u001B\\[[;\\d]*m", "").lines().toList();
        List<String> said = new ArrayList<>();
        for (int i = 0; i < lines.size() && said.size() < 40; i++) {
            if (lines.get(i).contains("SEVERE")) {
                said.addAll(lines.subList(i, Math.min(lines.size(), i + 4)));
            }
        }
        destroy();
        return new LifecycleException(what + "; the server log (" + log + ") says:\n" + String.join("\n",
                said.isEmpty() ? lines.subList(Math.max(0, lines.size() - 30), lines.size()) : said));
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URL base() throws MalformedURLException {
        return new URL("http://localhost:" + port + "/parley/");
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }

    private static void destroy() {
        Process running = server;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected URL running() {
        try {
            return server != null && server.isAlive() ? base() : null;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
