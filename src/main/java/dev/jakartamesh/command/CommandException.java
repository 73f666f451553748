package dev.jakartamesh.command;

/**
 * Thrown by an application command or middleware to answer the client with an error of the
 * application's own: {@code {"error": message, "code": code, "name": name}}. The message is sent
 * as it is.
 */
public class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String errorName;

    /** An error with the name {@code CommandError}. */
    public CommandException(String code, String message) {
        this(code, "CommandError", message);
    }

    /**
     * @param code      the code the client sees, for example {@code "ETOOLONG"}
     * @param errorName the name the client sees
     * @param message   the message the client sees
     */
    public CommandException(String code, String errorName, String message) {
        super(message);
        this.code = code;
        this.errorName = errorName;
    }

    public String code() {
        return code;
    }

    public String errorName() {
        return errorName;
    }
}
