package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prologue of every change request: bounded body, who may change things from where, the token. */
class JsonHttpTest {
    /** What a fake response was given. */
    static final class Answer {
        int status;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static HttpServletRequest request(String remote, String authorization, byte[] body) {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        ServletInputStream stream = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(jakarta.servlet.ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(JsonHttpTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remote;
                    case "getHeader" -> "Authorization".equals(args[0]) ? authorization : null;
                    case "getContentLengthLong" -> (long) body.length;
                    case "getInputStream" -> stream;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpServletResponse response(Answer a) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                a.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(jakarta.servlet.WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(JsonHttpTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> a.status = (Integer) args[0];
                        case "setHeader" -> a.headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "setContentType", "setContentLength" -> { }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
    }

    @Test
    void changesFromOtherMachinesNeedAConfiguredToken(@TempDir Path dir) throws Exception {
        AccessToken generated = AccessToken.configuredOr("", dir.resolve("token"));
        String secret = java.nio.file.Files.readString(dir.resolve("token")).strip();
        byte[] body = "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

        Answer local = new Answer();
        assertEquals("{\"text\":\"hi\"}", JsonHttp.authorizedBody(request("127.0.0.1", "Bearer " + secret, body),
                response(local), generated, 1024), "on this machine the generated token is enough");

        Answer remote = new Answer();
        assertNull(JsonHttp.authorizedBody(request("192.168.1.20", "Bearer " + secret, body), response(remote),
                generated, 1024));
        assertEquals(403, remote.status, "from another machine, even with the right token: it is not configured");
        assertTrue(remote.text().contains("need an access token configured"), remote.text());

        AccessToken configured = AccessToken.configuredOr("a configured secret", dir.resolve("token"));
        Answer allowed = new Answer();
        assertEquals("{\"text\":\"hi\"}", JsonHttp.authorizedBody(request("192.168.1.20",
                "Bearer a configured secret", body), response(allowed), configured, 1024));
        Answer wrong = new Answer();
        assertNull(JsonHttp.authorizedBody(request("192.168.1.20", "Bearer nope", body), response(wrong), configured,
                1024));
        assertEquals(401, wrong.status);
        assertEquals("Bearer", wrong.headers.get("WWW-Authenticate"));

        Answer big = new Answer();
        assertNull(JsonHttp.authorizedBody(request("127.0.0.1", "Bearer " + secret, new byte[2048]), response(big),
                generated, 1024));
        assertEquals(413, big.status);
    }

    @Test
    void loopbackAddressesAreThisMachineOnly() {
        for (String a : new String[] {"127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "[::1]", "::ffff:127.0.0.1"}) {
            assertTrue(JsonHttp.loopback(a), a);
        }
        for (String a : new String[] {"10.0.0.1", "192.168.1.20", "::ffff:10.0.0.1", "fe80::1", "", null, "128.0.0.1"}) {
            assertFalse(JsonHttp.loopback(a), String.valueOf(a));
        }
    }
}
