package org.tinyssb.store.file.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Positional reads and writes that do the whole job, and files replaced atomically. */
final class FileIo {
    private FileIo() {
    }

    static byte[] read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) {
                throw new EOFException("end of file at " + (position + buf.position()) + ", wanted "
                        + length + " bytes from " + position);
            }
        }
        return buf.array();
    }

    static void write(FileChannel ch, byte[] data, long position) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
            ch.write(buf, position + buf.position());
        }
    }

    /**
     * Replaces {@code file} by {@code data}: written to {@code tmp} first, forced to disk when
     * {@code durable}, then renamed over the file, so a crash leaves the old or the new content.
     */
    static void replace(Path file, Path tmp, byte[] data, boolean durable) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            write(ch, data, 0);
            if (durable) {
                ch.force(true);
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (durable) {
            forceDirectory(file.getParent());
        }
    }

    /** Makes a rename or new file in {@code dir} durable (where the platform allows it). */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system can sync a directory; the rename itself is atomic
        }
    }
}
