package org.tinyssb.web.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The dashboard's files: plain HTML, CSS and JS written here (no build step, no CDN), served from
 * this bundle by name. Only the files listed are served, each with its content type, so no path
 * a client makes up can reach anything else.
 */
@Component(service = jakarta.servlet.Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/index.html",
    "osgi.http.whiteboard.servlet.pattern=/app.js",
    "osgi.http.whiteboard.servlet.pattern=/style.css",
    "osgi.http.whiteboard.servlet.pattern=/openapi.json",
    "osgi.http.whiteboard.servlet.name=tinyssb-dashboard"})
public final class DashboardServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The files and their content types. */
    static final Map<String, String> FILES = Map.of(
            "/index.html", "text/html;charset=utf-8",
            "/app.js", "text/javascript;charset=utf-8",
            "/style.css", "text/css;charset=utf-8",
            "/openapi.json", "application/json;charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getServletPath();
        String type = FILES.get(name);
        if (type == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] body = file(name);
        response.setContentType(type);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // the page loads nothing from elsewhere, and nothing may frame it
        response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A dashboard file's bytes, from the bundle. */
    static byte[] file(String name) {
        try (InputStream in = DashboardServlet.class.getResourceAsStream("/dashboard" + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks /dashboard" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
