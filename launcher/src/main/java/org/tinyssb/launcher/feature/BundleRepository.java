package org.tinyssb.launcher.feature;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Finds bundle jars by Maven coordinates in folders laid out like a Maven repository: first the
 * distribution's own {@code bundles/}, then (for development) the local Maven repository.
 * Coordinates without a version take the highest version found in the first folder that has the
 * artifact at all.
 */
public final class BundleRepository {
    private final List<Path> roots;

    public BundleRepository(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The distribution's bundles folder, then the local Maven repository. */
    public static BundleRepository forDistribution(Path distributionBundles) {
        List<Path> roots = new ArrayList<>();
        roots.add(distributionBundles);
        String local = System.getProperty("maven.repo.local");
        roots.add(local != null ? Path.of(local)
                : Path.of(System.getProperty("user.home"), ".m2", "repository"));
        return new BundleRepository(roots);
    }

    /** The jar of {@code id}, or a {@link FeatureException} saying where it was looked for. */
    public Path resolve(MavenCoordinates id) throws FeatureException {
        for (Path root : roots) {
            Path artifactDir = root.resolve(id.groupId().replace('.', '/')).resolve(id.artifactId());
            Optional<String> version = id.version().isPresent() ? id.version()
                    : highestVersion(artifactDir, id.artifactId());
            if (version.isPresent()) {
                Path jar = artifactDir.resolve(version.get())
                        .resolve(id.artifactId() + "-" + version.get() + ".jar");
                if (Files.isRegularFile(jar)) {
                    return jar;
                }
            }
        }
        StringJoiner where = new StringJoiner(" and ");
        roots.forEach(r -> where.add(r.toString()));
        throw new FeatureException("bundle " + id + " not found (looked in " + where + ")");
    }

    private static Optional<String> highestVersion(Path artifactDir, String artifactId) {
        if (!Files.isDirectory(artifactDir)) {
            return Optional.empty();
        }
        String best = null;
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(artifactDir, Files::isDirectory)) {
            for (Path v : versions) {
                String version = v.getFileName().toString();
                if (Files.isRegularFile(v.resolve(artifactId + "-" + version + ".jar"))
                        && (best == null || compareVersions(version, best) > 0)) {
                    best = version;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(best);
    }

    /**
     * Compares versions part by part: numbers numerically, a qualifier (SNAPSHOT, rc1 ...) below
     * any number, so that 1.0-SNAPSHOT &lt; 1.0 &lt; 1.0.1 as in Maven.
     */
    static int compareVersions(String a, String b) {
        String[] pa = a.split("[.\\-]");
        String[] pb = b.split("[.\\-]");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            String x = i < pa.length ? pa[i] : "0";
            String y = i < pb.length ? pb[i] : "0";
            boolean xNumber = x.matches("\\d{1,18}");
            boolean yNumber = y.matches("\\d{1,18}");
            int c;
            if (xNumber && yNumber) {
                c = Long.compare(Long.parseLong(x), Long.parseLong(y));
            } else if (xNumber != yNumber) {
                c = xNumber ? 1 : -1;
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
