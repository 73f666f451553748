package dev.jakartamesh.ops.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin REST API under {@code /admin/api}, for role {@code mesh-admin} only (see web.xml). */
@ApplicationPath("/admin/api")
public class AdminApplication extends Application {
}
