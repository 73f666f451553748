package dev.jakartamesh.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.logging.Logger;
import redis.embedded.RedisServer;

/** A redis-server process of this instance's own, on a free loopback port: the single-machine default. */
final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());
    private static final int ATTEMPTS = 5;

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedRedis start() {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freeLoopbackPort();
            try {
                RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true)
                    .build();
                server.start();
                return new EmbeddedRedis(server, port);
            } catch (IOException e) {
                last = e;
                LOG.fine(() -> "embedded Redis could not start on port " + port + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("the embedded Redis server did not start", last);
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            LOG.warning("stopping the embedded Redis server failed: " + e.getMessage());
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port for the embedded Redis server", e);
        }
    }
}
