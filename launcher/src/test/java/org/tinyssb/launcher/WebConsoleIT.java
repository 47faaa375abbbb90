package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node of the web feature answers over HTTP on loopback: the dashboard page and its files,
 * the JSON API with the node's own identity, and clear refusals for what it does not serve.
 */
class WebConsoleIT {
    private static final Path DIST = Path.of(System.getProperty("tinyssb.dist"));

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDashboardAndTheApiAnswerOnLoopbackAndRefuseWhatTheyDoNotServe() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        NodeProcess.freePortsConfig(config);
        int port = NodeProcess.freeHttpConfig(config);
        String base = "http://127.0.0.1:" + port;
        try (NodeProcess node = NodeProcess.start(DIST, "--feature", "web", "--no-shell", "--data",
                dir.resolve("data").toString(), "--config", config.toString(), "--deploy",
                dir.resolve("deploy").toString())) {
            String started = node.awaitLine("Jetty on the configured port",
                    l -> l.contains("Started Jetty") && l.contains("HTTP:" + port));
            assertTrue(started.contains("HTTP:" + port), started);
            String identity = node.awaitLine("the node's identity", l -> l.contains("node identity @"));
            String id = identity.substring(identity.indexOf('@'), identity.indexOf(".ed25519") + ".ed25519".length());

            HttpResponse<String> api = awaitApi(base + "/api/node", node);
            assertEquals("application/json;charset=utf-8", api.headers().firstValue("Content-Type").orElse(""));
            assertTrue(api.body().startsWith("{\"id\":\"" + id + "\""), "the API names the node: " + api.body());

            HttpResponse<String> links = send(HttpRequest.newBuilder(URI.create(base + "/api/links")));
            assertEquals(200, links.statusCode());
            assertTrue(links.body().contains("\"id\":\"udp:"), "the UDP link is listed: " + links.body());
            awaitBody(base + "/api/links/history", "the link history sampling the UDP link",
                    b -> b.startsWith("{") && b.contains("\"udp:"), node);
            HttpResponse<String> deployments = send(HttpRequest.newBuilder(URI.create(base + "/api/deployments")));
            assertEquals(200, deployments.statusCode(), deployments.body());
            assertEquals("{\"here\":[],\"fleet\":[],\"fleetTotal\":0}", deployments.body(), "the deploy bundle's view");
            HttpResponse<String> privateChat = send(HttpRequest.newBuilder(URI.create(base + "/api/chat/private")));
            assertEquals(401, privateChat.statusCode(), "private messages need the token: " + privateChat.body());
            assertTrue(privateChat.body().contains("private messages need the access token"), privateChat.body());

            HttpResponse<String> root = send(HttpRequest.newBuilder(URI.create(base + "/")));
            assertEquals(302, root.statusCode());
            assertEquals("/index.html", root.headers().firstValue("Location").orElse(""));
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/index.html")));
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>tinySSB node</title>"), page.body());
            assertEquals("text/javascript;charset=utf-8", send(HttpRequest.newBuilder(URI.create(base + "/app.js")))
                    .headers().firstValue("Content-Type").orElse(""));

            HttpResponse<String> delete = send(HttpRequest.newBuilder(URI.create(base + "/api/node")).DELETE());
            assertEquals(405, delete.statusCode());
            assertTrue(delete.body().contains("GET reads, POST changes"), delete.body());

            // changes need the token the node made on first start (readable by its user only)
            String publish = "{\"text\": \"hello from the web\"}";
            HttpResponse<String> anonymous = post(base + "/api/publish", publish, null);
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            assertEquals(401, post(base + "/api/publish", publish, "wrong").statusCode());
            String token = Files.readString(dir.resolve("data/web/token")).strip();
            assertTrue(!node.output().contains(token), "the token never appears in the log");
            HttpResponse<String> privateWithToken = send(HttpRequest.newBuilder(URI.create(base + "/api/chat/private"))
                    .header("Authorization", "Bearer " + token));
            assertEquals(200, privateWithToken.statusCode(), privateWithToken.body());
            assertEquals("{\"messages\":[],\"total\":0}", privateWithToken.body());
            // live updates: a stream of Server-Sent Events says when entries were stored
            java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
            HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(
                    URI.create(base + "/api/events")).build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, stream.statusCode());
            assertEquals("text/event-stream;charset=utf-8", stream.headers().firstValue("Content-Type").orElse(""));
            Thread reader = new Thread(() -> stream.body().forEach(events::add), "events-reader");
            reader.setDaemon(true);
            reader.start();
            HttpResponse<String> published = post(base + "/api/publish", publish, token);
            assertEquals(200, published.statusCode(), published.body());
            String event = null;
            for (long end = System.nanoTime() + 10_000_000_000L; event == null && System.nanoTime() < end; ) {
                String line = events.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if ("event: stored".equals(line)) {
                    event = events.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
            assertEquals("data: {\"entries\":1}", event, "the stored entry announced on the event stream");
            assertEquals("{\"seq\":1,\"bytes\":18}", published.body());
            assertTrue(send(HttpRequest.newBuilder(URI.create(base + "/api/feeds"))).body().contains("\"height\":1"));
            HttpResponse<String> malformed = post(base + "/api/publish", "{\"text\": ", token);
            assertEquals(400, malformed.statusCode());
            assertTrue(malformed.body().contains("malformed JSON"), malformed.body());
            assertEquals(413, post(base + "/api/publish", "{\"text\": \"" + "x".repeat(70_000) + "\"}", token)
                    .statusCode(), "oversize bodies are refused");
            assertTrue(send(HttpRequest.newBuilder(URI.create(base + "/api/feeds"))).body().contains("\"height\":1"),
                    "nothing was published by the refused requests");

            // a link bundle stopped and started through the API: its link goes and comes back
            HttpResponse<String> bundles = send(HttpRequest.newBuilder(URI.create(base + "/api/bundles")));
            java.util.regex.Matcher udp = java.util.regex.Pattern
                    .compile("\\{\"id\":(\\d+),\"name\":\"org.tinyssb.link.udp\"").matcher(bundles.body());
            assertTrue(udp.find(), bundles.body());
            String udpId = udp.group(1);
            assertEquals(200, post(base + "/api/bundles/" + udpId + "/stop", "", token).statusCode());
            awaitBody(base + "/api/links", "the UDP link gone with its bundle", b -> !b.contains("udp:"), node);
            HttpResponse<String> restarted = post(base + "/api/bundles/" + udpId + "/start", "", token);
            assertTrue(restarted.body().contains("\"state\":\"ACTIVE\""), restarted.body());
            awaitBody(base + "/api/links", "the UDP link back", b -> b.contains("udp:"), node);
            assertEquals(409, post(base + "/api/bundles/0/stop", "", token).statusCode(), "never the framework");

            // a bundle uploaded, updated and uninstalled; what is not a bundle, or too big, changes nothing
            HttpResponse<String> notABundle = upload(base + "/api/bundles", "just some text".getBytes(), token);
            assertEquals(400, notABundle.statusCode(), notABundle.body());
            assertTrue(notABundle.body().contains("not an OSGi bundle"), notABundle.body());
            assertEquals(401, upload(base + "/api/bundles", bundleJar("1.0.0"), null).statusCode());
            // the node answers from the announced length, before any of the body is sent
            String huge = statusLineOf(port, "POST /api/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: application/java-archive\r\nContent-Length: " + (16 * 1024 * 1024 + 1)
                    + "\r\n\r\n");
            assertTrue(huge.startsWith("HTTP/1.1 413"), huge);
            HttpResponse<String> installed = upload(base + "/api/bundles", bundleJar("1.0.0"), token);
            assertEquals(200, installed.statusCode(), installed.body());
            assertTrue(installed.body().contains("\"name\":\"org.example.uploaded\",\"version\":\"1.0.0\","
                    + "\"state\":\"ACTIVE\",\"origin\":\"upload\""), installed.body());
            String uploadedId = installed.body().replaceAll("^\\{\"id\":(\\d+),.*", "$1");
            assertEquals(409, upload(base + "/api/bundles", bundleJar("1.0.0"), token).statusCode(), "installed already");
            HttpResponse<String> updated = upload(base + "/api/bundles/" + uploadedId + "/update", bundleJar("1.1.0"), token);
            assertTrue(updated.body().contains("\"version\":\"1.1.0\",\"state\":\"ACTIVE\""), updated.body());
            HttpResponse<String> featureBundle = post(base + "/api/bundles/" + udpId + "/uninstall", "", token);
            assertEquals(409, featureBundle.statusCode());
            assertTrue(featureBundle.body().contains("part of the node's feature"), featureBundle.body());
            assertEquals(200, post(base + "/api/bundles/" + uploadedId + "/uninstall", "", token).statusCode());
            awaitBody(base + "/api/bundles", "the uploaded bundle gone", b -> !b.contains("org.example.uploaded"), node);

            // settings: described by their metatype, a bad value refused with the reason, a good one
            // written to the .cfg file (comments kept) and applied by the node
            HttpResponse<String> pids = send(HttpRequest.newBuilder(URI.create(base + "/api/config")));
            assertTrue(pids.body().contains("\"pid\":\"org.tinyssb.core.node\""), pids.body());
            String nodePid = base + "/api/config/org.tinyssb.core.node";
            HttpResponse<String> described = send(HttpRequest.newBuilder(URI.create(nodePid)));
            assertTrue(described.body().contains("\"id\":\"peer.beacon.interval.s\""), described.body());
            HttpResponse<String> bad = post(nodePid, "{\"peer.beacon.interval.s\": \"abc\"}", token);
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("peer.beacon.interval.s = abc"), bad.body());
            HttpResponse<String> unknownSetting = post(nodePid, "{\"no.such\": 1}", token);
            assertEquals(400, unknownSetting.statusCode());
            assertTrue(unknownSetting.body().contains("no such setting"), unknownSetting.body());
            assertEquals(401, post(nodePid, "{\"peer.beacon.interval.s\": 300}", null).statusCode());
            HttpResponse<String> good = post(nodePid, "{\"peer.beacon.interval.s\": 300}", token);
            assertEquals(200, good.statusCode(), good.body());
            String cfg = Files.readString(config.resolve("org.tinyssb.core.node.cfg"));
            assertTrue(cfg.contains("peer.beacon.interval.s = 300"), cfg);
            assertTrue(cfg.contains("# "), "the file's comments are kept: " + cfg);
            awaitBody(nodePid, "the new value applied", b -> b.contains("\"id\":\"peer.beacon.interval.s\"")
                    && b.replaceAll(".*\"id\":\"peer.beacon.interval.s\"", "").contains("\"value\":\"300\""), node);
            HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(base + "/api/nope")));
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("/api/node"), "says what there is: " + unknown.body());
            int traversal = send(HttpRequest.newBuilder(URI.create(base + "/%2e%2e/%2e%2e/etc/passwd"))).statusCode();
            assertTrue(traversal == 400 || traversal == 404, "no way out of the bundle's files: " + traversal);
            assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/OSGI-INF/"))).statusCode(),
                    "the bundle's other files are not served");
            ProcessBuilder status = new ProcessBuilder(DIST.resolve("bin/tinyssb-node").toString(), "status", "--url", base)
                    .redirectErrorStream(true);
            Process p = status.start();
            String report = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "status returns");
            assertEquals(0, p.exitValue(), report);
            assertTrue(report.startsWith("node " + id + ", up "), report);
            assertTrue(report.contains("  udp:"), "the links table: " + report);
            node.terminate();
            node.awaitExit();
        }
    }

    /** The status line the node answers {@code head} (a request without its body) with, read within 10 s. */
    private static String statusLineOf(int port, String head) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** A bundle jar with nothing but its manifest: installs and starts anywhere. */
    private static byte[] bundleJar(String version) throws java.io.IOException {
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.uploaded");
        m.getMainAttributes().putValue("Bundle-Version", version);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new java.util.jar.JarOutputStream(out, m).close();
        return out.toByteArray();
    }

    private HttpResponse<String> upload(String url, byte[] jar, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private HttpResponse<String> post(String url, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /** Waits (bounded) until {@code url} answers with a body that {@code wanted} accepts. */
    private void awaitBody(String url, String what, java.util.function.Predicate<String> wanted, NodeProcess node)
            throws Exception {
        long deadline = System.nanoTime() + NodeProcess.TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = send(HttpRequest.newBuilder(URI.create(url))).body();
            if (wanted.test(last)) {
                return;
            }
            Thread.sleep(100); // polling a link that is coming up, bounded by the deadline
        }
        throw new AssertionError("not " + what + " at " + url + " within " + NodeProcess.TIMEOUT + ": " + last
                + "\n" + node.output());
    }

    @Test
    void theFelixWebConsoleTakesTheNodesTokenAndNotItsDefaultPassword() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        NodeProcess.freePortsConfig(config);
        int port = NodeProcess.freeHttpConfig(config);
        String console = "http://127.0.0.1:" + port + "/system/console/bundles.json";
        try (NodeProcess node = NodeProcess.start(DIST, "--feature", "webconsole", "--no-shell", "--data",
                dir.resolve("data").toString(), "--config", config.toString(), "--deploy",
                dir.resolve("deploy").toString())) {
            // the feature names only the console: the resolver adds what it needs
            node.awaitLine("the console's needs added by the resolver", l -> l.contains(
                    "the feature needs org.apache.felix:org.apache.felix.inventory:") && l.contains("(for org.apache.felix.webconsole)"));
            node.awaitLine("Jetty on the configured port", l -> l.contains("Started Jetty") && l.contains("HTTP:" + port));
            awaitApi("http://127.0.0.1:" + port + "/api/node", node);
            Path tokenFile = dir.resolve("data/web/token");
            String token = Files.readString(tokenFile).strip();
            HttpResponse<String> admitted = awaitStatus(console, "admin", token, 200, node);
            assertTrue(admitted.body().contains("\"symbolicName\":\"org.tinyssb.core\""), admitted.body());
            assertEquals(401, basic(console, null, null).statusCode(), "no credentials");
            assertEquals(401, basic(console, "admin", "admin").statusCode(), "the console's well-known default is refused");
            assertEquals(401, basic(console, "admin", token + "x").statusCode());
            assertTrue(!node.output().contains(token), "the token never appears in the log");
        }
    }

    private HttpResponse<String> basic(String url, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (user != null) {
            b.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return send(b);
    }

    /** {@code url} once it answers {@code status} with these credentials (the console registers after Jetty starts). */
    private HttpResponse<String> awaitStatus(String url, String user, String password, int status, NodeProcess node)
            throws Exception {
        long deadline = System.nanoTime() + NodeProcess.TIMEOUT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = basic(url, user, password);
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(100); // polling a server that is starting, bounded by the deadline
        }
        throw new AssertionError("no " + status + " from " + url + " within " + NodeProcess.TIMEOUT + " (last: "
                + (last == null ? "none" : last.statusCode()) + ")\n" + node.output());
    }

    /** The API once the node's components are up (Jetty may listen a moment before the servlet is registered). */
    private HttpResponse<String> awaitApi(String url, NodeProcess node) throws Exception {
        long deadline = System.nanoTime() + NodeProcess.TIMEOUT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = send(HttpRequest.newBuilder(URI.create(url)));
            if (last.statusCode() == 200) {
                return last;
            }
            Thread.sleep(100); // polling a server that is starting, bounded by the deadline
        }
        throw new AssertionError("no 200 from " + url + " within " + NodeProcess.TIMEOUT + " (last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()) + ")\n" + node.output());
    }
}
