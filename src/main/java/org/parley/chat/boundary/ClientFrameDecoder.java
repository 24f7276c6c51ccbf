package org.parley.chat.boundary;

import jakarta.websocket.Decoder;
import org.parley.chat.entity.ClientFrame;

/** Turns every text frame into a {@link ClientFrame}; unreadable ones become a refusal, never an exception. */
public class ClientFrameDecoder implements Decoder.Text<ClientFrame> {

    @Override
    public ClientFrame decode(String text) {
        return ClientFrame.parse(text);
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
