package dev.jakartamesh.command;

import jakarta.json.JsonValue;

/** Handles one protocol command. A thrown {@code MeshException} becomes the error reply. */
@FunctionalInterface
public interface CommandHandler {

    /** Runs the command and returns the reply payload. */
    JsonValue handle(CommandContext context);
}
