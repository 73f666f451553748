package dev.jakartamesh.it;

import dev.jakartamesh.command.CommandContext;
import dev.jakartamesh.command.CommandMiddleware;
import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.MeshException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

/** Per-command middleware: only connections whose metadata says role admin. */
@ApplicationScoped
public class RequireAdmin implements CommandMiddleware {

    @Override
    public void before(CommandContext context) {
        if (!(context.metadata() instanceof JsonObject metadata) || !"admin".equals(metadata.getString("role", null))) {
            throw new MeshException(ErrorCode.EFORBIDDEN, "admins only");
        }
    }
}
