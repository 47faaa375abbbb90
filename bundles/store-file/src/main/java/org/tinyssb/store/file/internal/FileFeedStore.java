package org.tinyssb.store.file.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.tinyssb.api.store.StoreFullException;
import org.tinyssb.codec.CodecException;

/**
 * Feeds on disk, one folder per feed named by the feed id in lowercase hex, in the layout of the
 * reference pub: a node started on a pub's data folder serves its feeds, and the pub started on
 * this store's folder serves them too. Folders whose name is not 64 hex digits are ignored.
 *
 * <p>Cost that does not grow with the feeds: at most {@code max.open.feeds} feeds have open files
 * ({@link FeedHandles}); a clean close leaves a {@link StoreSummary}, so the next start reads one
 * file and one directory listing instead of every folder; the flusher touches only the logs
 * written since it last ran.
 */
@Component(property = {FeedStore.NAME_PROPERTY + "=" + FileFeedStore.NAME,
    // ranked above the memory store: with both installed and no store.target, the node keeps its feeds on disk
    "service.ranking:Integer=10"}, configurationPid = FileFeedStore.PID, immediate = true)
@Designate(ocd = FileFeedStore.Config.class)
public final class FileFeedStore implements FeedStore {
    static final String NAME = "file";
    static final String PID = "org.tinyssb.store.file";
    static final int MIN_OPEN_FEEDS = 8;
    static final int MAX_OPEN_FEEDS = 100_000;
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

        @AttributeDefinition(name = "Open feeds", min = "8", max = "100000", description = "How many feeds keep "
                + "their files open at once, two files each (8..100000): the others are opened when read or written "
                + "and the least recently used closed. Bounds the store's open files whatever the number of feeds "
                + "(a Raspberry Pi service gets 1,024 by default).")
        int max_open_feeds() default FeedHandles.DEFAULT_MAX_OPEN;
    }

    private final Path root;
    private final SyncMode sync;
    static final String LOCK_FILE = "tinyssb-store.lock";
    private static final long FLUSH_WARNING_INTERVAL_NANOS = 60_000_000_000L;

    private final ConcurrentHashMap<FeedId, FileFeedLog> logs = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<DamageListener> damageListeners = new CopyOnWriteArrayList<>();
    private final DamageListener damage = feed -> damageListeners.forEach(l -> l.damaged(feed));
    private final StoreContext ctx;
    private final FolderLock lock;
    private final ScheduledExecutorService flusher;
    private long lastFlushWarning = System.nanoTime() - FLUSH_WARNING_INTERVAL_NANOS - 1;
    private int fromSummary;
    private int fromFolders;
    private String summaryProblem;
    private boolean closed;

    @Activate
    public FileFeedStore(BundleContext context, Config config) throws IOException {
        this(DataDirectory.resolve(context.getProperty(DataDirectory.DATA_DIR_PROPERTY), config.dir(), "feeds"),
                SyncMode.parse(config.sync()), config.sync_interval_ms(), openFeeds(config.max_open_feeds()),
                Clock.systemUTC());
    }

    FileFeedStore(Path root, SyncMode sync, long syncIntervalMillis, Clock clock) throws IOException {
        this(root, sync, syncIntervalMillis, FeedHandles.DEFAULT_MAX_OPEN, clock);
    }

    FileFeedStore(Path root, SyncMode sync, long syncIntervalMillis, int maxOpenFeeds, Clock clock)
            throws IOException {
        this.root = root;
        this.sync = sync;
        this.ctx = new StoreContext(root, sync, clock, damage, maxOpenFeeds);
        this.lock = FolderLock.acquire(root, LOCK_FILE, "store folder");
        long started = System.nanoTime();
        int recovered;
        try {
            recovered = openFeeds();
        } catch (IOException | RuntimeException e) {
            ctx.handles().closeAll();
            lock.close();
            throw e;
        }
        LOG.info("file store at {}: {} feeds opened in {} ms ({} from the store summary, {} from their folders, {} "
                + "needed recovery), sync {}, at most {} feeds' files open", root, logs.size(),
                (System.nanoTime() - started) / 1_000_000, fromSummary, fromFolders, recovered,
                sync.name().toLowerCase(), maxOpenFeeds);
        flusher = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tinyssb-file-store-sync");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushWritten, syncIntervalMillis, syncIntervalMillis,
                TimeUnit.MILLISECONDS);
    }

    /** The configured bound, or the nearest allowed one (said in one line). */
    static int openFeeds(int configured) {
        int allowed = Math.max(MIN_OPEN_FEEDS, Math.min(MAX_OPEN_FEEDS, configured));
        if (allowed != configured) {
            LOG.warn("max.open.feeds = {} is outside {}..{}: {} is used", configured, MIN_OPEN_FEEDS, MAX_OPEN_FEEDS,
                    allowed);
        }
        return allowed;
    }

    /**
     * Takes the feeds from the summary a clean close left, if there is a valid one, and opens the
     * folders it does not name; without one, opens every folder. The summary is deleted before
     * anything else is done, so that a crash from here on is never followed by a start that trusts
     * it. Returns how many feeds needed recovery.
     *
     * <p>Folders and summary are compared by one directory listing: a folder the summary does not
     * name (copied in while the store was stopped) is opened from its folder; a feed the summary
     * names without a folder (deleted while stopped) is dropped. A feed whose folder changed in
     * place is found at its first use (log.bin's length, see {@link FileFeedLog}).
     */
    private int openFeeds() throws IOException {
        List<String> folders = feedFolderNames();
        Map<FeedId, StoreSummary.Feed> summary = readSummary(!folders.isEmpty());
        int recovered = 0;
        for (String name : folders) {
            FeedId feed = FeedId.parse(name);
            StoreSummary.Feed known = summary.remove(feed);
            if (known != null && name.equals(name.toLowerCase(Locale.ROOT))) {
                logs.put(known.id(), new FileFeedLog(known.id(), ctx, known.maxSeq(), known.maxPos(), known.prev(),
                        known.pending(), known.damaged(), true));
                fromSummary++;
            } else if (Files.isDirectory(root.resolve(name))) {
                recovered += openFolder(root.resolve(name), feed) ? 1 : 0;
            }
        }
        if (!summary.isEmpty()) {
            LOG.warn("{} feeds of the store summary have no folder any more (deleted while the store was stopped): "
                    + "dropped", summary.size());
        }
        return recovered;
    }

    /**
     * The names in the store folder that name a feed (64 hex digits), from one listing and without
     * a look at each (java.io's list gives names only: a quarter of the time of a DirectoryStream
     * for 100,000 folders).
     */
    private List<String> feedFolderNames() throws IOException {
        String[] names = root.toFile().list();
        if (names == null) {
            throw new IOException("cannot list the store folder " + root);
        }
        List<String> feeds = new ArrayList<>();
        for (String name : names) {
            if (name.length() == 2 * FeedId.LENGTH && FEED_FOLDER.matcher(name).matches()) {
                feeds.add(name);
            }
        }
        return feeds;
    }

    /** The feeds of the summary, by id; empty (said in one line, if there are feeds) when there is no usable summary. */
    private Map<FeedId, StoreSummary.Feed> readSummary(boolean feedsExist) throws IOException {
        Map<FeedId, StoreSummary.Feed> feeds = new HashMap<>();
        byte[] file;
        try {
            file = StoreSummary.load(root);
        } catch (IOException e) {
            summaryProblem = "cannot be read (" + e.getMessage() + ")";
            file = null;
        }
        if (file == null && summaryProblem == null && feedsExist) {
            LOG.info("file store at {}: no store summary (a first start, or the last stop was not clean): opening "
                    + "every feed folder", root);
        }
        if (file != null) {
            try {
                feeds = StoreSummary.decode(file);
            } catch (CodecException e) {
                summaryProblem = e.getMessage();
            }
        }
        if (summaryProblem != null) {
            LOG.warn("file store at {}: the store summary {} cannot be used: {}; opening every feed folder", root,
                    StoreSummary.FILE, summaryProblem);
        }
        try {
            StoreSummary.discard(root);
        } catch (IOException e) {
            throw new IOException("cannot delete the store summary " + root.resolve(StoreSummary.FILE)
                    + " before taking writes (" + e.getMessage() + "): the store cannot start", e);
        }
        return feeds;
    }

    /** Opens one feed folder; returns whether it needed recovery. A folder that cannot be opened is set aside. */
    private boolean openFolder(Path folder, FeedId feed) throws IOException {
        Path dir = canonical(folder, feed);
        if (dir == null) {
            return false;
        }
        fromFolders++;
        try {
            FeedOpener.Opened o = FeedOpener.open(ctx, feed);
            logs.put(feed, o.log());
            for (String note : o.notes()) {
                LOG.warn("feed {}: {}", feed.toHex(), note);
            }
            return !o.notes().isEmpty();
        } catch (IOException | RuntimeException e) {
            if (outOfFiles(e)) {
                throw new IOException("too many open files while opening feed " + feed.toHex() + " (" + e.getMessage()
                        + "): the process's limit is too low for max.open.feeds = " + ctx.handles().maxOpen()
                        + " (raise LimitNOFILE or lower max.open.feeds); no folder was set aside", e);
            }
            if (DiskSpace.isFull(root, e)) {
                throw new IOException("the disk holding " + root + " is full (" + DiskSpace.describe(DiskSpace.usable(root))
                        + " free) while opening feed " + feed.toHex() + ": free space there and start again; no folder "
                        + "was set aside", e);
            }
            Path aside = dir.resolveSibling(dir.getFileName() + ".quarantined-" + STAMP.format(ctx.clock().instant()));
            Files.move(dir, aside);
            LOG.error("feed {} quarantined: its folder cannot be opened ({}); moved to {}, the feed starts empty",
                    feed.toHex(), e.toString(), aside);
            logs.put(feed, FeedOpener.create(ctx, feed));
            return true;
        }
    }

    /** The process has no file descriptor left: not the folder's fault, which must not be set aside for it. */
    private static boolean outOfFiles(Exception e) {
        return e instanceof FileSystemException f && "Too many open files".equals(f.getReason());
    }

    /** The folder under its lowercase name (renamed if need be), or null when that name is taken by another folder. */
    private Path canonical(Path folder, FeedId feed) throws IOException {
        Path dir = ctx.dir(feed);
        if (folder.getFileName().toString().equals(feed.toHex())) {
            return dir;
        }
        if (Files.exists(dir)) {
            if (Files.isSameFile(folder, dir)) {
                return dir; // a file system that ignores case
            }
            LOG.warn("folder {} names feed {} as its folder {} does: ignored", folder, feed.toHex(), dir);
            return null;
        }
        Files.move(folder, dir);
        LOG.warn("folder {} renamed to {}: feed folders are named in lowercase hex", folder, dir.getFileName());
        return dir;
    }

    Path root() {
        return root;
    }

    /** Feeds taken from the store summary at the start (a test seam). */
    int feedsFromSummary() {
        return fromSummary;
    }

    /** Feeds opened from their folders at the start, with the full checks. */
    int feedsFromFolders() {
        return fromFolders;
    }

    /** Why the summary found at the start could not be used, as logged; null if there was none or it was used. */
    String summaryProblem() {
        return summaryProblem;
    }

    FeedHandles handles() {
        return ctx.handles();
    }

    /** Writes the frontiers of the logs written since the last run; returns how many it wrote (a test seam). */
    int flushWritten() {
        List<FileFeedLog> written = new ArrayList<>();
        for (FileFeedLog log; (log = ctx.unflushed().poll()) != null; ) {
            written.add(log);
        }
        List<FileFeedLog> failed = new ArrayList<>();
        for (FileFeedLog log : written) {
            try {
                log.flush();
            } catch (StoreException e) {
                failed.add(log);
                if (e instanceof StoreFullException) {
                    continue; // said once, for every feed, as the disk filled
                }
                // retried every interval (a full disk): one line a minute, not five a second
                long now = System.nanoTime();
                if (now - lastFlushWarning > FLUSH_WARNING_INTERVAL_NANOS) {
                    lastFlushWarning = now;
                    LOG.error("{} (retrying; repeats of this line are held back for a minute)", e.getMessage());
                }
            }
        }
        ctx.unflushed().addAll(failed);
        return written.size() - failed.size();
    }

    /**
     * Closes every log (frontiers written, files forced as the durability setting asks and
     * closed), then writes the summary for the next start: every feed but those that must be
     * opened from their folders (one whose close failed, one awaiting repair).
     */
    @Deactivate
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<StoreSummary.Feed> summary = new ArrayList<>(logs.size());
        for (FileFeedLog log : logs.values()) {
            try {
                log.close();
                StoreSummary.Feed s = log.summary();
                if (s != null) {
                    summary.add(s);
                }
            } catch (IOException e) {
                LOG.error("feed {}: {}", log.feed().toHex(), e.toString());
            }
        }
        ctx.handles().closeAll();
        try {
            StoreSummary.save(root, StoreSummary.encode(summary), sync != SyncMode.NEVER);
        } catch (IOException | RuntimeException e) {
            LOG.error("file store at {}: cannot write the store summary ({}): the next start opens every feed folder",
                    root, e.toString());
        }
        logs.clear();
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("cannot release {}: {}", lock.file(), e.toString());
        }
    }

    /**
     * For tests: stops as a killed process stops. Nothing more is written (no frontier, no
     * summary); files and the lock are released as the operating system releases them.
     */
    synchronized void haltAsIfKilled() throws IOException {
        closed = true;
        flusher.shutdownNow();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.handles().closeAll();
        logs.clear();
        lock.close();
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
        ctx.group().begin();
        return ctx.group()::commit;
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
                    return FeedOpener.create(ctx, f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw ctx.disk().writeFailed("cannot create the folder of feed " + feed.toHex(), e.getCause());
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
