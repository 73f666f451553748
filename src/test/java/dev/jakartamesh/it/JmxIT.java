package dev.jakartamesh.it;

import static dev.jakartamesh.it.Jsons.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartamesh.cluster.InstanceIdentity;
import dev.jakartamesh.ops.JmxRegistration;
import dev.jakartamesh.room.RoomManager;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The management MBean, read and driven through the platform MBean server as JConsole would. */
@ExtendWith(ArquillianExtension.class)
class JmxIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTests(JmxIT.class);
    }

    @Inject
    InstanceIdentity instance;

    @Inject
    RoomManager rooms;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private ObjectName name() throws Exception {
        return JmxRegistration.objectName("mesh-it");
    }

    private Object attribute(String attribute) throws Exception {
        return server.getAttribute(name(), attribute);
    }

    private Object invoke(String operation, String... arguments) throws Exception {
        String[] signature = new String[arguments.length];
        java.util.Arrays.fill(signature, String.class.getName());
        return server.invoke(name(), operation, arguments, signature);
    }

    @Test
    void attributesDescribeTheDeployment() throws Exception {
        assertTrue(server.isRegistered(name()), "registered under the application's name");
        try (MeshTestClient client = MeshTestClient.connect()) {
            assertEquals(instance.id(), attribute("InstanceId"));
            assertTrue((Integer) attribute("LocalConnections") >= 1);
            assertTrue((Long) attribute("TotalConnections") >= 1);
            assertTrue((Integer) attribute("LiveInstances") >= 1);
            assertTrue((Integer) attribute("Rooms") >= 1, "the default lobby");
            assertTrue((Integer) attribute("RedisPoolActive") >= 0);
            assertTrue((Integer) attribute("RedisPoolIdle") >= 0);
            long handled = (Long) attribute("CommandsHandled");
            long errors = (Long) attribute("CommandErrors");
            client.call("mesh/noop", JsonValue.NULL);
            client.request("no/such-command");
            assertTrue((Long) attribute("CommandsHandled") >= handled + 2);
            assertTrue((Long) attribute("CommandErrors") >= errors + 1);
        }
    }

    @Test
    void operationsActOnConnectionsRoomsAndInstances() throws Exception {
        String room = "jmx-" + UUID.randomUUID();
        try (MeshTestClient client = MeshTestClient.connect(); RedisProbe redis = new RedisProbe()) {
            client.call("mesh/set-my-connection-metadata", obj("{\"metadata\":{\"name\":\"jmx\"}}"));
            assertEquals("{\"name\":\"jmx\"}", invoke("getConnectionMetadata", client.connectionId()));

            invoke("setRoomMetadata", room, "{\"topic\":\"ops\"}");
            assertEquals(obj("{\"topic\":\"ops\"}"), rooms.getMetadata(room));
            assertEquals("{\"topic\":\"ops\",\"pinned\":true}", invoke("updateRoomMetadata", room, "{\"pinned\":true}"));
            client.call("mesh/join-room", obj("{\"roomName\":\"" + room + "\"}"));
            assertEquals(1, invoke("clearRoom", room));
            assertEquals(null, rooms.getMetadata(room));
            rooms.setMetadata(room, Map.of("again", true));
            assertEquals(true, invoke("deleteRoom", room));
            assertEquals(false, invoke("deleteRoom", room));

            String dead = "jmx-dead-" + UUID.randomUUID();
            redis.plantConnection(dead, "conn-" + dead, room);
            assertEquals(1, invoke("purgeInstance", dead));

            invoke("disconnect", client.connectionId());
            assertEquals(4000, client.awaitClose());
        }
    }

    @Test
    void badArgumentsGiveAPlainMessage() throws Exception {
        assertMessage("no connection with id nope", () -> invoke("disconnect", "nope"));
        assertMessage("no connection with id nope", () -> invoke("getConnectionMetadata", "nope"));
        assertMessage("not valid JSON", () -> invoke("setRoomMetadata", "r", "{not json"));
        assertMessage("must be a JSON object", () -> invoke("updateRoomMetadata", "r", "[1]"));
        assertMessage("room name", () -> invoke("clearRoom", ""));
        assertMessage("this is the running instance", () -> invoke("purgeInstance", instance.id()));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class, call);
        assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains(expected), e.getCause().getMessage());
    }
}
