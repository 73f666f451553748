package dev.jakartamesh.ops;

/**
 * The management interface of one Jakarta Mesh deployment, registered as
 * {@code dev.jakartamesh:type=Mesh,app=<application name>}. Operations that take an id, a room or
 * JSON throw {@link IllegalArgumentException} with a plain message when it is wrong.
 */
public interface MeshAdminMBean {

    /** This instance's id. */
    String getInstanceId();

    /** Connections open on this instance. */
    int getLocalConnections();

    /** Connections on all instances. */
    long getTotalConnections();

    /** Rooms with members or metadata. */
    int getRooms();

    /** Instances whose heartbeat is alive. */
    int getLiveInstances();

    /** Redis connections in use. */
    int getRedisPoolActive();

    /** Idle Redis connections. */
    int getRedisPoolIdle();

    /** Commands this instance handled. */
    long getCommandsHandled();

    /** Error replies this instance sent. */
    long getCommandErrors();

    /** Closes a connection, on any instance. */
    void disconnect(String connectionId);

    /** A connection's metadata as JSON. */
    String getConnectionMetadata(String connectionId);

    /** Replaces a room's metadata with a JSON value; {@code null} deletes it. */
    void setRoomMetadata(String room, String json);

    /** Merges a JSON object into a room's metadata; returns the result. */
    String updateRoomMetadata(String room, String json);

    /** Removes every member and the metadata of a room; returns the members removed. */
    int clearRoom(String room);

    /** Deletes a room; returns whether it existed. */
    boolean deleteRoom(String room);

    /** Removes a (dead) instance's entries from Redis; returns the connections removed. */
    int purgeInstance(String instanceId);
}
