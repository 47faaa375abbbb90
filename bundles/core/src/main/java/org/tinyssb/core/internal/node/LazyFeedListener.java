package org.tinyssb.core.internal.node;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedListener;

/**
 * A {@link FeedListener} taken from the service registry only when there is first something to
 * tell it. Applications whose components need the node service (deployments, the chat) are then
 * not activated while the node service itself is being registered, which Declarative Services
 * reports as a circular reference (an ERROR with a stack trace whenever the node restarted, e.g.
 * for a new store setting).
 */
final class LazyFeedListener implements FeedListener {
    private final BundleContext context;
    private final ServiceReference<FeedListener> reference;
    private FeedListener service;
    private boolean released;

    LazyFeedListener(BundleContext context, ServiceReference<FeedListener> reference) {
        this.context = context;
        this.reference = reference;
    }

    private synchronized FeedListener service() {
        if (service == null && !released) {
            service = context.getService(reference);
        }
        return service;
    }

    @Override
    public void entryStored(FeedId feed, long seq) {
        FeedListener l = service();
        if (l != null) {
            l.entryStored(feed, seq);
        }
    }

    @Override
    public void contentComplete(EntryContent content) {
        FeedListener l = service();
        if (l != null) {
            l.contentComplete(content);
        }
    }

    /** The listener as a {@link FeedNews}, if it is one of this bundle's that needs no contents; else null. */
    FeedNews news() {
        return service() instanceof FeedNews n ? n : null;
    }

    /** The listener went away: give its service back, and tell it nothing more. */
    synchronized void release() {
        released = true;
        if (service != null) {
            service = null;
            try {
                context.ungetService(reference);
            } catch (IllegalStateException e) {
                // the node's bundle is stopping: the framework releases it
            }
        }
    }

    @Override
    public synchronized String toString() {
        return service != null ? service.getClass().getName() : "listener " + reference.getProperty("component.name");
    }
}
