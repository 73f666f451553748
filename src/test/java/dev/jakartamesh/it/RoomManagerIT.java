package dev.jakartamesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.metadata.MergeStrategy;
import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.room.RoomManager;
import dev.jakartamesh.room.RoomMember;
import dev.jakartamesh.sample.RoomDirectory;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.function.Executable;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** RoomManager and the sample enterprise beans inside the server, against real Redis and real connections. */
@ExtendWith(ArquillianExtension.class)
class RoomManagerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTests(RoomManagerIT.class, RoomManagerIT.RoomInfo.class,
            Concurrently.class, Concurrently.Task.class);
    }

    /** A typed view of room metadata. */
    public record RoomInfo(String topic, String createdBy, int maxUsers) {
    }

    @Inject
    RoomManager rooms;

    @Inject
    ConnectionManager connections;

    @Inject
    RoomDirectory directory;

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static JsonObject json(String text) {
        return Json.createReader(new java.io.StringReader(text)).readObject();
    }

    @Test
    void setReplacesGetReadsAndNullDeletes() {
        String room = unique("lobby");
        assertNull(rooms.getMetadata(room));
        rooms.setMetadata(room, new RoomInfo("General", "user123", 10));
        assertEquals(json("{\"topic\":\"General\",\"createdBy\":\"user123\",\"maxUsers\":10}"), rooms.getMetadata(room));
        assertEquals(new RoomInfo("General", "user123", 10), rooms.getMetadata(room, RoomInfo.class));
        assertTrue(rooms.getAllRooms().contains(room), "a room with metadata is listed");

        rooms.setMetadata(room, Map.of("topic", "Replaced"));
        assertEquals(json("{\"topic\":\"Replaced\"}"), rooms.getMetadata(room), "set replaces the whole value");

        rooms.setMetadata(room, null);
        assertNull(rooms.getMetadata(room));
        assertFalse(rooms.getAllMetadata().containsKey(room));
        assertFalse(rooms.getAllRooms().contains(room), "no members and no metadata: not listed");
    }

    @Test
    void updateMetadataMergesFields() {
        String room = unique("update");
        assertEquals(json("{\"topic\":\"First\"}"), rooms.updateMetadata(room, Map.of("topic", "First")), "creates when absent");
        rooms.setMetadata(room, json("{\"topic\":\"General\",\"createdBy\":\"user123\",\"settings\":{\"a\":1,\"b\":2}}"));
        JsonValue merged = rooms.updateMetadata(room, json("{\"topic\":\"New Topic\",\"settings\":{\"b\":3}}"));
        assertEquals(json("{\"topic\":\"New Topic\",\"createdBy\":\"user123\",\"settings\":{\"b\":3}}"), merged);
        assertEquals(merged, rooms.getMetadata(room));
        rooms.updateMetadata(room, json("{\"settings\":{\"c\":4}}"), MergeStrategy.DEEP_MERGE);
        assertEquals(json("{\"b\":3,\"c\":4}"), rooms.getMetadata(room).asJsonObject().getJsonObject("settings"));
        MeshException notObject = assertThrows(MeshException.class, () -> rooms.updateMetadata(room, "text"));
        assertEquals(ErrorCode.EPAYLOAD, notObject.code());
    }

    @Test
    void getAllMetadataMapsRoomNamesToMetadataWithAnOptionalFilter() throws Exception {
        String tag = UUID.randomUUID().toString();
        String lobby = "lobby-" + tag;
        String dev = "dev-" + tag;
        String help = "help-" + tag;
        rooms.setMetadata(lobby, json("{\"type\":\"public\",\"topic\":\"General\"}"));
        rooms.setMetadata(dev, json("{\"type\":\"private\",\"topic\":\"Dev Chat\"}"));
        rooms.setMetadata(help, json("{\"type\":\"public\",\"topic\":\"Support\"}"));

        Map<String, JsonValue> all = rooms.getAllMetadata();
        assertEquals(json("{\"type\":\"private\",\"topic\":\"Dev Chat\"}"), all.get(dev));
        Map<String, JsonValue> publicRooms = rooms.getAllMetadata((name, metadata) -> name.endsWith(tag)
            && metadata instanceof JsonObject o && "public".equals(o.getString("type", null)));
        assertEquals(Set.of(lobby, help), publicRooms.keySet());

        Map<String, JsonValue> two = new LinkedHashMap<>();
        two.put(help, all.get(help));
        two.put(lobby, all.get(lobby));
        try (Jsonb jsonb = JsonbBuilder.create()) {
            assertEquals("{\"" + help + "\":{\"type\":\"public\",\"topic\":\"Support\"},\"" + lobby
                + "\":{\"type\":\"public\",\"topic\":\"General\"}}", jsonb.toJson(two));
        }
    }

    @Test
    void membershipMethods() throws Exception {
        String room = unique("members");
        String other = unique("other");
        try (MeshTestClient a = MeshTestClient.connect(); MeshTestClient b = MeshTestClient.connect()) {
            assertTrue(rooms.addToRoom(room, a.connectionId()));
            assertTrue(rooms.addToRoom(room, b.connectionId()));
            assertTrue(rooms.addToRoom(other, a.connectionId()));
            assertTrue(rooms.isInRoom(room, a.connectionId()));
            assertFalse(rooms.isInRoom(other, b.connectionId()));
            assertEquals(Set.of(a.connectionId(), b.connectionId()), rooms.getRoomMembers(room));
            assertEquals(Set.of(room, other), rooms.getRoomsForConnection(a.connectionId()));
            assertTrue(rooms.getAllRooms().containsAll(Set.of(room, other)));

            assertTrue(rooms.removeFromRoom(room, b.connectionId()));
            assertFalse(rooms.removeFromRoom(room, b.connectionId()), "already left");
            assertEquals(Set.of(a.connectionId()), rooms.getRoomMembers(room));
            assertTrue(rooms.getRoomsForConnection(b.connectionId()).isEmpty());

            assertTrue(rooms.removeFromRoom(other, a.connectionId()));
            assertFalse(rooms.getAllRooms().contains(other), "an empty room without metadata leaves the index");
            assertFalse(rooms.addToRoom(room, "no-such-connection"), "only registered connections join");

            List<RoomMember> present = rooms.joinRoom(room, b.connectionId());
            assertEquals(Set.of(a.connectionId(), b.connectionId()), present.stream().map(RoomMember::id).collect(Collectors.toSet()));
        }
    }

    @Test
    void clearRoomRemovesEveryMemberAndTheMetadata() throws Exception {
        String room = unique("clear");
        try (MeshTestClient a = MeshTestClient.connect(); MeshTestClient b = MeshTestClient.connect()) {
            connections.setMetadata(a.connectionId(), Map.of("name", "a"));
            rooms.setMetadata(room, Map.of("topic", "to be cleared"));
            rooms.addToRoom(room, a.connectionId());
            rooms.addToRoom(room, b.connectionId());
            String kept = unique("kept");
            rooms.addToRoom(kept, a.connectionId());

            assertEquals(2, rooms.clearRoom(room));
            assertNull(rooms.getMetadata(room));
            assertTrue(rooms.getRoomMembers(room).isEmpty());
            assertFalse(rooms.getAllRooms().contains(room));
            assertEquals(Set.of(kept), rooms.getRoomsForConnection(a.connectionId()));
            assertTrue(rooms.getRoomsForConnection(b.connectionId()).isEmpty());
            assertEquals(json("{\"name\":\"a\"}"), connections.getMetadata(a.connectionId()), "members stay connected");
            assertEquals(json("{\"metadata\":{\"name\":\"a\"}}"), a.call("mesh/get-my-connection-metadata", JsonValue.NULL));
            assertEquals(json("{\"metadata\":null}"), a.call("mesh/get-room-metadata", Json.createObjectBuilder().add("roomName", room).build()));
        }
    }

    @Test
    void deleteRoomRemovesTheRoomWhole() throws Exception {
        String room = unique("delete");
        try (MeshTestClient a = MeshTestClient.connect()) {
            rooms.setMetadata(room, Map.of("topic", "bye"));
            rooms.addToRoom(room, a.connectionId());
            assertTrue(rooms.deleteRoom(room));
            assertFalse(rooms.deleteRoom(room), "already gone");
            assertNull(rooms.getMetadata(room));
            assertFalse(rooms.isInRoom(room, a.connectionId()));
            assertFalse(rooms.getAllRooms().contains(room));
            assertTrue(rooms.getRoomsForConnection(a.connectionId()).isEmpty());
        }
    }

    @Test
    void badRoomNamesAreRefusedByEveryMethod() {
        String[] names = {null, "", "x".repeat(257), "a\u0000b", "new\nline"};
        for (String name : names) {
            List<Executable> calls = List.of(
                () -> rooms.setMetadata(name, Map.of("a", 1)),
                () -> rooms.updateMetadata(name, Map.of("a", 1)),
                () -> rooms.getMetadata(name),
                () -> rooms.addToRoom(name, "c"),
                () -> rooms.removeFromRoom(name, "c"),
                () -> rooms.isInRoom(name, "c"),
                () -> rooms.getRoomMembers(name),
                () -> rooms.clearRoom(name),
                () -> rooms.deleteRoom(name));
            for (Executable call : calls) {
                MeshException e = assertThrows(MeshException.class, call);
                assertEquals(ErrorCode.EROOMNAME, e.code());
            }
        }
    }

    @Test
    void concurrentUpdatesWithDistinctFieldsLoseNoField() throws Exception {
        String room = unique("concurrent");
        int threads = 16;
        int writes = 20;
        Concurrently.run(threads, thread -> {
            for (int i = 0; i < writes; i++) {
                rooms.updateMetadata(room, Map.of("t" + thread + "_" + i, i));
            }
        });
        JsonObject metadata = rooms.getMetadata(room).asJsonObject();
        assertEquals(threads * writes, metadata.size());
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < writes; i++) {
                assertEquals(i, metadata.getInt("t" + t + "_" + i));
            }
        }
    }

    @Test
    void joinAndLeaveRacingClearRoomLeaveConsistentSets() throws Exception {
        List<MeshTestClient> clients = new ArrayList<>();
        String[] roomNames = {unique("race-a"), unique("race-b"), unique("race-c")};
        rooms.setMetadata(roomNames[2], Map.of("keep", "listed"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int i = 0; i < 6; i++) {
                clients.add(MeshTestClient.connect());
            }
            List<Future<?>> done = new ArrayList<>();
            for (MeshTestClient client : clients.subList(0, 5)) {
                done.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 150; i++) {
                        String room = roomNames[random.nextInt(roomNames.length)];
                        if (random.nextBoolean()) {
                            rooms.addToRoom(room, client.connectionId());
                        } else {
                            rooms.removeFromRoom(room, client.connectionId());
                        }
                    }
                    return null;
                }));
            }
            done.add(pool.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    rooms.clearRoom(roomNames[i % roomNames.length]);
                    rooms.addToRoom(roomNames[i % roomNames.length], clients.get(5).connectionId());
                }
                return null;
            }));
            for (Future<?> f : done) {
                f.get();
            }

            try (RedisProbe redis = new RedisProbe()) {
                Set<String> index = redis.smembers("rooms");
                for (String room : roomNames) {
                    Set<String> members = redis.smembers("room:" + room + ":members");
                    for (String member : members) {
                        assertTrue(redis.sismember("connection:" + member + ":rooms", room), member + " in " + room);
                    }
                    if (!members.isEmpty()) {
                        assertTrue(index.contains(room), room + " has members and is indexed");
                    }
                    if (index.contains(room)) {
                        assertTrue(!members.isEmpty() || redis.hexists("room-metadata", room), room + " indexed only with members or metadata");
                    }
                }
                for (MeshTestClient client : clients) {
                    for (String room : redis.smembers("connection:" + client.connectionId() + ":rooms")) {
                        assertTrue(redis.sismember("room:" + room + ":members", client.connectionId()), client.connectionId() + " lists " + room);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            for (MeshTestClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void theStartupBeanCreatedTheDefaultRooms() {
        JsonValue lobby = rooms.getMetadata("lobby");
        assertEquals("public", lobby.asJsonObject().getString("type"));
        assertTrue(lobby.asJsonObject().containsKey("topic"));
        assertTrue(directory.publicRooms().containsKey("lobby"));
    }

    @Test
    void theStatelessBeanSetsTopicsAndFiltersMembers() throws Exception {
        String room = unique("directory");
        rooms.setMetadata(room, Map.of("topic", "Old", "createdBy", "user123"));
        assertEquals(json("{\"topic\":\"New Topic\",\"createdBy\":\"user123\"}"), directory.setTopic(room, "New Topic"));
        try (MeshTestClient admin = MeshTestClient.connect(); MeshTestClient user = MeshTestClient.connect()) {
            connections.setMetadata(admin.connectionId(), Map.of("role", "admin"));
            connections.setMetadata(user.connectionId(), Map.of("role", "user"));
            rooms.addToRoom(room, admin.connectionId());
            rooms.addToRoom(room, user.connectionId());
            assertEquals(List.of(admin.connectionId()), directory.membersWhere(room, "role", "admin").stream()
                .map(m -> m.connectionId()).toList());
            assertEquals("admin", ((JsonString) directory.membersWhere(room, "role", "admin").get(0).metadata()
                .asJsonObject().get("role")).getString());
        }
    }
}
