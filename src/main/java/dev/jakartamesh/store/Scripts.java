package dev.jakartamesh.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** The Lua scripts of the store, run by SHA and loaded again when Redis has forgotten them. */
final class Scripts {

    enum Name {
        REGISTER_CONNECTION("register_connection"),
        REMOVE_CONNECTION("remove_connection"),
        SET_CONNECTION_METADATA("set_connection_metadata"),
        CAS_CONNECTION_METADATA("cas_connection_metadata"),
        SET_ROOM_METADATA("set_room_metadata"),
        CAS_ROOM_METADATA("cas_room_metadata"),
        JOIN_ROOM("join_room", "members_with"),
        LEAVE_ROOM("leave_room"),
        CLEAR_ROOM("clear_room"),
        ROOM_MEMBERS_METADATA("room_members_metadata", "members_with"),
        ROOM_MEMBER_INSTANCES("room_member_instances", "members_with");

        final String text;
        final String sha;

        Name(String file, String... fragments) {
            StringBuilder source = new StringBuilder();
            for (String fragment : fragments) {
                source.append(read(fragment)).append('\n');
            }
            text = source.append(read(file)).toString();
            sha = sha1(text);
        }
    }

    private final RedisProvider redis;

    Scripts(RedisProvider redis) {
        this.redis = redis;
    }

    /** Runs a script by SHA (in a shared pipeline when pipelining is on), by its text if Redis has forgotten it. */
    Object run(Name script, List<String> keys, List<String> args) {
        try {
            return redis.single(pipeline -> pipeline.evalsha(script.sha, keys, args));
        } catch (JedisNoScriptException e) {
            return redis.client().eval(script.text, keys, args);
        }
    }

    /** A bulk string of a script's reply as text, whichever form the client decoded it to. */
    static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) reply;
    }

    private static String read(String name) {
        try (InputStream in = Scripts.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(40);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
