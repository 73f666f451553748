package dev.jakartamesh.it;

import dev.jakartamesh.cluster.Broadcaster;
import dev.jakartamesh.cluster.InstanceIdentity;
import dev.jakartamesh.cluster.Sweeper;
import dev.jakartamesh.connection.ConnectionManager;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** Test-only server code on instance A, called over HTTP by the cluster tests. */
@WebServlet("/cluster-test")
public class ClusterTestServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Broadcaster broadcaster;

    @Inject
    ConnectionManager connections;

    @Inject
    InstanceIdentity instance;

    @Inject
    Sweeper sweeper;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = request.getParameter("action");
        String command = request.getParameter("command");
        Object payload = Json.createObjectBuilder().add("text", String.valueOf(request.getParameter("text"))).build();
        List<String> ids = request.getParameter("ids") == null ? List.of() : Arrays.asList(request.getParameter("ids").split(","));
        Object result = switch (action) {
            case "broadcastRoom" -> broadcaster.broadcastRoom(request.getParameter("room"), command, payload);
            case "broadcastRoomExcept" -> broadcaster.broadcastRoomExcept(request.getParameter("room"), command, payload, ids);
            case "send" -> broadcaster.send(ids, command, payload);
            case "broadcastExcept" -> {
                broadcaster.broadcastExcept(command, payload, ids);
                yield true;
            }
            case "disconnect" -> connections.disconnect(request.getParameter("id"), "test disconnect");
            case "purge" -> sweeper.purgeInstance(request.getParameter("instance"));
            case "instance" -> instance.id();
            case "mbeans" -> {
                try {
                    yield java.lang.management.ManagementFactory.getPlatformMBeanServer()
                        .queryNames(new javax.management.ObjectName("dev.jakartamesh:*"), null).toString();
                } catch (javax.management.MalformedObjectNameException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "flood" -> {
                String text = "x".repeat(Integer.parseInt(request.getParameter("size")));
                Object big = Json.createObjectBuilder().add("text", text).build();
                int times = Integer.parseInt(request.getParameter("times"));
                int sent = 0;
                for (int i = 0; i < times; i++) {
                    sent += broadcaster.broadcastRoom(request.getParameter("room"), command, big);
                }
                yield sent;
            }
            default -> throw new IllegalArgumentException(action);
        };
        response.setContentType("text/plain");
        response.getWriter().print(result);
    }
}
