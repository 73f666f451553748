package dev.jakartamesh.ops;

/** The MBean: each call goes to {@link AdminOperations}. */
final class MeshAdmin implements MeshAdminMBean {

    private final AdminOperations operations;

    MeshAdmin(AdminOperations operations) {
        this.operations = operations;
    }

    @Override
    public String getInstanceId() {
        return operations.instanceId();
    }

    @Override
    public int getLocalConnections() {
        return operations.localConnections();
    }

    @Override
    public long getTotalConnections() {
        return operations.totalConnections();
    }

    @Override
    public int getRooms() {
        return operations.rooms();
    }

    @Override
    public int getLiveInstances() {
        return operations.liveInstances();
    }

    @Override
    public int getRedisPoolActive() {
        return operations.redisPoolActive();
    }

    @Override
    public int getRedisPoolIdle() {
        return operations.redisPoolIdle();
    }

    @Override
    public long getCommandsHandled() {
        return operations.commandsHandled();
    }

    @Override
    public long getCommandErrors() {
        return operations.commandErrors();
    }

    @Override
    public void disconnect(String connectionId) {
        operations.disconnect(connectionId);
    }

    @Override
    public String getConnectionMetadata(String connectionId) {
        return operations.connectionMetadata(connectionId);
    }

    @Override
    public void setRoomMetadata(String room, String json) {
        operations.setRoomMetadata(room, json);
    }

    @Override
    public String updateRoomMetadata(String room, String json) {
        return operations.updateRoomMetadata(room, json);
    }

    @Override
    public int clearRoom(String room) {
        return operations.clearRoom(room);
    }

    @Override
    public boolean deleteRoom(String room) {
        return operations.deleteRoom(room);
    }

    @Override
    public int purgeInstance(String instanceId) {
        return operations.purgeInstance(instanceId);
    }
}
