package org.tinyssb.launcher;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code tinyssb-node status [--url URL] [--config DIR]}: a running node read through its web API
 * (feature {@code web}) and printed as tables, for people and scripts (exit code 0 when the node
 * answered, 1 when it did not, 2 for a bad command line), as {@code rnstatus} does for Reticulum.
 * Without {@code --url} the address is the one the config folder gives the web server, as the
 * node started from the same folder listens there.
 */
final class StatusCommand {
    static final String DEFAULT_URL = "http://127.0.0.1:8081";
    /** The web server's configuration in the config folder (written there by the feature web). */
    static final String HTTP_CONFIG = "org.apache.felix.http.cfg";
    static final String USAGE = String.join("\n",
            "usage: tinyssb-node status [--url URL] [--config DIR]",
            "",
            "  --url URL     the node's web console (default: host and port of " + HTTP_CONFIG + " in the",
            "                config folder, else " + DEFAULT_URL + "; feature web)",
            "  --config DIR  the node's config folder (default: ./config)");

    private final PrintStream out;
    private final PrintStream err;

    StatusCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        String url = null;
        java.nio.file.Path config = java.nio.file.Path.of("config");
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--url", "--config" -> {
                    if (i + 1 >= args.size()) {
                        err.println("tinyssb-node status: " + args.get(i) + " needs a value\n" + USAGE);
                        return LaunchException.BAD_INPUT;
                    }
                    if (args.get(i).equals("--url")) {
                        url = args.get(++i).replaceAll("/+$", "");
                    } else {
                        config = java.nio.file.Path.of(args.get(++i));
                    }
                }
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    err.println("tinyssb-node status: unknown option '" + args.get(i) + "'\n" + USAGE);
                    return LaunchException.BAD_INPUT;
                }
            }
        }
        if (url == null) {
            url = configuredUrl(config);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            JsonObject node = get(http, url + "/api/node").getAsJsonObject();
            JsonArray links = get(http, url + "/api/links").getAsJsonArray();
            JsonArray feeds = get(http, url + "/api/feeds").getAsJsonArray();
            out.print(format(node, links, feeds));
            return 0;
        } catch (ConnectException e) {
            err.println("tinyssb-node status: no node answers at " + url + " (is it running, with --feature web?)");
        } catch (IOException | RuntimeException e) {
            err.println("tinyssb-node status: " + url + " did not answer as a node's web console: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tinyssb-node status: interrupted");
        }
        return LaunchException.FAILED;
    }

    /**
     * The web console's address as {@code configDir}'s {@value #HTTP_CONFIG} sets it (a host
     * listening on every address is asked on loopback), or {@link #DEFAULT_URL}.
     */
    static String configuredUrl(java.nio.file.Path configDir) {
        java.nio.file.Path file = configDir.resolve(HTTP_CONFIG);
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return DEFAULT_URL; // none (a node without the web feature), or unreadable: the node says so itself
        }
        String host = p.getProperty("org.apache.felix.http.host", "127.0.0.1").strip();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        String port = p.getProperty("org.osgi.service.http.port", "8081").replaceAll("[^0-9]", ""); // I"8082" too
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + (port.isEmpty() ? "8081" : port);
    }

    private static JsonElement get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + " answered HTTP " + r.statusCode());
        }
        return JsonParser.parseString(r.body());
    }

    /** The report: a summary line, the links (with radios' air time against their budget) and the feeds. */
    static String format(JsonObject node, JsonArray links, JsonArray feeds) {
        StringBuilder b = new StringBuilder();
        b.append("node ").append(node.get("id").getAsString()).append(", up ")
                .append(duration(node.get("uptimeSeconds").getAsLong())).append(", ")
                .append(node.get("feeds").getAsLong()).append(" feeds, ").append(node.get("entries").getAsLong())
                .append(" entries, ").append(node.get("links").getAsLong()).append(" links\n");
        if (links.isEmpty()) {
            b.append("no links\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"link", "in", "out", "dropped", "air time used", "control share"});
            for (JsonElement e : links) {
                JsonObject l = e.getAsJsonObject();
                String used = "-";
                String control = "-";
                if (l.has("airtime")) {
                    JsonObject a = l.getAsJsonObject("airtime");
                    double total = 0;
                    for (var k : a.getAsJsonObject("millisByKind").entrySet()) {
                        total += k.getValue().getAsDouble();
                    }
                    used = String.format(Locale.ROOT, "%.1f s of %.0f s", a.get("usedMillis").getAsDouble() / 1000,
                            a.get("budgetMillis").getAsDouble() / 1000);
                    control = total <= 0 ? "-" : String.format(Locale.ROOT, "%.0f %%",
                            100 * a.get("controlMillis").getAsDouble() / total);
                }
                rows.add(new String[] {l.get("id").getAsString(), l.get("packetsIn").getAsString(),
                        l.get("packetsOut").getAsString(), l.get("dropped").getAsString(), used, control});
            }
            b.append(Tables.format(rows, new boolean[] {false, true, true, true, false, true}));
        }
        if (!feeds.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"feed", "height", "chains pending", "notes"});
            for (JsonElement e : feeds) {
                JsonObject f = e.getAsJsonObject();
                List<String> notes = new ArrayList<>();
                if (f.get("local").getAsBoolean()) {
                    notes.add("own");
                }
                if (f.get("followed").getAsBoolean()) {
                    notes.add("followed");
                }
                if (f.get("damagedEntries").getAsLong() > 0) {
                    notes.add(f.get("damagedEntries").getAsLong() + " damaged");
                }
                rows.add(new String[] {f.get("short").getAsString(), f.get("height").getAsString(),
                        f.get("incompleteChains").getAsString(), String.join(", ", notes)});
            }
            b.append(Tables.format(rows, new boolean[] {false, true, true, false}));
        }
        if (node.has("goset")) { // nodes before API 2.3 do not say
            JsonObject g = node.getAsJsonObject("goset");
            String admission = g.get("admission").getAsString();
            b.append("GOset: ").append(g.get("size").getAsLong()).append(" of ").append(g.get("cap").getAsLong())
                    .append(" feeds; admission: ").append(admission);
            if (admission.equals("proven")) {
                b.append(" (").append(g.get("waitingForEntry").getAsLong()).append(" announced keys wait for a valid entry)");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String duration(long seconds) {
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min"
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
