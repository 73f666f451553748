package dev.jakartamesh.cluster;

import dev.jakartamesh.connection.LocalConnection;
import dev.jakartamesh.connection.LocalConnections;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.protocol.MeshException;
import dev.jakartamesh.store.ClusterStore;
import dev.jakartamesh.store.RedisProvider;
import dev.jakartamesh.store.Subscription;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The instances' message bus over Redis pub/sub. Each instance subscribes to its own channel and
 * to the broadcast channel on a thread from the container's {@code ManagedThreadFactory} (a
 * long-running task on an executor would hold up the server's quiesce at stop), and subscribes
 * again, scheduled with backoff on the managed scheduled executor, when the connection is lost.
 * Messages carry frames already encoded, so a delivery to many connections of one instance is one
 * message.
 */
@ApplicationScoped
public class ClusterBus {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class.getName());
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    RedisProvider redis;

    @Inject
    ClusterStore cluster;

    @Inject
    InstanceIdentity instance;

    @Inject
    LocalConnections local;

    private volatile Subscription subscription;
    private volatile boolean stopping;
    private volatile boolean subscribed;
    private long backoffMillis = MIN_BACKOFF_MS;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        subscription = redis.subscription(cluster.channelsOf(instance.id()), this::receive, this::onSubscribed);
        submitSubscriber(0);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stopping = true;
        Subscription current = subscription;
        if (current != null) {
            current.stop();
        }
    }

    /** Whether the subscription is currently established. */
    public boolean isSubscribed() {
        return subscribed;
    }

    void ping() {
        Subscription current = subscription;
        if (current != null) {
            current.ping();
        }
    }

    private void submitSubscriber(long delayMillis) {
        Runnable startThread = () -> {
            Thread thread = threads.newThread(this::subscribe);
            thread.setName("jakarta-mesh-subscriber");
            thread.setDaemon(true);
            thread.start();
        };
        if (delayMillis == 0) {
            startThread.run();
        } else {
            scheduler.schedule(startThread, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void subscribe() {
        try {
            subscription.run();
        } catch (MeshException | IllegalStateException e) {
            LOG.log(Level.WARNING, "pub/sub subscription lost (" + e.getMessage() + "); retrying in " + backoffMillis + " ms");
        } finally {
            subscribed = false;
        }
        if (!stopping && !subscription.isStopped()) {
            long delay = backoffMillis;
            backoffMillis = Math.min(MAX_BACKOFF_MS, backoffMillis * 2);
            try {
                submitSubscriber(delay);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "not resubscribing: the executor is shutting down", e);
            }
        }
    }

    private void onSubscribed() {
        subscribed = true;
        backoffMillis = MIN_BACKOFF_MS;
        LOG.fine(() -> "subscribed to the cluster channels of " + instance.id());
    }

    // ---- sending ----

    void deliverTo(String instanceId, Collection<String> connectionIds, String frame) {
        cluster.publishToInstance(instanceId, JsonP.createObjectBuilder()
            .add("type", "deliver").add("ids", array(connectionIds)).add("frame", frame).build().toString());
    }

    void deliverToAll(Collection<String> excluded, String frame) {
        cluster.publishToAll(JsonP.createObjectBuilder()
            .add("type", "broadcast").add("origin", instance.id()).add("exclude", array(excluded)).add("frame", frame)
            .build().toString());
    }

    void disconnect(String instanceId, String connectionId, String reason) {
        cluster.publishToInstance(instanceId, JsonP.createObjectBuilder()
            .add("type", "disconnect").add("ids", array(Set.of(connectionId))).add("reason", reason).build().toString());
    }

    private static JsonArrayBuilder array(Collection<String> values) {
        JsonArrayBuilder array = JsonP.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    // ---- receiving ----

    private void receive(String channel, String message) {
        JsonObject body;
        try (JsonReader reader = JsonP.createReader(new StringReader(message))) {
            body = reader.readObject();
        }
        switch (body.getString("type", "")) {
            case "deliver" -> {
                String frame = body.getString("frame");
                for (String id : strings(body, "ids")) {
                    LocalConnection connection = local.get(id);
                    if (connection != null) {
                        connection.send(frame);
                    }
                }
            }
            case "broadcast" -> {
                if (!instance.id().equals(body.getString("origin", null))) {
                    deliverLocally(strings(body, "exclude"), body.getString("frame"));
                }
            }
            case "disconnect" -> {
                for (String id : strings(body, "ids")) {
                    LocalConnection connection = local.get(id);
                    if (connection != null) {
                        connection.close(Disconnects.CLOSE_CODE, body.getString("reason", "disconnected"));
                    }
                }
            }
            default -> LOG.warning("unknown cluster message type on " + channel);
        }
    }

    /** Sends a frame to every local connection not in {@code excluded}. */
    void deliverLocally(Set<String> excluded, String frame) {
        for (LocalConnection connection : local.all()) {
            if (!excluded.contains(connection.id())) {
                connection.send(frame);
            }
        }
    }

    private static Set<String> strings(JsonObject body, String field) {
        Set<String> values = new HashSet<>();
        for (JsonValue value : body.getJsonArray(field)) {
            values.add(((JsonString) value).getString());
        }
        return values;
    }
}
