package dev.jakartamesh.ops.rest;

import dev.jakartamesh.protocol.ErrorCode;
import dev.jakartamesh.protocol.JsonP;
import dev.jakartamesh.protocol.MeshException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Bad arguments are 400 with a message, an unreachable Redis is 503; never a stack trace. */
@Provider
public class AdminErrors implements ExceptionMapper<RuntimeException> {

    @Override
    public Response toResponse(RuntimeException exception) {
        if (exception instanceof jakarta.ws.rs.WebApplicationException web) {
            return web.getResponse();
        }
        int status = 500;
        String message = "internal server error";
        if (exception instanceof IllegalArgumentException) {
            status = 400;
            message = exception.getMessage();
        } else if (exception instanceof MeshException mesh) {
            status = mesh.code() == ErrorCode.EUNAVAILABLE ? 503 : 400;
            message = mesh.getMessage();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON)
            .entity(JsonP.createObjectBuilder().add("error", message).build()).build();
    }
}
