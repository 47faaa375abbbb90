package org.tinyssb.api;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * An operating-system lock on a folder, held while one process uses it: two nodes writing the
 * same feeds or signing with the same keys would fork feeds and corrupt files. The lock file
 * names the holder (process id, host, since when) so that the refusal can say who it is. The
 * lock ends with the process, however it ends.
 */
public final class FolderLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code folder} through the file {@code lockName} in it.
     *
     * @param what the folder's role, for the refusal ("data folder", "key folder" ...)
     * @throws IOException with one line naming the folder and, where known, the holder
     */
    public static FolderLock acquire(Path folder, String lockName, String what) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(lockName);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot lock the " + what + " " + folder + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = holder(file);
            ch.close();
            throw new IOException("the " + what + " " + folder + " is in use by another node"
                    + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + ": stop it first, or give this one a folder of its own");
        }
        String me = "pid " + ProcessHandle.current().pid() + " on " + host() + " since " + Instant.now();
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return new FolderLock(file, ch, lock);
    }

    private static String holder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String host() {
        String name = ManagementFactory.getRuntimeMXBean().getName(); // "pid@host"
        int at = name.indexOf('@');
        return at >= 0 ? name.substring(at + 1) : "this host";
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
