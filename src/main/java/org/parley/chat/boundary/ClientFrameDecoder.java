package org.parley.chat.boundary;

import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import org.parley.chat.entity.ClientFrame;
import org.parley.setup.Setting;

/** Turns every text frame into a {@link ClientFrame}; unreadable ones become a refusal, never an exception. */
public class ClientFrameDecoder implements Decoder.Text<ClientFrame> {

    private int limitBytes;

    @Override
    public void init(EndpointConfig config) {
        limitBytes = Setting.FRAME_LIMIT.positiveInt();
    }

    @Override
    public ClientFrame decode(String text) {
        return ClientFrame.parse(text, limitBytes);
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
