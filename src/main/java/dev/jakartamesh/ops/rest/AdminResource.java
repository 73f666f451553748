package dev.jakartamesh.ops.rest;

import dev.jakartamesh.connection.ConnectionManager;
import dev.jakartamesh.connection.ConnectionMetadata;
import dev.jakartamesh.ops.AdminOperations;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.room.RoomManager;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The admin page's API: instances, connections, rooms, and the actions on them. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    AdminOperations operations;

    @Inject
    RoomManager rooms;

    @Inject
    ConnectionManager connections;

    @GET
    @Path("stats")
    public JsonObject stats() {
        return JsonP.createObjectBuilder()
            .add("instanceId", operations.instanceId())
            .add("localConnections", operations.localConnections())
            .add("totalConnections", operations.totalConnections())
            .add("rooms", operations.rooms())
            .add("liveInstances", operations.liveInstances())
            .add("commandsHandled", operations.commandsHandled())
            .add("commandErrors", operations.commandErrors())
            .build();
    }

    @GET
    @Path("instances")
    public JsonValue instances() {
        JsonArrayBuilder list = JsonP.createArrayBuilder();
        for (Map.Entry<String, Boolean> instance : operations.instances().entrySet()) {
            list.add(JsonP.createObjectBuilder().add("id", instance.getKey()).add("alive", instance.getValue())
                .add("self", instance.getKey().equals(operations.instanceId())));
        }
        return list.build();
    }

    @GET
    @Path("connections")
    public JsonValue connections(@QueryParam("offset") @DefaultValue("0") int offset,
                                 @QueryParam("limit") @DefaultValue("50") int limit,
                                 @QueryParam("field") String field, @QueryParam("value") String value) {
        JsonArrayBuilder list = JsonP.createArrayBuilder();
        for (ConnectionMetadata connection : operations.connections(offset, limit, field, value)) {
            list.add(JsonP.createObjectBuilder().add("id", connection.connectionId()).add("metadata", connection.metadata())
                .add("rooms", JsonP.createArrayBuilder(rooms.getRoomsForConnection(connection.connectionId()))));
        }
        return JsonP.createObjectBuilder().add("offset", offset).add("limit", limit).add("items", list).build();
    }

    @POST
    @Path("connections/{id}/disconnect")
    public JsonObject disconnect(@PathParam("id") String id) {
        operations.disconnect(id);
        return JsonP.createObjectBuilder().add("disconnected", id).build();
    }

    @GET
    @Path("rooms")
    public JsonValue rooms() {
        Map<String, JsonValue> metadata = rooms.getAllMetadata();
        JsonArrayBuilder list = JsonP.createArrayBuilder();
        for (String room : rooms.getAllRooms()) {
            JsonArrayBuilder members = JsonP.createArrayBuilder();
            for (ConnectionMetadata member : connections.getAllMetadataForRoom(room)) {
                members.add(JsonP.createObjectBuilder().add("id", member.connectionId()).add("metadata", member.metadata()));
            }
            list.add(JsonP.createObjectBuilder().add("name", room)
                .add("metadata", metadata.getOrDefault(room, JsonValue.NULL)).add("members", members));
        }
        return list.build();
    }

    @PUT
    @Path("rooms/{name}/metadata")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject setRoomMetadata(@PathParam("name") String room, String json) {
        operations.setRoomMetadata(room, json);
        return JsonP.createObjectBuilder().add("room", room).build();
    }

    @PATCH
    @Path("rooms/{name}/metadata")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonValue updateRoomMetadata(@PathParam("name") String room, String json) {
        return JsonP.createReader(new java.io.StringReader(operations.updateRoomMetadata(room, json))).readValue();
    }

    @POST
    @Path("rooms/{name}/clear")
    public JsonObject clearRoom(@PathParam("name") String room) {
        return JsonP.createObjectBuilder().add("removed", operations.clearRoom(room)).build();
    }

    @DELETE
    @Path("rooms/{name}")
    public JsonObject deleteRoom(@PathParam("name") String room) {
        return JsonP.createObjectBuilder().add("existed", operations.deleteRoom(room)).build();
    }
}
