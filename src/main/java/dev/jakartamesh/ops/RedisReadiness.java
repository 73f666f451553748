package dev.jakartamesh.ops;

import dev.jakartamesh.store.RedisProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: down while Redis does not answer, so a load balancer sends no new clients here. */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    @Inject
    RedisProvider redis;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mesh-redis").status(redis.ping()).build();
    }
}
