package org.tinyssb.launcher.feature;

import java.nio.file.Path;

/** A feature file that cannot be used, with the file and the reason in one line. */
public final class FeatureException extends Exception {
    private static final long serialVersionUID = 1L;

    public FeatureException(Path file, String reason) {
        super("feature file " + file + ": " + reason);
    }

    public FeatureException(String message) {
        super(message);
    }
}
