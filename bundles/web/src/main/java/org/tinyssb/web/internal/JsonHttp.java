package org.tinyssb.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyssb.link.kit.WarningThrottle;

/** What the API's servlets share: bounded request bodies and JSON answers. */
final class JsonHttp {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsonHttp.class);

    private JsonHttp() {
    }

    /** A request body over the bound. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** The request's body, at most {@code max} bytes. */
    static byte[] body(HttpServletRequest request, int max) throws IOException, TooLarge {
        if (request.getContentLengthLong() > max) {
            throw new TooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new TooLarge();
            }
            return bytes;
        }
    }

    /**
     * The body of a change request, or null once the request was refused (413 for an oversize
     * body, 401 without {@code token}). The body is read before any answer, so that the
     * connection stays usable for the client's next request.
     */
    static String authorizedBody(HttpServletRequest request, HttpServletResponse response, AccessToken token, int max)
            throws IOException {
        byte[] body = authorizedBytes(request, response, token, max);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /** As {@link #authorizedBody}, the body as bytes (an uploaded jar). */
    static byte[] authorizedBytes(HttpServletRequest request, HttpServletResponse response, AccessToken token, int max)
            throws IOException {
        byte[] body;
        try {
            body = body(request, max);
        } catch (TooLarge e) {
            response.setHeader("Connection", "close"); // the rest of an oversize body is not read
            send(response, 413, error("request bodies are at most " + max + " bytes"));
            return null;
        }
        return authorized(request, response, token, "changes") ? body : null;
    }

    /**
     * Whether {@code request} carries the access token, under the same rule as changes (from other
     * machines only with a configured token); if not, the refusal is sent. {@code what} names what
     * needs it in the refusal ("changes", "private messages").
     */
    static boolean authorized(HttpServletRequest request, HttpServletResponse response, AccessToken token, String what)
            throws IOException {
        if (!token.configured() && !loopback(request.getRemoteAddr())) {
            REMOTE_REFUSALS.warn("remote-change", what + " from " + request.getRemoteAddr() + " refused: it is reachable "
                    + "beyond this machine and no access token is configured (token in config/org.tinyssb.web.cfg)");
            send(response, 403, error(what + " from other machines need an access token configured on the node "
                    + "(token in config/org.tinyssb.web.cfg, and HTTPS in front of it); the generated token is for "
                    + "this machine only"));
            return false;
        }
        if (!token.admits(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer");
            send(response, 401, error(what + " need the access token: Authorization: Bearer <token> "
                    + "(the web console's configuration, or <data>/web/token)"));
            return false;
        }
        return true;
    }

    /** One line a minute at most, however many requests a remote client makes. */
    private static final WarningThrottle REMOTE_REFUSALS = new WarningThrottle(LOG, "web console");

    /** Whether {@code address} (an IP address as the servlet container gives it) is this machine's loopback. */
    static boolean loopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        return a.startsWith("127.") || a.startsWith("::ffff:127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1");
    }

    static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        return m;
    }

    static void send(HttpServletResponse response, int status, Object document) throws IOException {
        byte[] body = Json.write(document).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
