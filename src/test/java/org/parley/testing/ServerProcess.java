package org.parley.testing;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** The restartable server's own process, for a test that kills it as a power cut or {@code kill -9} would. */
public final class ServerProcess {

    private ServerProcess() {
    }

    /**
     * Sends SIGKILL to the restartable server: nothing of Parley runs after it, no shutdown hook, no flush. Only a
     * process this JVM started (its containers launch the servers as its children) is a candidate, so a build running
     * beside this one, with a server on the same port option, is never touched.
     */
    public static void killHard() {
        String mark = "wildfly".equals(System.getProperty("parley.it.server"))
                ? "-Djboss.socket.binding.port-offset=2100" : "--port " + RestartableServer.payaraPortInUse();
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().map(line -> line.contains(mark)).orElse(false))
                .toList();
        if (servers.isEmpty()) {
            throw new IllegalStateException("no server process with " + mark + " among those this JVM started");
        }
        for (ProcessHandle server : servers) {
            server.destroyForcibly();
            try {
                server.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the server did not die", e);
            }
        }
    }
}
