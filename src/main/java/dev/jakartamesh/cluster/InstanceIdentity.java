package dev.jakartamesh.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The id of this server instance: random, so it is unique across instances and restarts. */
@ApplicationScoped
public class InstanceIdentity {

    private final String id = UUID.randomUUID().toString();

    /** This instance's id. */
    public String id() {
        return id;
    }
}
