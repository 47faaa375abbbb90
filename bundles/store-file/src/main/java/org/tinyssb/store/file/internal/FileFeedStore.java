package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.DataDirectory;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FolderLock;
import org.tinyssb.api.store.DamageListener;
import org.tinyssb.api.store.FeedLog;
import org.tinyssb.api.store.FeedStore;
import org.tinyssb.api.store.StoreException;

/**
 * Feeds on disk, one folder per feed named by the feed id in lowercase hex, in the layout of the
 * reference pub: a node started on a pub's data folder serves its feeds, and the pub started on
 * this store's folder serves them too. Folders whose name is not 64 hex digits are ignored.
 */
@Component(property = {FeedStore.NAME_PROPERTY + "=" + FileFeedStore.NAME,
    // ranked above the memory store: with both installed and no store.target, the node keeps its feeds on disk
    "service.ranking:Integer=10"}, configurationPid = FileFeedStore.PID, immediate = true)
@Designate(ocd = FileFeedStore.Config.class)
public final class FileFeedStore implements FeedStore {
    static final String NAME = "file";
    static final String PID = "org.tinyssb.store.file";
    private static final Pattern FEED_FOLDER = Pattern.compile("[0-9a-fA-F]{64}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(FileFeedStore.class);

    @ObjectClassDefinition(name = "tinySSB file store", description = "Feeds on disk in the reference pub's layout.")
    public @interface Config {
        @AttributeDefinition(name = "Folder", description = "Folder of the feed folders; empty means 'feeds' in the "
                + "node's data directory. May be a tinySSB pub's data folder.")
        String dir() default "";

        @AttributeDefinition(name = "Durability", options = {
            @Option(value = "always", label = "always: nothing reported stored is ever lost (one fsync per write)"),
            @Option(value = "batch", label = "batch: forced to disk every sync interval"),
            @Option(value = "never", label = "never: left to the operating system")})
        String sync() default "always";

        @AttributeDefinition(name = "Sync interval (ms)", description = "How often the frontier files are "
                + "written (and, for batch, the logs forced to disk). With always, every write is on disk before "
                + "it is acknowledged; a frontier that lags is caught up from the log when the store opens.")
        long sync_interval_ms() default 200;
    }

    private final Path root;
    private final SyncMode sync;
    private final Clock clock;
    static final String LOCK_FILE = "tinyssb-store.lock";
    private static final long FLUSH_WARNING_INTERVAL_NANOS = 60_000_000_000L;

    private final ConcurrentHashMap<FeedId, FileFeedLog> logs = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<DamageListener> damageListeners = new CopyOnWriteArrayList<>();
    private final DamageListener damage = feed -> damageListeners.forEach(l -> l.damaged(feed));
    private final GroupCommit group = new GroupCommit();
    private final FolderLock lock;
    private final ScheduledExecutorService flusher;
    private long lastFlushWarning = System.nanoTime() - FLUSH_WARNING_INTERVAL_NANOS - 1;

    @Activate
    public FileFeedStore(BundleContext context, Config config) throws IOException {
        this(DataDirectory.resolve(context.getProperty(DataDirectory.DATA_DIR_PROPERTY), config.dir(), "feeds"),
                SyncMode.parse(config.sync()), config.sync_interval_ms(), Clock.systemUTC());
    }

    FileFeedStore(Path root, SyncMode sync, long syncIntervalMillis, Clock clock) throws IOException {
        this.root = root;
        this.sync = sync;
        this.clock = clock;
        this.lock = FolderLock.acquire(root, LOCK_FILE, "store folder");
        long started = System.nanoTime();
        int recovered = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, f -> Files.isDirectory(f)
                && FEED_FOLDER.matcher(f.getFileName().toString()).matches())) {
            for (Path folder : folders) {
                recovered += open(folder) ? 1 : 0;
            }
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        LOG.info("file store at {}: {} feeds opened in {} ms ({} needed recovery), sync {}", root, logs.size(),
                (System.nanoTime() - started) / 1_000_000, recovered, sync.name().toLowerCase());
        flusher = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tinyssb-file-store-sync");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushAll, syncIntervalMillis, syncIntervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Opens one feed folder; returns whether it needed recovery. A folder that cannot be opened is set aside. */
    private boolean open(Path folder) throws IOException {
        FeedId feed = FeedId.parse(folder.getFileName().toString());
        try {
            FeedOpener.Opened o = FeedOpener.open(folder, feed, sync, clock, damage, group);
            logs.put(feed, o.log());
            for (String note : o.notes()) {
                LOG.warn("feed {}: {}", feed.toHex(), note);
            }
            return !o.notes().isEmpty();
        } catch (IOException | RuntimeException e) {
            Path aside = folder.resolveSibling(folder.getFileName() + ".quarantined-" + STAMP.format(clock.instant()));
            Files.move(folder, aside);
            LOG.error("feed {} quarantined: its folder cannot be opened ({}); moved to {}, the feed starts empty",
                    feed.toHex(), e.toString(), aside);
            logs.put(feed, FeedOpener.create(root.resolve(feed.toHex()), feed, sync, damage, group));
            return true;
        }
    }

    Path root() {
        return root;
    }

    private void flushAll() {
        for (FileFeedLog log : logs.values()) {
            try {
                log.flush();
            } catch (StoreException e) {
                // retried every interval (a full disk): one line a minute, not five a second
                long now = System.nanoTime();
                if (now - lastFlushWarning > FLUSH_WARNING_INTERVAL_NANOS) {
                    lastFlushWarning = now;
                    LOG.error("{} (retrying; repeats of this line are held back for a minute)", e.getMessage());
                }
            }
        }
    }

    @Deactivate
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (FileFeedLog log : logs.values()) {
            try {
                log.close();
            } catch (IOException e) {
                LOG.error("feed {}: {}", log.feed().toHex(), e.toString());
            }
        }
        logs.clear();
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("cannot release {}: {}", lock.file(), e.toString());
        }
    }

    /**
     * With {@code sync=always}: the logs written in the group are forced once each when it
     * closes, not at every write (group commit). Other modes force at their interval anyway.
     */
    @Override
    public WriteGroup beginGroup() {
        if (sync != SyncMode.ALWAYS) {
            return () -> { };
        }
        group.begin();
        return group::commit;
    }

    @Override
    public void addDamageListener(DamageListener listener) {
        damageListeners.addIfAbsent(listener);
    }

    @Override
    public void removeDamageListener(DamageListener listener) {
        damageListeners.remove(listener);
    }

    @Override
    public Set<FeedId> feeds() {
        return Set.copyOf(logs.keySet());
    }

    @Override
    public Optional<FeedLog> log(FeedId feed) {
        return Optional.ofNullable(logs.get(feed));
    }

    @Override
    public FeedLog createLog(FeedId feed) throws StoreException {
        try {
            return logs.computeIfAbsent(feed, f -> {
                try {
                    return FeedOpener.create(root.resolve(f.toHex()), f, sync, damage, group);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw new StoreException("cannot create the folder of feed " + feed.toHex() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public boolean delete(FeedId feed) throws StoreException {
        FileFeedLog log = logs.remove(feed);
        if (log == null) {
            return false;
        }
        try {
            log.close();
            try (Stream<Path> files = Files.walk(log.dir())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot delete the folder of feed " + feed.toHex() + ": " + e, e);
        }
        return true;
    }
}
