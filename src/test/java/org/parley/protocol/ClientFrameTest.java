package org.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientFrameTest {

    private static ClientFrame.Send send(String text) {
        return assertInstanceOf(ClientFrame.Send.class, ClientFrame.parse(text));
    }

    private static ClientFrame.Refused refused(String text) {
        return assertInstanceOf(ClientFrame.Refused.class, ClientFrame.parse(text));
    }

    @Test
    void textFormSplitsAtTheFirstBarOnly() {
        ClientFrame.Send frame = send("bob|a|b");
        assertEquals("bob", frame.to());
        assertEquals("a|b", frame.body());
    }

    @Test
    void textFormWithEmptyRecipientOrNoBarIsABroadcast() {
        assertNull(send("|hello").to());
        assertEquals("hello", send("|hello").body());
        assertNull(send("hello there").to());
        assertEquals("hello there", send("hello there").body());
    }

    @Test
    void textFormKeepsTheBodyExactlyAsWritten() {
        assertEquals("  spaced \n lines  ", send("bob|  spaced \n lines  ").body());
    }

    @Test
    void jsonFormCarriesRecipientBodyAndRef() {
        ClientFrame.Send frame = send("{\"type\":\"send\",\"to\":\"bob\",\"body\":\"hi\",\"ref\":\"c1\"}");
        assertEquals("bob", frame.to());
        assertEquals("hi", frame.body());
        assertEquals("c1", frame.ref());
    }

    @Test
    void jsonFormWithoutNullOrEmptyRecipientIsABroadcast() {
        assertNull(send("{\"type\":\"send\",\"body\":\"hi\"}").to());
        assertNull(send("{\"type\":\"send\",\"to\":null,\"body\":\"hi\"}").to());
        assertNull(send(" {\"type\":\"send\",\"to\":\"\",\"body\":\"hi\"}").to());
    }

    @Test
    void brokenJsonIsRefusedAsInvalidFrame() {
        assertEquals(ErrorCode.INVALID_FRAME, refused("{\"type\":\"send\",").code());
        assertEquals(ErrorCode.INVALID_FRAME, refused("{not json}").code());
    }

    @Test
    void unknownTypeIsRefusedWithItsRef() {
        ClientFrame.Refused frame = refused("{\"type\":\"dance\",\"ref\":\"r9\"}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, frame.code());
        assertEquals("r9", frame.ref());
    }

    @Test
    void missingTypeBodyOrWrongFieldTypesAreRefused() {
        assertEquals(ErrorCode.INVALID_FRAME, refused("{\"body\":\"hi\"}").code());
        assertEquals(ErrorCode.INVALID_FRAME, refused("{\"type\":\"send\"}").code());
        assertEquals(ErrorCode.INVALID_FRAME, refused("{\"type\":\"send\",\"body\":5}").code());
        assertEquals(ErrorCode.INVALID_FRAME, refused("{\"type\":\"send\",\"body\":\"x\",\"to\":[1]}").code());
        assertEquals(ErrorCode.INVALID_FRAME, refused("{\"type\":\"send\",\"body\":\"x\",\"ref\":{}}").code());
    }

    @Test
    void overlongRefIsRefused() {
        assertEquals(ErrorCode.INVALID_FRAME,
                refused("{\"type\":\"send\",\"body\":\"x\",\"ref\":\"" + "r".repeat(65) + "\"}").code());
    }

    @Test
    void framesAreMeasuredInUtf8BytesAgainstTheLimit() {
        assertInstanceOf(ClientFrame.Send.class, ClientFrame.parse("x".repeat(100), 100));
        assertInstanceOf(ClientFrame.Oversized.class, ClientFrame.parse("x".repeat(101), 100));
        assertInstanceOf(ClientFrame.Send.class, ClientFrame.parse("中".repeat(33), 100));
        assertInstanceOf(ClientFrame.Oversized.class, ClientFrame.parse("中".repeat(34), 100));
        assertInstanceOf(ClientFrame.Send.class, ClientFrame.parse("😀".repeat(25), 100));
        assertInstanceOf(ClientFrame.Oversized.class, ClientFrame.parse("😀".repeat(26), 100));
    }

    @Test
    void jsonThatCannotBeReadWhollyIsRefusedAsInvalidFrame() {
        String send = "{\"type\":\"send\",\"to\":\"bob\",\"body\":\"hi\"}";
        assertEquals(ErrorCode.INVALID_FRAME, refused(send + " xyz").code(), "text after the object");
        assertEquals(ErrorCode.INVALID_FRAME, refused(send + "{}").code(), "a second object");
        assertEquals(ErrorCode.INVALID_FRAME, refused("{\"type\":\"send\",\"body\":\"x\",\"deep\":"
                + "[".repeat(10_000) + "]".repeat(10_000) + "}").code(), "nesting past the parser's depth limit");
        assertEquals(ErrorCode.INVALID_FRAME,
                refused("{\"type\":\"send\",\"to\":\"ann\",\"body\":\"x\",\"to\":\"ben\"}").code(),
                "a repeated key, which readers would take differently");
        assertEquals("hi", send(send + " \n").body(), "white space after the object is fine");
    }

    @Test
    void receivedAndReadFramesCarryAPositionThatMustBeAWholeNumber() {
        assertEquals(41, assertInstanceOf(ClientFrame.Received.class,
                ClientFrame.parse("{\"type\":\"received\",\"upTo\":41}")).upTo());
        ClientFrame.Read read = assertInstanceOf(ClientFrame.Read.class,
                ClientFrame.parse("{\"type\":\"read\",\"conversation\":\"ann:ben\",\"upTo\":7}"));
        assertEquals("ann:ben", read.conversation());
        assertEquals(7, read.upTo());
        for (String upTo : new String[] {"-1", "1.5", "\"3\"", "1e300", "9007199254740993", "null"}) {
            ClientFrame.Refused refused = assertInstanceOf(ClientFrame.Refused.class,
                    ClientFrame.parse("{\"type\":\"received\",\"upTo\":" + upTo + "}"), upTo);
            assertEquals(ErrorCode.INVALID_FRAME, refused.code());
        }
        assertInstanceOf(ClientFrame.Refused.class, ClientFrame.parse("{\"type\":\"read\",\"upTo\":7}"));
    }

    @Test
    void watchNamesPeopleAsTheServerSpellsThemAndIsBounded() {
        ClientFrame.Watch watch = assertInstanceOf(ClientFrame.Watch.class,
                ClientFrame.parse("{\"type\":\"watch\",\"users\":[\"ann\",\"ben\",\"ann\"]}"));
        assertEquals(java.util.Set.of("ann", "ben"), watch.users());
        assertEquals(ErrorCode.INVALID_FRAME, refused("{\"type\":\"watch\"}").code());
        assertEquals(ErrorCode.INVALID_FRAME, refused("{\"type\":\"watch\",\"users\":[1]}").code());
        assertEquals(ErrorCode.INVALID_RECIPIENT, refused("{\"type\":\"watch\",\"users\":[\"a b\"]}").code());
        String many = java.util.stream.IntStream.range(0, ClientFrame.MAX_WATCHED + 1)
                .mapToObj(i -> "\"p" + i + "\"").collect(java.util.stream.Collectors.joining(","));
        assertEquals(ErrorCode.INVALID_FRAME, refused("{\"type\":\"watch\",\"users\":[" + many + "]}").code());
    }

    @Test
    void roomFramesNameTheirActionAndWhatItNeeds() {
        ClientFrame.Room create = assertInstanceOf(ClientFrame.Room.class, ClientFrame.parse(
                "{\"type\":\"room\",\"action\":\"create\",\"name\":\"Team\",\"public\":true,\"ref\":\"r1\"}"));
        assertEquals(List.of(ClientFrame.RoomAction.CREATE, "Team", true, "r1"),
                List.of(create.action(), create.name(), create.open(), create.ref()));
        ClientFrame.Room kick = assertInstanceOf(ClientFrame.Room.class, ClientFrame.parse(
                "{\"type\":\"room\",\"action\":\"kick\",\"room\":\"#abc\",\"person\":\"ben\"}"));
        assertEquals(List.of("#abc", "ben"), List.of(kick.room(), kick.person()));
        assertEquals("r2", refused("{\"type\":\"room\",\"action\":\"kick\",\"room\":\"#abc\",\"ref\":\"r2\"}").ref(),
                "kick without a person");
        refused("{\"type\":\"room\",\"action\":\"join\"}");
        refused("{\"type\":\"room\",\"action\":\"fly\",\"room\":\"#abc\"}");
        refused("{\"type\":\"room\",\"action\":\"create\"}");
        refused("{\"type\":\"room\",\"action\":\"create\",\"name\":\"x\",\"public\":\"yes\"}");
        refused("{\"type\":\"room\",\"action\":\"role\",\"room\":\"#abc\",\"person\":\"ben\"}");
        refused("{\"type\":\"room\",\"action\":\"settings\",\"room\":\"#abc\",\"name\":\"n\",\"topic\":\"t\"}");
        assertInstanceOf(ClientFrame.Room.class, ClientFrame.parse(
                "{\"type\":\"room\",\"action\":\"settings\",\"room\":\"#abc\",\"topic\":\"t\"}"));
        assertTrue(send("#abc|hello").isToRoom(), "the text form reaches a room by its id");
        assertEquals("#abc", send("#abc|hello").to());
    }
}
