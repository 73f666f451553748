package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of bad input gets a clear error reply (with the request's id when it can be read),
 * the connection stays open, another connection is unaffected, and nothing stored is lost.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.realWar();
    }

    private MeshTestClient client;
    private MeshTestClient bystander;

    @BeforeEach
    void connect() throws Exception {
        client = MeshTestClient.connect();
        bystander = MeshTestClient.connect();
        client.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"keep\":\"me\"}}"));
        bystander.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"bystander\"}}"));
    }

    /** After each case: both connections work and the stored metadata is intact. */
    @AfterEach
    void bothConnectionsStillWork() throws Exception {
        try {
            assertFalse(client.isClosed(), "the offending connection stays open");
            assertEquals(obj("{\"keep\":\"me\"}"), client.call("mesh/get-my-connection-metadata", JsonValue.NULL).asJsonObject().get("metadata"));
            assertEquals(obj("{\"name\":\"bystander\"}"), bystander.call("mesh/get-my-connection-metadata", JsonValue.NULL).asJsonObject().get("metadata"));
        } finally {
            client.close();
            bystander.close();
        }
    }

    private static void assertError(JsonObject frame, String code, String name) {
        JsonObject payload = frame.getJsonObject("payload");
        assertEquals(code, payload.getString("code"), frame.toString());
        assertEquals(name, payload.getString("name"), frame.toString());
        assertFalse(payload.getString("error").isBlank());
    }

    private JsonObject errorPush() throws Exception {
        return client.awaitFrame(f -> !f.containsKey("id") && f.get("payload") instanceof JsonObject p && p.containsKey("code"));
    }

    @Test
    void aFrameThatIsNotJsonGetsAnErrorPush() throws Exception {
        client.sendRaw("this is not json");
        JsonObject push = errorPush();
        assertEquals("mesh/error", push.getString("command"));
        assertError(push, "EBADFRAME", "ProtocolError");
    }

    @Test
    void truncatedJsonIsAnsweredWithTheIdItBeganWith() throws Exception {
        client.sendRaw("{\"id\":5,\"command\":\"mesh/noop\",\"payload\":{\"a\":");
        JsonObject reply = client.awaitReply(5);
        assertEquals("mesh/noop", reply.getString("command"));
        assertError(reply, "EBADFRAME", "ProtocolError");
    }

    @Test
    void jsonThatIsNotAnObjectGetsAnErrorPush() throws Exception {
        for (String frame : new String[] {"[1,2,3]", "null", "\"text\"", "42"}) {
            client.sendRaw(frame);
            assertError(errorPush(), "EBADFRAME", "ProtocolError");
        }
    }

    @Test
    void aMissingOrNonStringCommandIsAnsweredWithTheSameId() throws Exception {
        client.sendRaw("{\"id\":11,\"payload\":{}}");
        assertError(client.awaitReply(11), "EBADFRAME", "ProtocolError");
        client.sendRaw("{\"id\":12,\"command\":42}");
        assertError(client.awaitReply(12), "EBADFRAME", "ProtocolError");
        client.sendRaw("{\"id\":13,\"command\":{\"name\":\"mesh/noop\"}}");
        assertError(client.awaitReply(13), "EBADFRAME", "ProtocolError");
    }

    @Test
    void anIdThatIsNotAnIntegerIsEchoedInTheError() throws Exception {
        String[] ids = {"\"abc\"", "1.5", "true", "null", "[1]", "{\"n\":1}", "1e400", "123456789012345678901234567890"};
        for (String id : ids) {
            client.sendRaw("{\"id\":" + id + ",\"command\":\"mesh/noop\"}");
            JsonValue expected = Json.createReader(new java.io.StringReader("[" + id + "]")).readArray().get(0);
            JsonObject reply = client.awaitFrame(f -> expected.equals(f.get("id")));
            assertEquals("mesh/noop", reply.getString("command"));
            assertError(reply, "EBADFRAME", "ProtocolError");
        }
    }

    @Test
    void aCommandWithoutAnIdIsNotRunAndGetsAnErrorPush() throws Exception {
        client.sendRaw("{\"command\":\"mesh/set-my-connection-metadata\",\"payload\":{\"metadata\":{\"changed\":true}}}");
        JsonObject push = errorPush();
        assertEquals("mesh/set-my-connection-metadata", push.getString("command"));
        assertError(push, "EBADFRAME", "ProtocolError");
    }

    @Test
    void anUnknownCommandIsENOTFOUND() throws Exception {
        JsonObject reply = client.request("no/such-command", JsonValue.EMPTY_JSON_OBJECT).asJsonObject();
        assertEquals("ENOTFOUND", reply.getString("code"));
        assertEquals("CommandError", reply.getString("name"));
    }

    @Test
    void wrongPayloadTypesForEveryBuiltIn() throws Exception {
        String[][] cases = {
            {"mesh/get-connection-metadata", "\"conn\""},
            {"mesh/get-connection-metadata", "{}"},
            {"mesh/get-connection-metadata", "{\"connectionId\":5}"},
            {"mesh/get-connection-metadata", "null"},
            {"mesh/set-my-connection-metadata", "\"text\""},
            {"mesh/set-my-connection-metadata", "{}"},
            {"mesh/set-my-connection-metadata", "[1,2]"},
            {"mesh/set-my-connection-metadata", "{\"metadata\":{\"a\":1},\"options\":\"merge\"}"},
            {"mesh/set-my-connection-metadata", "{\"metadata\":{\"a\":1},\"options\":{\"strategy\":\"shallow\"}}"},
            {"mesh/set-my-connection-metadata", "{\"metadata\":{\"a\":1},\"options\":{\"strategy\":7}}"},
            {"mesh/set-my-connection-metadata", "{\"metadata\":\"str\",\"options\":{\"strategy\":\"merge\"}}"},
            {"mesh/set-my-connection-metadata", "{\"metadata\":[1],\"options\":{\"strategy\":\"deepMerge\"}}"},
            {"mesh/join-room", "{}"},
            {"mesh/join-room", "\"lobby\""},
            {"mesh/join-room", "{\"roomName\":123}"},
            {"mesh/join-room", "{\"roomName\":{\"a\":1}}"},
            {"mesh/leave-room", "{\"roomName\":null}"},
            {"mesh/get-room-metadata", "[]"},
        };
        for (String[] c : cases) {
            JsonObject reply = client.request(c[0], Json.createReader(new java.io.StringReader("[" + c[1] + "]")).readArray().get(0)).asJsonObject();
            assertEquals("EPAYLOAD", reply.getString("code"), c[0] + " " + c[1] + " -> " + reply);
            assertEquals("PayloadError", reply.getString("name"));
        }
        assertTrue(client.call("mesh/get-my-connection-metadata", JsonValue.NULL).toString().contains("keep"));
    }

    @Test
    void metadataOverTheSizeLimitIsRefusedAndTheOldValueKept() throws Exception {
        String big = "x".repeat(17 * 1024);
        JsonObject reply = client.request("mesh/set-my-connection-metadata",
            Json.createObjectBuilder().add("metadata", Json.createObjectBuilder().add("blob", big)).build()).asJsonObject();
        assertEquals("EMETADATASIZE", reply.getString("code"));
        assertEquals("LimitError", reply.getString("name"));
        JsonObject merge = client.request("mesh/set-my-connection-metadata",
            Json.createObjectBuilder().add("metadata", Json.createObjectBuilder().add("blob", "y".repeat(16 * 1024)))
                .add("options", obj("{\"strategy\":\"merge\"}")).build()).asJsonObject();
        assertEquals("EMETADATASIZE", merge.getString("code"), "the merged value counts");
    }

    @Test
    void aFrameOverTheLimitIsRefusedWithItsId() throws Exception {
        String payload = "{\"metadata\":{\"blob\":\"" + "z".repeat(70 * 1024) + "\"}}";
        client.sendRaw("{\"id\":77,\"command\":\"mesh/set-my-connection-metadata\",\"payload\":" + payload + "}");
        JsonObject reply = client.awaitReply(77);
        assertError(reply, "EFRAMESIZE", "LimitError");
    }

    @Test
    void deepNestingIsRefused() throws Exception {
        String deep = "[".repeat(500) + "]".repeat(500);
        client.sendRaw("{\"id\":88,\"command\":\"mesh/noop\",\"payload\":" + deep + "}");
        assertError(client.awaitReply(88), "EDEPTH", "LimitError");
    }

    @Test
    void aBinaryFrameGetsAnErrorPush() throws Exception {
        client.sendBinary(new byte[] {1, 2, 3});
        assertError(errorPush(), "EBADFRAME", "ProtocolError");
    }

    @Test
    void missingMetadataIsRefusedAndDoesNotWipeTheStoredValue() throws Exception {
        JsonObject reply = client.request("mesh/set-my-connection-metadata", obj("{\"options\":{\"strategy\":\"merge\"}}")).asJsonObject();
        assertEquals("EPAYLOAD", reply.getString("code"));
    }
}
