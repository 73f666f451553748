package dev.jakartamesh.auth;

import java.util.List;
import java.util.Map;

/**
 * The HTTP request that asks to open a WebSocket, as an authenticator sees it.
 *
 * @param headers         the headers, by lower-case name
 * @param cookies         the cookies, by name
 * @param queryParameters the query parameters, by name
 * @param remoteAddress   the client's address as the server sees it
 */
public record UpgradeRequest(Map<String, List<String>> headers, Map<String, String> cookies,
                             Map<String, List<String>> queryParameters, String remoteAddress) {

    /** The first value of a header (any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A cookie's value, or {@code null}. */
    public String cookie(String name) {
        return cookies.get(name);
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
