package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tinyssb.api.store.DamagedEntry;

/**
 * {@code tinyssb-damaged.txt}: the entries of a feed that a read found corrupt, with what their
 * replacement must match, one line each ({@code <seq> <prev hex> <message id hex>}). It outlives a
 * restart so that a damaged entry is fetched again rather than cut off with everything after it.
 * Absent when nothing is damaged; the reference pub ignores it.
 */
final class DamagedEntries {
    static final String FILE = "tinyssb-damaged.txt";
    private static final String TMP = FILE + ".tmp";
    private static final HexFormat HEX = HexFormat.of();

    private DamagedEntries() {
    }

    /** What the folder records, for entries up to {@code maxSeq}; a line that does not parse is dropped. */
    static SortedMap<Long, DamagedEntry> read(Path dir, long maxSeq) throws IOException {
        SortedMap<Long, DamagedEntry> out = new TreeMap<>();
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] w = line.strip().split(" ");
            try {
                long seq = Long.parseLong(w[0]);
                if (w.length == 3 && seq <= maxSeq) {
                    out.put(seq, new DamagedEntry(seq, HEX.parseHex(w[1]), HEX.parseHex(w[2])));
                }
            } catch (IllegalArgumentException e) {
                // a torn or edited line: the entry is found corrupt again when it is next read
            }
        }
        return out;
    }

    static void write(Path dir, SortedMap<Long, DamagedEntry> damaged, boolean durable) throws IOException {
        if (damaged.isEmpty()) {
            Files.deleteIfExists(dir.resolve(FILE));
            return;
        }
        List<String> lines = new ArrayList<>();
        for (DamagedEntry d : damaged.values()) {
            lines.add(d.seq() + " " + HEX.formatHex(d.prev()) + " " + HEX.formatHex(d.messageId()));
        }
        FileIo.replace(dir.resolve(FILE), dir.resolve(TMP),
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII), durable);
    }
}
