package org.parley.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Parley's HTTP API, under {@code /parley/api}: signing up, in and out. */
@ApplicationPath("api")
public class ParleyApi extends Application {
}
