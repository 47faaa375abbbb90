package org.tinyssb.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Whether the data folder's disk has room to start. The framework copies every bundle it
 * installs into its cache there (12 MiB for the default feature) and the node writes its key,
 * state and log; without the room Felix fails with "Unable to cache bundle", which says nothing
 * of disk space.
 */
final class StartSpace {
    /** The node's own files at start: key, state, the first log lines, a feed's first entries. */
    static final long MARGIN_BYTES = 4L * 1024 * 1024;

    private StartSpace() {
    }

    /** The bytes starting needs in {@code dataDir}: every jar of the plan unless the cache exists, and the margin. */
    static long needed(Path dataDir, List<PlannedBundle> plan) {
        if (Files.isDirectory(dataDir.resolve("framework"))) {
            return MARGIN_BYTES; // cached at an earlier start; an updated bundle is a few hundred KiB
        }
        long jars = 0;
        for (PlannedBundle p : plan) {
            try {
                jars += Files.size(p.jar());
            } catch (IOException e) {
                // an unreadable jar is reported where it is installed
            }
        }
        return jars + MARGIN_BYTES;
    }

    /** The usable bytes of {@code dir}'s file system, -1 if it cannot be asked. */
    static long usable(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The one line for a disk too full to start, if {@code dataDir}'s usable space is below {@code needed}. */
    static Optional<String> problem(Path dataDir, long needed, ToLongFunction<Path> usableSpace) {
        long usable = usableSpace.applyAsLong(dataDir);
        return usable < 0 || usable >= needed ? Optional.empty() : Optional.of(fullLine(dataDir, usable, needed));
    }

    /**
     * The launch failure for {@code failure} (a bundle that could not be cached, a file not
     * written): the full-disk line if the disk ran out, else {@code what} and the failure's message.
     */
    static LaunchException failed(String what, Exception failure, Path dataDir, long needed) {
        long usable = usable(dataDir);
        if (mentionsNoSpace(failure) || (usable >= 0 && usable < needed)) {
            return LaunchException.badInput(fullLine(dataDir, usable, needed) + " (" + what + ": "
                    + failure.getMessage() + ")");
        }
        return new LaunchException(LaunchException.FAILED, what + ": " + failure.getMessage(), failure);
    }

    private static boolean mentionsNoSpace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private static String fullLine(Path dataDir, long usable, long needed) {
        return "the disk holding the data folder " + dataDir + " has " + (usable < 0 ? "an unknown amount" : describe(usable))
                + " free; the node needs about " + describe(needed) + " there to start (its bundle cache and files): "
                + "free space there, or give --data a folder on another disk";
    }

    static String describe(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KiB";
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
