package org.parley.operations.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.parley.live.control.Lobby;
import org.parley.operations.control.Readiness;

/**
 * Parley's own stop, as the web application stops (undeploy, or the server stopping, as on SIGTERM). A listener of
 * the web application's, because that is the last moment the sockets are still open on both servers: WildFly's
 * WebSocket container closes every session (1001) before the application's beans are destroyed, and a bean's
 * destruction callbacks came too late there.
 */
@WebListener
public class StopListener implements ServletContextListener {

    @Inject
    Readiness readiness;

    @Inject
    Lobby lobby;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        readiness.stopping();
        lobby.stop();
    }
}
