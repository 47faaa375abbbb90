package org.tinyssb.core.internal.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tinyssb.api.FeedId;

/**
 * The node's own small state, kept apart from the feeds' store so that it survives a change of
 * store: the feeds the operator follows and unfollowed, and how far the node has published each
 * of its own feeds. One line each ({@code followed <feed id>}, {@code unfollowed <feed id>},
 * {@code published <feed id> <height>}); written to a temporary file and renamed.
 */
final class NodeStateFile {
    /** What the file holds. */
    record State(Set<FeedId> followed, Set<FeedId> unfollowed, Map<FeedId, Long> published) {
    }

    private static final String FOLLOWED = "followed";
    private static final String UNFOLLOWED = "unfollowed";
    private static final String PUBLISHED = "published";
    private final Path file;

    NodeStateFile(Path file) {
        this.file = file;
    }

    /** The state; an absent file is the empty state. A malformed line is an error naming it. */
    State read() throws IOException {
        Set<FeedId> followed = new TreeSet<>();
        Set<FeedId> unfollowed = new TreeSet<>();
        Map<FeedId, Long> published = new TreeMap<>();
        if (!Files.exists(file)) {
            return new State(followed, unfollowed, published);
        }
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            n++;
            String[] w = line.strip().split("\\s+");
            if (w[0].isEmpty() || w[0].startsWith("#")) {
                continue;
            }
            try {
                if (w[0].equals(FOLLOWED) && w.length == 2) {
                    followed.add(FeedId.parse(w[1]));
                } else if (w[0].equals(UNFOLLOWED) && w.length == 2) {
                    unfollowed.add(FeedId.parse(w[1]));
                } else if (w[0].equals(PUBLISHED) && w.length == 3) {
                    published.put(FeedId.parse(w[1]), Long.parseLong(w[2]));
                } else {
                    throw new IllegalArgumentException("expected 'followed <feed>', 'unfollowed <feed>' or 'published <feed> <height>'");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + n + ": " + e.getMessage());
            }
        }
        return new State(followed, unfollowed, published);
    }

    void write(State state) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder("# tinyssb-node state, written by the node\n");
        for (FeedId f : new TreeSet<>(state.followed())) {
            text.append(FOLLOWED).append(' ').append(f.toHex()).append('\n');
        }
        for (FeedId f : new TreeSet<>(state.unfollowed())) {
            text.append(UNFOLLOWED).append(' ').append(f.toHex()).append('\n');
        }
        new TreeMap<>(state.published()).forEach((f, h) -> text.append(PUBLISHED).append(' ').append(f.toHex())
                .append(' ').append(h).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
