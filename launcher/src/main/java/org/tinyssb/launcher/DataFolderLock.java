package org.tinyssb.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The node's claim on its data folder: an operating-system lock on {@code <data>/node.lock},
 * taken before anything in the folder is touched and held until the process ends. A second node
 * on the same folder would share keys, feeds and the framework cache, publish different entries
 * under the same sequence numbers (a fork) and corrupt files; it stops with one line instead.
 */
final class DataFolderLock implements AutoCloseable {
    static final String FILE = "node.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataFolderLock acquire(Path dataDir) throws LaunchException {
        Path file = dataDir.resolve(FILE);
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw LaunchException.badInput("data folder " + dataDir + " is in use by another node"
                        + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + ": stop that node first, or start this one with --data <another folder>");
            }
            String me = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + "\n";
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new DataFolderLock(ch, lock);
        } catch (IOException e) {
            throw LaunchException.badInput("cannot lock data folder " + dataDir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock ends with the process anyway
        }
    }
}
