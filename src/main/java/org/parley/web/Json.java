package org.parley.web;

import jakarta.json.spi.JsonProvider;

/** One provider for the whole protocol: looking it up per frame costs a service-loader scan each time. */
public final class Json {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Json() {
    }
}
