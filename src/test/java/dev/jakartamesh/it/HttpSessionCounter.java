package dev.jakartamesh.it;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: counts the HTTP sessions its deployment creates. {@code GET /session-count} answers the
 * count; {@code ?action=create} first creates a session itself (the check that the counter counts).
 */
@WebListener
public class HttpSessionCounter implements HttpSessionListener {

    static final AtomicInteger CREATED = new AtomicInteger();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        CREATED.incrementAndGet();
    }

    @WebServlet("/session-count")
    public static class CountServlet extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if ("create".equals(request.getParameter("action"))) {
                request.getSession(true).invalidate();
            }
            response.setContentType("text/plain");
            response.getWriter().print(CREATED.get());
        }
    }
}
