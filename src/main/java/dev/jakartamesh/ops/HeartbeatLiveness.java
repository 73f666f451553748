package dev.jakartamesh.ops;

import dev.jakartamesh.cluster.Heartbeat;
import dev.jakartamesh.cluster.InstanceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: reports this instance's heartbeat. It stays up while Redis is down (a restart would not
 * help); the data tells whether the other instances still see this one.
 */
@Liveness
@ApplicationScoped
public class HeartbeatLiveness implements HealthCheck {

    @Inject
    Heartbeat heartbeat;

    @Inject
    InstanceIdentity instance;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mesh-heartbeat").up()
            .withData("instance", instance.id())
            .withData("lastHeartbeat", heartbeat.lastBeatMillis())
            .withData("seenAlive", heartbeat.isAlive())
            .build();
    }
}
