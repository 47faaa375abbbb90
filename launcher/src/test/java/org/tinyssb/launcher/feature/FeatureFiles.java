package org.tinyssb.launcher.feature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes feature files and fake bundle jars into a test's temporary folder. */
public final class FeatureFiles {
    private FeatureFiles() {
    }

    public static Path write(Path dir, String name, String json) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An (empty) jar at its Maven repository path below {@code root}. */
    public static Path jar(Path root, String groupId, String artifactId, String version) {
        try {
            Path dir = root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
            Files.createDirectories(dir);
            return Files.write(dir.resolve(artifactId + "-" + version + ".jar"), new byte[] {'P', 'K'});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
