package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a simulated person keeps of the frames it is sent, for the crash check. */
class BenchUserTest {

    @Test
    void aRecordingUserKeepsItsDirectMessagesInOrderAndTheAcknowledgementsOfItsRefs() {
        BenchUser user = new BenchUser("ann", new Tally(1), true);
        EmbeddedChannel channel = new EmbeddedChannel(user);
        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"message\",\"seq\":41,\"id\":\"x\","
                + "\"conversation\":\"ann:bob\",\"from\":\"bob\",\"to\":\"ann\",\"body\":\"3:100\",\"offline\":true}"));
        // a message to everyone: its body's number is the broadcast's, not one of the direct messages'
        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"message\",\"seq\":42,\"id\":\"y\","
                + "\"conversation\":\"everyone\",\"from\":\"bob\",\"body\":\"3:200\",\"offline\":true}"));
        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"message\",\"seq\":57,\"id\":\"z\","
                + "\"conversation\":\"ann:bob\",\"from\":\"ann\",\"to\":\"bob\",\"body\":\"9:300\",\"offline\":true}"));
        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"ack\",\"id\":\"w\",\"seq\":60,"
                + "\"conversation\":\"ann:bob\",\"status\":\"stored\",\"sentAt\":\"2026-12-06T00:00:00Z\",\"ref\":\"12\"}"));
        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"caught-up\",\"upTo\":57,\"count\":3}"));
        assertEquals(List.of(new CrashCheck.Received(41, 3), new CrashCheck.Received(57, 9)), user.stream());
        assertEquals(Map.of("12", 60L), user.acked());
        assertTrue(user.caughtUp().isDone());
    }

    @Test
    void aUserThatDoesNotRecordKeepsNoStream() {
        BenchUser user = new BenchUser("ann", new Tally(1), false);
        new EmbeddedChannel(user).writeInbound(new TextWebSocketFrame("{\"type\":\"message\",\"seq\":41,"
                + "\"conversation\":\"ann:bob\",\"from\":\"bob\",\"to\":\"ann\",\"body\":\"3:100\"}"));
        assertEquals(List.of(), user.stream());
    }
}
