package org.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A WebSocket peer that completes the handshake and then neither reads nor answers: what a crashed laptop or a
 * stalled client looks like to the server. A WebSocket library cannot play this part, it answers pings by itself.
 */
public final class SilentPeer implements AutoCloseable {

    private final Socket socket;

    private SilentPeer(Socket socket) {
        this.socket = socket;
    }

    /** @param receiveBuffer the socket's receive buffer in bytes: small, so that a peer that does not read stalls soon */
    public static SilentPeer connect(URL base, String user, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        String key = Base64.getEncoder().encodeToString("parley-silent-1".getBytes(StandardCharsets.US_ASCII));
        SignIn.signUp(base, user);
        String request = "GET " + base.getPath() + "ws?ticket=" + SignIn.ticket(base, user) + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String response = readHeaders(socket.getInputStream());
        if (!response.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + response);
        }
        return new SilentPeer(socket);
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during handshake");
            }
            headers.write(b);
            byte[] bytes = headers.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return headers.toString(StandardCharsets.US_ASCII);
            }
        }
    }

    /** What {@link #readUntilClose()} returns when the server closed the socket without a close frame. */
    public static final int NO_CLOSE_FRAME = -1;

    /**
     * Starts reading at last: skips every frame the server had sent and returns the close code of its close frame,
     * or {@link #NO_CLOSE_FRAME}.
     */
    public int readUntilClose() throws IOException {
        return readUntilCloseFrame().code();
    }

    /**
     * A close frame's code and reason; {@link #NO_CLOSE_FRAME} and how the socket ended when it closed without one;
     * with the text frames that came before it.
     */
    public record Close(int code, String reason, List<String> texts) {
    }

    /** Like {@link #readUntilClose()}, with the close frame's reason. */
    public Close readUntilCloseFrame() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        List<String> texts = new ArrayList<>();
        try {
            return closeFrame(in, texts);
        } catch (EOFException | SocketException e) {
            // the reason says how it ended: the end of the stream (the server's FIN) or a reset
            return new Close(NO_CLOSE_FRAME, e.toString(), texts);
        }
    }

    private static Close closeFrame(DataInputStream in, List<String> texts) throws IOException {
        while (true) {
            Frame frame = Frame.read(in);
            if (frame.opcode() == 0x8) {
                byte[] payload = frame.payload();
                if (payload.length < 2) {
                    return new Close(1005, "", texts);
                }
                return new Close((payload[0] & 0xFF) << 8 | payload[1] & 0xFF,
                        new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8), texts);
            }
            if (frame.opcode() == 0x1) {
                texts.add(frame.text());
            }
        }
    }

    /** One unmasked frame from the server, whole. */
    private record Frame(int opcode, byte[] payload) {
        static Frame read(DataInputStream in) throws IOException {
            int opcode = in.readUnsignedByte() & 0x0F;
            long length = in.readUnsignedByte() & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = in.readNBytes(Math.toIntExact(length));
            if (payload.length < length) {
                throw new EOFException("the stream ended inside a frame");
            }
            return new Frame(opcode, payload);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads frames until a text frame containing {@code wanted}, answering nothing (no pong either): the frame has
     * reached this peer, and the server has no word of it.
     */
    public String awaitText(String wanted) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            Frame frame = Frame.read(in);
            if (frame.opcode() == 0x8) {
                throw new IOException("closed by the server before '" + wanted + "' came");
            }
            if (frame.opcode() == 0x1 && frame.text().contains(wanted)) {
                return frame.text();
            }
        }
    }

    /** Sends one text frame (masked, as a client must) while still reading nothing and answering no ping. */
    public void say(String text) throws IOException {
        burst(List.of(text));
    }

    /**
     * Sends these text frames in one write, so that they reach the server together: a client that sends a burst
     * and then waits, as opposed to one still sending when the server answers.
     */
    public void burst(List<String> texts) throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        byte[] mask = {7, 11, 13, 17};
        for (String text : texts) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            if (payload.length > 0xFFFF) {
                throw new IllegalArgumentException("frames of at most 64 KiB");
            }
            frames.write(0x81);
            if (payload.length <= 125) {
                frames.write(0x80 | payload.length);
            } else {
                frames.write(0x80 | 126);
                frames.write(payload.length >> 8);
                frames.write(payload.length & 0xFF);
            }
            frames.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frames.write(payload[i] ^ mask[i % 4]);
            }
        }
        socket.getOutputStream().write(frames.toByteArray());
    }

    /** Resets the connection without a close frame, as a crashed process or a pulled cable does. */
    public void vanish() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
