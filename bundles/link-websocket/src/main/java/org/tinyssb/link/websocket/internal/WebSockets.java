package org.tinyssb.link.websocket.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.protocols.Protocol;

/** What the server and the client share: the frame limit, TLS material, and failures in words. */
final class WebSockets {
    /** Largest frame taken (tinySSB packets are at most 120 bytes); the library refuses longer ones at their header. */
    static final int MAX_FRAME = 1024;

    private WebSockets() {
    }

    /** RFC 6455 with frames (and fragmented messages) of at most {@link #MAX_FRAME} bytes, checked before buffering. */
    static Draft draft() {
        return new Draft_6455(List.of(), List.of(new Protocol("")), MAX_FRAME);
    }

    /** A TLS context with the keys (server) or trusted certificates (client) of a key store file. */
    static SSLContext tls(String file, String password, boolean keys) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            if (keys) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, password.toCharArray());
                ctx.init(kmf.getKeyManagers(), null, null);
            } else {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                ctx.init(null, tmf.getTrustManagers(), null);
            }
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Why a connection failed, in the words an operator reads in {@code links} and the log. */
    static String cause(Throwable e) {
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer (timed out)";
        }
        if (e instanceof SSLException) {
            return "TLS failed: " + e.getMessage();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
