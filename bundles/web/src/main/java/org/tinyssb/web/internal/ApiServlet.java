package org.tinyssb.web.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyssb.api.IdentityService;
import org.tinyssb.api.NodeService;

/**
 * The read-only JSON API at {@code /api/*} on the OSGi Servlet Whiteboard: node, feeds, links
 * (with each radio's air time by kind against its budget), neighbours, metrics. Anything but GET
 * is refused (405) and an unknown path is a 404, each with a JSON message saying what there is.
 */
@Component(service = jakarta.servlet.Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/api/*",
    "osgi.http.whiteboard.servlet.name=tinyssb-api"})
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private final transient ApiDocuments documents;

    @Activate
    public ApiServlet(@Reference(name = "node") NodeService node, @Reference(name = "identity") IdentityService identity) {
        this.documents = new ApiDocuments(node, identity, System.currentTimeMillis());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Object document;
        try {
            document = documents.at(path, System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warn("API {} failed: {}", path, e.toString());
            send(response, 503, error("the node cannot answer " + path + " now: " + e.getMessage()));
            return;
        }
        if (document == null) {
            send(response, 404, error("no document at /api" + path + "; there are /api" + String.join(", /api",
                    ApiDocuments.paths())));
            return;
        }
        send(response, 200, document);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException,
            jakarta.servlet.ServletException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            send(response, 405, error(request.getMethod() + " is not allowed: this API is read-only (GET)"));
            return;
        }
        super.service(request, response);
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        return m;
    }

    private static void send(HttpServletResponse response, int status, Object document) throws IOException {
        byte[] body = Json.write(document).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
