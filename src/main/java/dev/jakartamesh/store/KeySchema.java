package dev.jakartamesh.store;

/**
 * The Redis key names, all under one prefix. The README documents the schema.
 *
 * <pre>
 * {p}connections                  HASH  connection id -> instance id
 * {p}connection-metadata          HASH  connection id -> metadata JSON ("null" when none)
 * {p}instance:{iid}:connections   SET   connection ids of one instance
 * {p}connection:{id}:rooms        SET   room names of one connection
 * {p}rooms                        SET   room names (every room with members or metadata)
 * {p}room:{name}:members          SET   connection ids in one room
 * {p}room-metadata                HASH  room name -> metadata JSON
 * {p}instances                    SET   instance ids that have registered
 * {p}instance:{iid}:heartbeat     STRING with a TTL: the instance is alive while it exists
 * {p}sweeper:lock                 STRING SET NX PX: the instance sweeping dead instances
 * {p}instance:{iid}:channel       pub/sub channel: deliveries and control for one instance
 * {p}broadcast                    pub/sub channel: deliveries to every connection
 * </pre>
 */
final class KeySchema {

    private final String prefix;

    KeySchema(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    String connections() {
        return prefix + "connections";
    }

    String connectionMetadata() {
        return prefix + "connection-metadata";
    }

    String instanceConnections(String instanceId) {
        return prefix + "instance:" + instanceId + ":connections";
    }

    String connectionRooms(String connectionId) {
        return connectionRoomsHead() + connectionId + connectionRoomsTail();
    }

    String connectionRoomsHead() {
        return prefix + "connection:";
    }

    String connectionRoomsTail() {
        return ":rooms";
    }

    String rooms() {
        return prefix + "rooms";
    }

    String roomMembers(String room) {
        return roomMembersHead() + room + roomMembersTail();
    }

    String roomMembersHead() {
        return prefix + "room:";
    }

    String roomMembersTail() {
        return ":members";
    }

    String roomMetadata() {
        return prefix + "room-metadata";
    }

    String instances() {
        return prefix + "instances";
    }

    String heartbeat(String instanceId) {
        return prefix + "instance:" + instanceId + ":heartbeat";
    }

    String sweeperLock() {
        return prefix + "sweeper:lock";
    }

    String instanceChannel(String instanceId) {
        return prefix + "instance:" + instanceId + ":channel";
    }

    String broadcastChannel() {
        return prefix + "broadcast";
    }
}
