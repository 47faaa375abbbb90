package org.tinyssb.launcher.feature;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code groupId:artifactId[:version]}: how a feature names a bundle. Without a version, the
 * distribution's own version of the artifact is meant.
 */
public record MavenCoordinates(String groupId, String artifactId, Optional<String> version) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-]+");

    public static MavenCoordinates parse(String text) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("bundle id '" + text
                    + "' is not groupId:artifactId[:version]");
        }
        for (String p : parts) {
            if (!PART.matcher(p).matches()) {
                throw new IllegalArgumentException("bundle id '" + text + "' has an empty or invalid part '"
                        + p + "'");
            }
        }
        return new MavenCoordinates(parts[0], parts[1],
                parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    /** {@code groupId:artifactId}, the identity of the artifact whatever its version. */
    public String key() {
        return groupId + ":" + artifactId;
    }

    @Override
    public String toString() {
        return version.map(v -> key() + ":" + v).orElse(key());
    }
}
