package dev.jakartamesh.it;

import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.room.RoomManager;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only server code for the browser tests, called over HTTP by the Node script:
 * {@code ?action=disconnect&id=...} closes a connection as server code would (code 4000), and
 * {@code ?action=state&id=...} answers {@code {connected, rooms, metadata}} of a connection.
 */
@WebServlet("/browser-test")
public class BrowserTestServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    ConnectionManager connections;

    @Inject
    RoomManager rooms;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        String action = String.valueOf(request.getParameter("action"));
        if (id == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "id is required");
            return;
        }
        response.setContentType("application/json");
        switch (action) {
            case "disconnect" -> response.getWriter().print(connections.disconnect(id, "browser test drop"));
            case "state" -> {
                JsonValue metadata = connections.getMetadata(id);
                response.getWriter().print(Json.createObjectBuilder()
                    .add("connected", connections.isConnected(id))
                    .add("rooms", Json.createArrayBuilder(rooms.getRoomsForConnection(id)))
                    .add("metadata", metadata == null ? JsonValue.NULL : metadata)
                    .build());
            }
            default -> response.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown action " + action);
        }
    }
}
