package dev.jakartamesh.protocol;

/**
 * The error codes of the protocol's error payload {@code {error, code, name}}. {@code ENOTFOUND}
 * and {@code ESERVER} are mesh's own; the others are Jakarta Mesh's, one for each kind of failure a
 * client can act on.
 */
public enum ErrorCode {
    /** The command is not known to the server. */
    ENOTFOUND("CommandError"),
    /** Anything else that went wrong on the server; the message never carries internals. */
    ESERVER("ServerError"),
    /** The frame is not a JSON object of the protocol's shape (bad JSON, bad {@code id} or {@code command}). */
    EBADFRAME("ProtocolError"),
    /** The payload does not have the type or fields the command takes. */
    EPAYLOAD("PayloadError"),
    /** A room name is empty, too long, or holds control characters. */
    EROOMNAME("PayloadError"),
    /** The frame is larger than {@code mesh.limits.frame-bytes}. */
    EFRAMESIZE("LimitError"),
    /** A metadata value is larger than {@code mesh.limits.metadata-bytes}. */
    EMETADATASIZE("LimitError"),
    /** The frame nests arrays and objects deeper than {@code mesh.limits.json-depth}. */
    EDEPTH("LimitError"),
    /** The connection is in {@code mesh.limits.rooms-per-connection} rooms already. */
    EROOMLIMIT("LimitError"),
    /** The connection sent more commands than {@code mesh.limits.commands-per-second} allows. */
    ERATELIMIT("LimitError"),
    /** The connection is not (or no longer) registered, so nothing can be stored for it. */
    ENOCONNECTION("StateError"),
    /** A concurrent writer kept changing the value; the write was not applied. */
    ECONFLICT("StateError"),
    /** The access policy or a middleware denied the request. */
    EFORBIDDEN("ForbiddenError"),
    /** Redis cannot be reached within {@code mesh.redis.timeout-ms}. */
    EUNAVAILABLE("StoreError");

    private final String errorName;

    ErrorCode(String errorName) {
        this.errorName = errorName;
    }

    /** The {@code name} field sent with this code. */
    public String errorName() {
        return errorName;
    }
}
