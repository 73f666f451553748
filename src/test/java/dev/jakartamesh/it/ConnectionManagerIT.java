package dev.jakartamesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.connection.ConnectionMetadata;
import dev.jakartamesh.metadata.MergeStrategy;
import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.room.RoomManager;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ConnectionManager inside the server, against real Redis and real WebSocket connections. */
@ExtendWith(ArquillianExtension.class)
class ConnectionManagerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTests(ConnectionManagerIT.class, ConnectionManagerIT.Profile.class,
            Concurrently.class, Concurrently.Task.class);
    }

    /** A typed view of connection metadata. */
    public record Profile(String userId, String role) {
    }

    @Inject
    ConnectionManager connections;

    @Inject
    RoomManager rooms;

    private static JsonObject userId(int id) {
        return Json.createObjectBuilder().add("userId", id).build();
    }

    @Test
    void serverWritesAreSeenByTheClientAndTypedReadsBind() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            assertNull(connections.getMetadata(client.connectionId()), "no metadata yet");
            assertTrue(connections.setMetadata(client.connectionId(), new Profile("user123", "admin")));
            assertEquals(Json.createObjectBuilder().add("metadata", Json.createObjectBuilder().add("userId", "user123").add("role", "admin")).build(),
                client.call("mesh/get-my-connection-metadata", JsonValue.NULL));
            assertEquals(new Profile("user123", "admin"), connections.getMetadata(client.connectionId(), Profile.class));

            JsonObject existing = connections.getMetadata(client.connectionId()).asJsonObject();
            connections.setMetadata(client.connectionId(), Json.createObjectBuilder(existing).add("lastActive", 1733312345678L).build());
            assertEquals(1733312345678L, connections.getMetadata(client.connectionId()).asJsonObject().getJsonNumber("lastActive").longValue());

            assertTrue(connections.setMetadata(client.connectionId(), null));
            assertNull(connections.getMetadata(client.connectionId()));
            assertTrue(connections.isConnected(client.connectionId()));
            assertTrue(connections.getLocalConnectionIds().contains(client.connectionId()));
            assertTrue(connections.getConnectionCount() >= 1);
        }
    }

    @Test
    void getAllMetadataListsEveryConnectionAsSingleEntryObjects() throws Exception {
        try (MeshTestClient a = MeshTestClient.connect(); MeshTestClient b = MeshTestClient.connect();
             MeshTestClient c = MeshTestClient.connect(); MeshTestClient none = MeshTestClient.connect();
             Jsonb jsonb = JsonbBuilder.create()) {
            connections.setMetadata(a.connectionId(), userId(100));
            connections.setMetadata(b.connectionId(), userId(200));
            connections.setMetadata(c.connectionId(), userId(300));
            Set<String> ours = Set.of(a.connectionId(), b.connectionId(), c.connectionId(), none.connectionId());

            List<ConnectionMetadata> all = connections.getAllMetadata().stream()
                .filter(entry -> ours.contains(entry.connectionId())).collect(Collectors.toList());
            assertEquals(4, all.size());
            for (ConnectionMetadata entry : all) {
                assertEquals(1, entry.size());
                assertEquals(entry.metadata(), entry.get(entry.connectionId()));
            }
            Map<String, JsonValue> byId = all.stream().collect(Collectors.toMap(ConnectionMetadata::connectionId, ConnectionMetadata::metadata));
            assertEquals(userId(200), byId.get(b.connectionId()));
            assertEquals(JsonValue.NULL, byId.get(none.connectionId()));

            List<ConnectionMetadata> one = List.of(new ConnectionMetadata(a.connectionId(), userId(100)));
            assertEquals("[{\"" + a.connectionId() + "\":{\"userId\":100}}]", jsonb.toJson(one));
        }
    }

    @Test
    void getAllMetadataWithAFilter() throws Exception {
        try (MeshTestClient a = MeshTestClient.connect(); MeshTestClient b = MeshTestClient.connect();
             MeshTestClient c = MeshTestClient.connect(); MeshTestClient d = MeshTestClient.connect()) {
            String tag = UUID.randomUUID().toString();
            int[] ids = {50, 123, 234, 301};
            MeshTestClient[] clients = {a, b, c, d};
            for (int i = 0; i < clients.length; i++) {
                connections.setMetadata(clients[i].connectionId(), Json.createObjectBuilder().add("userId", ids[i]).add("tag", tag).build());
            }
            List<ConnectionMetadata> filtered = connections.getAllMetadata((id, metadata) ->
                metadata instanceof JsonObject o && tag.equals(o.getString("tag", null))
                    && o.getInt("userId") > 100 && o.getInt("userId") < 300);
            assertEquals(Set.of(b.connectionId(), c.connectionId()),
                filtered.stream().map(ConnectionMetadata::connectionId).collect(Collectors.toSet()));
        }
    }

    @Test
    void getAllMetadataForRoomListsOnlyTheRoomsMembers() throws Exception {
        String room = "cm-room-" + UUID.randomUUID();
        try (MeshTestClient a = MeshTestClient.connect(); MeshTestClient b = MeshTestClient.connect();
             MeshTestClient outside = MeshTestClient.connect()) {
            connections.setMetadata(a.connectionId(), userId(1));
            connections.setMetadata(b.connectionId(), userId(2));
            a.call("mesh/join-room", Json.createObjectBuilder().add("roomName", room).build());
            assertTrue(rooms.addToRoom(room, b.connectionId()));
            List<ConnectionMetadata> members = connections.getAllMetadataForRoom(room);
            assertEquals(Map.of(a.connectionId(), userId(1), b.connectionId(), userId(2)),
                members.stream().collect(Collectors.toMap(ConnectionMetadata::connectionId, ConnectionMetadata::metadata)));
            assertTrue(connections.getAllMetadataForRoom("empty-" + UUID.randomUUID()).isEmpty());
            MeshException bad = assertThrows(MeshException.class, () -> connections.getAllMetadataForRoom(""));
            assertEquals(ErrorCode.EROOMNAME, bad.code());
        }
    }

    @Test
    void writesAfterCloseDoNotResurrectTheConnection() throws Exception {
        MeshTestClient client = MeshTestClient.connect();
        String id = client.connectionId();
        connections.setMetadata(id, userId(9));
        client.close();
        try (RedisProbe redis = new RedisProbe()) {
            assertTrue(RedisProbe.eventually(() -> !connections.isConnected(id)));
            assertFalse(connections.setMetadata(id, userId(10)));
            assertFalse(connections.setMetadata(id, userId(11), MergeStrategy.MERGE));
            assertFalse(rooms.addToRoom("resurrect-" + UUID.randomUUID(), id));
            assertNull(connections.getMetadata(id));
            assertTrue(redis.leftNothingOf(id));
        }
    }

    @Test
    void concurrentMergesFromManyThreadsLoseNoField() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            String id = client.connectionId();
            connections.setMetadata(id, Json.createObjectBuilder().add("nested", Json.createObjectBuilder().add("base", true)).build());
            int threads = 16;
            int writes = 10;
            Concurrently.run(threads, thread -> {
                for (int i = 0; i < writes; i++) {
                    String field = "f" + thread + "_" + i;
                    boolean deep = i % 2 == 0;
                    JsonObject update = deep
                        ? Json.createObjectBuilder().add("nested", Json.createObjectBuilder().add(field, i)).build()
                        : Json.createObjectBuilder().add(field, i).build();
                    assertTrue(connections.setMetadata(id, update, deep ? MergeStrategy.DEEP_MERGE : MergeStrategy.MERGE));
                }
            });
            JsonObject result = connections.getMetadata(id).asJsonObject();
            JsonObject nested = result.getJsonObject("nested");
            assertTrue(nested.getBoolean("base"));
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < writes; i++) {
                    String field = "f" + t + "_" + i;
                    assertEquals(i, (i % 2 == 0 ? nested : result).getInt(field), field);
                }
            }
            assertEquals(1 + threads * writes / 2, result.size());
        }
    }

    @Test
    void serverWritesObeyTheLimitsAndTypes() throws Exception {
        try (MeshTestClient client = MeshTestClient.connect()) {
            String id = client.connectionId();
            connections.setMetadata(id, userId(1));
            MeshException tooBig = assertThrows(MeshException.class,
                () -> connections.setMetadata(id, Map.of("blob", "x".repeat(20_000))));
            assertEquals(ErrorCode.EMETADATASIZE, tooBig.code());
            MeshException notObject = assertThrows(MeshException.class,
                () -> connections.setMetadata(id, "just a string", MergeStrategy.MERGE));
            assertEquals(ErrorCode.EPAYLOAD, notObject.code());
            assertEquals(userId(1), connections.getMetadata(id));
            assertTrue(connections.setMetadata(id, "just a string"));
            assertEquals(Json.createValue("just a string"), connections.getMetadata(id));
        }
    }
}
