package org.tinyssb.core.internal.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.tinyssb.api.FeedId;

/**
 * The feeds this node unfollowed, one feed id (hex) per line, so that they stay unfollowed across
 * restarts. Written to a temporary file and renamed; a line that is not a feed id is reported.
 */
final class UnfollowedFeedsFile {
    private final Path file;

    UnfollowedFeedsFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The feeds listed; an absent file lists none. */
    List<FeedId> read() throws IOException {
        List<FeedId> feeds = new ArrayList<>();
        if (!Files.exists(file)) {
            return feeds;
        }
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            try {
                feeds.add(FeedId.parse(s));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + n + ": " + e.getMessage());
            }
        }
        return feeds;
    }

    void write(Collection<FeedId> feeds) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder("# feeds this node unfollowed (kept in the GOset, not replicated)\n");
        for (FeedId f : new TreeSet<>(feeds)) {
            text.append(f.toHex()).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
