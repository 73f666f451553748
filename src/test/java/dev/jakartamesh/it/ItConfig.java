package dev.jakartamesh.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Where the integration tests find the server and Redis: {@code it.properties}, written by the build. */
public final class ItConfig {

    private static final Properties PROPERTIES = load();

    private ItConfig() {
    }

    public static String wsUrl() {
        return PROPERTIES.getProperty("ws.url");
    }

    /** The endpoint URL of another deployment of the WAR, named {@code <name>.war}. */
    public static String wsUrl(String deploymentName) {
        return wsUrl().replace("/mesh-it/", "/" + deploymentName + "/");
    }

    /** The second instance's endpoint: the real WAR on its own Liberty server, same Redis. */
    public static String secondInstanceWsUrl() {
        return PROPERTIES.getProperty("b.ws.url");
    }

    public static String wlpDir() {
        return PROPERTIES.getProperty("wlp.dir");
    }

    public static String secondServerName() {
        return PROPERTIES.getProperty("b.server.name");
    }

    /** A property of it.properties, by name. */
    public static String get(String name) {
        return PROPERTIES.getProperty(name);
    }

    public static String redisUrl() {
        return PROPERTIES.getProperty("redis.url");
    }

    public static String redisPrefix() {
        return PROPERTIES.getProperty("redis.prefix");
    }

    private static Properties load() {
        try (InputStream in = ItConfig.class.getClassLoader().getResourceAsStream("it.properties")) {
            Properties properties = new Properties();
            if (in == null) {
                throw new IllegalStateException("it.properties is missing from the classpath");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
