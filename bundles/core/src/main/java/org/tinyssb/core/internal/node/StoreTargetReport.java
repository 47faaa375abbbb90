package org.tinyssb.core.internal.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.store.FeedStore;

/**
 * Says why the node is not running when its {@code store.target} matches none of the stores there
 * are (the node component waits, unsatisfied, and would say nothing; its shell commands are gone):
 * one line naming the filter and the stores, once it has held for a moment (stores register just
 * after the node's configuration at start), and one more when a store matches again.
 */
@Component(configurationPid = "org.tinyssb.core.node", immediate = true)
public final class StoreTargetReport {
    private static final Logger LOG = LoggerFactory.getLogger(StoreTargetReport.class);
    /** How long a mismatch must last before it is reported: longer than stores take to register at start. */
    static final long SETTLE_MILLIS = 3_000;
    static final String DEFAULT_TARGET = "(" + FeedStore.NAME_PROPERTY + "=*)";

    private final Map<Object, Map<String, Object>> stores = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tinyssb-store-target");
        t.setDaemon(true);
        return t;
    });
    private volatile String target = DEFAULT_TARGET;
    private ScheduledFuture<?> pending;
    private String reported;

    @Activate
    public StoreTargetReport(Map<String, Object> config) {
        configure(config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        configure(config);
    }

    private void configure(Map<String, Object> config) {
        Object t = config.get("store.target");
        target = t == null || t.toString().isBlank() ? DEFAULT_TARGET : t.toString().strip();
        changed();
    }

    @Reference(service = FeedStore.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStore(FeedStore store, Map<String, Object> properties) {
        stores.put(store, properties);
        changed();
    }

    void removeStore(FeedStore store) {
        stores.remove(store);
        changed();
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!timer.isShutdown()) {
            pending = timer.schedule(this::check, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void check() {
        String line = report(target, stores.values());
        if (line != null && !line.equals(reported)) {
            LOG.warn(line);
        } else if (line == null && reported != null) {
            LOG.info("store.target {} matches a store again: the node starts on it", target);
        }
        reported = line;
    }

    /** Why {@code target} leaves the node without a store among {@code stores}, or null if one matches. */
    static String report(String target, Collection<Map<String, Object>> stores) {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(target);
        } catch (InvalidSyntaxException e) {
            return "store.target " + target + " in config/org.tinyssb.core.node.cfg is not a filter (" + e.getMessage()
                    + "): the node does not run; e.g. (tinyssb.store.name=file)";
        }
        List<String> names = new ArrayList<>();
        for (Map<String, Object> p : stores) {
            Dictionary<String, Object> d = new Hashtable<>(p);
            if (filter.match(d)) {
                return null;
            }
            names.add(String.valueOf(p.get(FeedStore.NAME_PROPERTY)));
        }
        return "store.target " + target + " matches none of this node's stores ("
                + (names.isEmpty() ? "there are none" : String.join(", ", new TreeSet<>(names)))
                + "): the node does not run until one matches; set store.target in config/org.tinyssb.core.node.cfg, "
                + "or add the store's bundle to the feature";
    }
}
