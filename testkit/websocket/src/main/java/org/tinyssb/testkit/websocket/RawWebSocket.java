package org.tinyssb.testkit.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A WebSocket peer written by hand on a plain socket, so that a test can do what no library
 * would: never read, announce a frame of 64 MiB, or stop in the middle of a handshake.
 */
public final class RawWebSocket {
    private RawWebSocket() {
    }

    /** Sends a client handshake for {@code path} and reads the server's answer; returns it. */
    public static String clientHandshake(Socket s, String path) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readHead(s.getInputStream());
    }

    /** Reads a client's handshake and answers it as a server would; returns the request. */
    public static String serverHandshake(Socket s) throws Exception {
        String request = readHead(s.getInputStream());
        String key = request.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:")).findFirst()
                .orElseThrow().substring("sec-websocket-key:".length()).strip();
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return request;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The header of a binary frame of {@code length} bytes (masked with a zero key when {@code masked}). */
    public static byte[] frameHeader(long length, boolean masked) {
        byte[] h = new byte[10 + (masked ? 4 : 0)];
        h[0] = (byte) 0x82;
        h[1] = (byte) ((masked ? 0x80 : 0) | 127);
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        return h; // a zero mask key leaves the payload as it is
    }

    /** A whole binary frame, its length in the shortest form (payloads under 126 bytes: one byte). */
    public static byte[] frame(byte[] payload, boolean masked) {
        byte[] h = payload.length < 126 ? new byte[] {(byte) 0x82, (byte) ((masked ? 0x80 : 0) | payload.length)}
                : frameHeader(payload.length, false);
        int maskLength = masked ? 4 : 0;
        byte[] f = new byte[h.length + maskLength + payload.length];
        System.arraycopy(h, 0, f, 0, h.length);
        if (masked && payload.length >= 126) {
            f[1] |= (byte) 0x80;
        }
        System.arraycopy(payload, 0, f, h.length + maskLength, payload.length); // zero mask key: payload as is
        return f;
    }
}
