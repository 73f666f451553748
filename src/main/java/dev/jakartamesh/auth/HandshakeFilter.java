package dev.jakartamesh.auth;

import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates WebSocket upgrades to {@code /mesh} before the handshake: a rejected request gets
 * its HTTP status (401, 403, ...) and never becomes a connection. Plain servlet API, so it works on
 * any Jakarta EE server.
 *
 * <p>The upgrade goes down the chain through {@link NoNewSession}: a WebSocket connection never
 * creates an HTTP session. Liberty's handshake calls {@code getSession()} on every upgrade, and
 * each session it created outlived its socket by the session timeout (30 minutes by default): one
 * session object per handshake, memory that grew with connection churn. A client that already has
 * a session still gets it.
 */
@WebFilter(urlPatterns = "/mesh", asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    HandshakeAuthentication authentication;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AuthDecision> decision;
        JsonValue metadata;
        try {
            decision = authentication.decide(view(request));
            metadata = decision.filter(AuthDecision::accepted).map(d -> authentication.toJson(d.metadata())).orElse(JsonValue.NULL);
        } catch (RuntimeException e) {
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "authentication failed");
            return;
        }
        if (decision.isPresent() && !decision.get().accepted()) {
            response.sendError(decision.get().status(), decision.get().message());
            return;
        }
        HandshakeAuthentication.holdForHandshake(metadata);
        try {
            chain.doFilter(new NoNewSession(request), response);
        } finally {
            HandshakeAuthentication.release();
        }
    }

    private static UpgradeRequest view(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        Map<String, String> cookies = new LinkedHashMap<>();
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                cookies.putIfAbsent(cookie.getName(), cookie.getValue());
            }
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        return new UpgradeRequest(Map.copyOf(headers), Map.copyOf(cookies), Map.copyOf(parameters), request.getRemoteAddr());
    }

    /** The upgrade request, whose {@code getSession()} and {@code getSession(true)} return an existing session or null. */
    static final class NoNewSession extends HttpServletRequestWrapper {

        NoNewSession(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession() {
            return super.getSession(false);
        }

        @Override
        public HttpSession getSession(boolean create) {
            return super.getSession(false);
        }
    }
}
