package org.tinyssb.api;

import java.nio.file.Path;

/**
 * Where the node's components keep their files. The launcher sets the framework property
 * {@value #DATA_DIR_PROPERTY}; a component's own configuration may name another folder.
 */
public final class DataDirectory {
    /** Framework property: the node's data directory. */
    public static final String DATA_DIR_PROPERTY = "tinyssb.data.dir";
    /** Used when neither the framework nor the configuration names a data directory. */
    public static final String DEFAULT_DATA_DIR = "data";

    private DataDirectory() {
    }

    /**
     * The folder a component uses: {@code configured} if it is not blank, else {@code child}
     * inside the data directory given by the framework property (or {@value #DEFAULT_DATA_DIR}).
     */
    public static Path resolve(String frameworkDataDir, String configured, String child) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip()).toAbsolutePath();
        }
        String base = frameworkDataDir == null || frameworkDataDir.isBlank()
                ? DEFAULT_DATA_DIR : frameworkDataDir.strip();
        return Path.of(base).resolve(child).toAbsolutePath();
    }
}
