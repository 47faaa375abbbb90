package org.tinyssb.web.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;

/**
 * The JSON API at {@code /api/*} on the OSGi Servlet Whiteboard. GET reads documents: node,
 * feeds, links (with each radio's air time by kind against its budget), neighbours, metrics,
 * bundles. POST changes things (publish, follow, unfollow, start or stop a bundle) and needs the
 * access token ({@code Authorization: Bearer ...}); bodies are JSON objects of at most
 * {@value #MAX_BODY_BYTES} bytes. Every refusal is a status with a JSON message saying why.
 */
@Component(service = jakarta.servlet.Servlet.class, configurationPid = "org.tinyssb.web", property = {
    "osgi.http.whiteboard.servlet.pattern=/api/*",
    "osgi.http.whiteboard.servlet.name=tinyssb-api"})
@Designate(ocd = ApiServlet.Config.class)
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    /** Largest request body read. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    @ObjectClassDefinition(name = "tinySSB web console", description = "The dashboard and JSON API (feature web).")
    public @interface Config {
        @AttributeDefinition(name = "Access token", type = AttributeType.PASSWORD, description = "What changes through "
                + "the API need (Authorization: Bearer <token>). Empty: a random token made on first start, kept in "
                + "<data>/web/token, readable by the node's user only.")
        String token() default "";
    }

    private final transient ApiDocuments documents;
    private final transient ApiActions actions;
    private final transient FrameworkBundles bundles;
    private final transient AccessToken token;
    private final transient Settings settings;
    private final transient LinkHistory history = new LinkHistory();
    private final transient java.util.concurrent.ScheduledExecutorService sampler =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tinyssb-web-history");
                t.setDaemon(true);
                return t;
            });

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        sampler.shutdownNow();
    }

    @Activate
    public ApiServlet(BundleContext context, Config config, @Reference(name = "node") NodeService node,
            @Reference(name = "identity") IdentityService identity,
            @Reference(name = "metatype") org.osgi.service.metatype.MetaTypeService metatype,
            @Reference(name = "configAdmin") org.osgi.service.cm.ConfigurationAdmin configAdmin) throws IOException {
        this.documents = new ApiDocuments(node, identity, System.currentTimeMillis());
        this.bundles = new FrameworkBundles(context);
        this.actions = new ApiActions(node, bundles);
        java.nio.file.Path file = AccessToken.file(context);
        this.token = AccessToken.forNode(context, config.token());
        String configDir = context.getProperty("tinyssb.config.dir");
        this.settings = new Settings(context, metatype, configAdmin,
                java.nio.file.Path.of(configDir == null || configDir.isBlank() ? "config" : configDir).toAbsolutePath());
        LOG.info("web API ready; changes need the access token ({})", config.token().isBlank()
                ? "in " + file : "configured");
        sampler.scheduleWithFixedDelay(() -> {
            try {
                history.sample(System.currentTimeMillis(), node.metrics().links());
            } catch (RuntimeException e) {
                LOG.debug("link history: no sample now ({})", e.toString()); // the node is restarting
            }
        }, 0, LinkHistory.SAMPLE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        String host = httpHost(configAdmin);
        if (host != null && !token.configured() && (host.isEmpty() || !(JsonHttp.loopback(host) || host.equals("localhost")))) {
            LOG.warn("the web console listens on {} (org.apache.felix.http.host), beyond this machine: changes from other "
                    + "machines are refused until an access token is configured (token in config/org.tinyssb.web.cfg)",
                    host.isEmpty() ? "every interface" : host);
        }
    }

    /** Each link's last hour: {@code {"<link>": [{"secondsAgo", "inPerSecond", "outPerSecond", "airtimeMillisPerSecond"}]}}. */
    private Object history(long now) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        history.rates(now).forEach((id, rates) -> out.put(id, rates.stream().map(r -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("secondsAgo", r.secondsAgo());
            m.put("inPerSecond", r.inPerSecond());
            m.put("outPerSecond", r.outPerSecond());
            m.put("airtimeMillisPerSecond", r.airtimeMillisPerSecond());
            return m;
        }).toList()));
        return out;
    }

    /** The HTTP server's host setting; empty: every interface; null: not configured (it does not listen yet). */
    private static String httpHost(org.osgi.service.cm.ConfigurationAdmin configAdmin) {
        try {
            org.osgi.service.cm.Configuration[] c = configAdmin.listConfigurations("(service.pid=org.apache.felix.http)");
            if (c == null || c.length == 0 || c[0].getProperties() == null) {
                return null;
            }
            Object host = c[0].getProperties().get("org.apache.felix.http.host");
            return host == null ? "" : host.toString().strip();
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            return null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        Object document;
        try {
            if (path.equals("/bundles")) {
                document = bundles.list();
            } else if (path.equals("/links/history")) {
                document = history(System.currentTimeMillis());
            } else if (path.equals("/config")) {
                document = settings.list();
            } else if (path.startsWith("/config/")) {
                document = settings.describe(path.substring("/config/".length()));
            } else {
                document = documents.at(path, System.currentTimeMillis());
            }
        } catch (RuntimeException e) {
            LOG.warn("API {} failed: {}", path, e.toString());
            JsonHttp.send(response, 503, JsonHttp.error("the node cannot answer " + path + " now: " + e.getMessage()));
            return;
        }
        if (document == null) {
            JsonHttp.send(response, 404, JsonHttp.error("no document at /api" + path + "; there are /api" + String.join(", /api",
                    ApiDocuments.paths()) + ", /api/links/history, /api/bundles, /api/config, /api/config/<pid>"));
            return;
        }
        JsonHttp.send(response, 200, document);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (ApiActions.takesUpload(path(request))) {
            byte[] jar = JsonHttp.authorizedBytes(request, response, token, ApiActions.MAX_UPLOAD_BYTES);
            if (jar != null) {
                ApiActions.Answer answer = actions.upload(path(request), jar);
                LOG.info("bundle upload to /api{}: {}", path(request), answer.status() == 200 ? answer.document()
                        : "refused (" + answer.status() + ")");
                JsonHttp.send(response, answer.status(), answer.document());
            }
            return;
        }
        String body = JsonHttp.authorizedBody(request, response, token, MAX_BODY_BYTES);
        if (body == null) {
            return;
        }
        ApiActions.Answer answer;
        try {
            String path = path(request);
            if (path.startsWith("/config/")) {
                try {
                    answer = settings.update(path.substring("/config/".length()), JsonReader.object(body));
                } catch (JsonReader.JsonException e) {
                    answer = ApiActions.Answer.refused(400, e.getMessage());
                }
            } else {
                answer = actions.perform(path, body);
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("API action {} failed: {}", path(request), e.toString());
            answer = ApiActions.Answer.refused(503, "the node could not do it: " + e.getMessage());
        }
        JsonHttp.send(response, answer.status(), answer.document());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException,
            ServletException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            response.setHeader("Allow", "GET, HEAD, POST");
            JsonHttp.send(response, 405, JsonHttp.error(method + " is not allowed: GET reads, POST changes (with the access token)"));
            return;
        }
        super.service(request, response);
    }

    private static String path(HttpServletRequest request) {
        return request.getPathInfo() == null ? "" : request.getPathInfo();
    }

}
