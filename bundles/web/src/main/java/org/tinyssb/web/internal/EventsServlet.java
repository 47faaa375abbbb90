package org.tinyssb.web.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.tinyssb.api.FeedId;
import org.tinyssb.api.FeedListener;

/**
 * Live updates at {@code /api/events} as Server-Sent Events: {@code event: stored} with the
 * number of entries the node stored since the last one (at most two events a second, however fast
 * a sync runs), and a comment line every 15 s that keeps proxies from closing the stream. The
 * dashboard reloads its tables on each event. At most {@value #MAX_CLIENTS} streams at once; one
 * thread writes to all of them, and a client that cannot be written to is dropped.
 */
@Component(service = {jakarta.servlet.Servlet.class, FeedListener.class}, property = {
    "osgi.http.whiteboard.servlet.pattern=/api/events",
    "osgi.http.whiteboard.servlet.name=tinyssb-events",
    "osgi.http.whiteboard.servlet.asyncSupported=true"})
public final class EventsServlet extends HttpServlet implements FeedListener {
    private static final long serialVersionUID = 1L;
    static final int MAX_CLIENTS = 16;
    static final long FLUSH_MILLIS = 500;
    static final long KEEP_ALIVE_MILLIS = 15_000;

    private final transient Set<AsyncContext> clients = ConcurrentHashMap.newKeySet();
    private final transient AtomicLong stored = new AtomicLong();
    private final transient ScheduledExecutorService writer;
    private transient long lastWriteMillis = System.currentTimeMillis();

    @Activate
    public EventsServlet() {
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tinyssb-web-events");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        writer.shutdownNow();
        for (AsyncContext c : clients) {
            close(c);
        }
    }

    @Override
    public void entryStored(FeedId feed, long seq) {
        stored.incrementAndGet();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (clients.size() >= MAX_CLIENTS) {
            response.setHeader("Retry-After", "30");
            JsonHttp.send(response, 503, JsonHttp.error("at most " + MAX_CLIENTS + " live update streams at once; "
                    + "the dashboard reads the API every few seconds instead"));
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                clients.remove(async);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                clients.remove(async);
            }

            @Override
            public void onError(AsyncEvent event) {
                clients.remove(async);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        response.getOutputStream().write("retry: 5000\n: live updates of this node\n\n".getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
        clients.add(async);
    }

    /** Writes what happened since the last flush to every stream (the writer thread only). */
    private void flush() {
        long n = stored.getAndSet(0);
        long now = System.currentTimeMillis();
        String message;
        if (n > 0) {
            message = "event: stored\ndata: {\"entries\":" + n + "}\n\n";
        } else if (now - lastWriteMillis >= KEEP_ALIVE_MILLIS) {
            message = ": keep-alive\n\n";
        } else {
            return;
        }
        lastWriteMillis = now;
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        for (AsyncContext c : clients) {
            try {
                c.getResponse().getOutputStream().write(bytes);
                c.getResponse().flushBuffer();
            } catch (IOException | IllegalStateException e) {
                close(c); // the client went away
            }
        }
    }

    private void close(AsyncContext c) {
        clients.remove(c);
        try {
            c.complete();
        } catch (IllegalStateException e) {
            // completed already
        }
    }

    /** Streams open now. */
    int clients() {
        return clients.size();
    }
}
