package dev.jakartamesh.metadata;

import java.util.Optional;

/** How a metadata write combines with the value already stored. */
public enum MergeStrategy {
    /** The new value replaces the stored one. */
    REPLACE("replace"),
    /** The new object's fields replace the stored object's fields of the same name; others stay. */
    MERGE("merge"),
    /** Like {@link #MERGE}, but nested objects are merged field by field too; arrays are replaced. */
    DEEP_MERGE("deepMerge");

    private final String wireName;

    MergeStrategy(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire: {@code replace}, {@code merge} or {@code deepMerge}. */
    public String wireName() {
        return wireName;
    }

    /** The strategy with the given wire name, if there is one. */
    public static Optional<MergeStrategy> fromWireName(String name) {
        for (MergeStrategy strategy : values()) {
            if (strategy.wireName.equals(name)) {
                return Optional.of(strategy);
            }
        }
        return Optional.empty();
    }
}
