package org.parley.chat.entity;

import jakarta.json.spi.JsonProvider;

/** One provider for the whole protocol: looking it up per frame costs a service-loader scan each time. */
final class Json {

    static final JsonProvider PROVIDER = JsonProvider.provider();

    private Json() {
    }
}
