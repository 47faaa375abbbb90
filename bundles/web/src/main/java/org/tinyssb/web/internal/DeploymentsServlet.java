package org.tinyssb.web.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tinyssb.deploy.Deployment;
import org.tinyssb.deploy.DeploymentService;
import org.tinyssb.deploy.FleetReport;

/**
 * Remote deployment at {@code /api/deployments} (when the deploy bundle runs), read-only: what
 * this node did with the instructions it received ({@code here}) and, for the deploying node, the
 * fleet's reports by instruction ({@code fleet}). Deployments are published from the shell, signed
 * with a deployment key; a web form would put that key behind a password.
 */
@Component(service = jakarta.servlet.Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/api/deployments",
    "osgi.http.whiteboard.servlet.name=tinyssb-deployments"})
public final class DeploymentsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Fleet rows a GET returns at most, the latest instructions'. */
    static final int MAX_ROWS = 500;
    private final transient DeploymentService deployments;

    @Activate
    public DeploymentsServlet(@Reference(name = "deployments") DeploymentService deployments) {
        this.deployments = deployments;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonHttp.send(response, 200, document(deployments.deployments(), deployments.fleet()));
    }

    static Map<String, Object> document(List<Deployment> here, List<FleetReport> fleet) {
        List<Object> done = new ArrayList<>();
        for (Deployment d : here) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("instruction", d.feed().shortId() + "#" + d.seq());
            o.put("feed", d.feed().toSsbId());
            o.put("seq", d.seq());
            o.put("action", d.action());
            o.put("bundle", d.bsn());
            o.put("version", d.version());
            o.put("outcome", d.outcome());
            o.put("detail", d.detail());
            done.add(o);
        }
        List<Object> rows = new ArrayList<>();
        for (FleetReport r : fleet.subList(Math.max(0, fleet.size() - MAX_ROWS), fleet.size())) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("instruction", r.instructionFeed().shortId() + "#" + r.instructionSeq());
            o.put("action", r.action());
            o.put("bundle", r.bsn());
            o.put("version", r.version());
            o.put("group", r.group());
            o.put("node", r.node() == null ? null : r.node().toSsbId());
            o.put("nodeShort", r.node() == null ? null : r.node().shortId());
            o.put("outcome", r.outcome());
            o.put("detail", r.detail());
            rows.add(o);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("here", done);
        out.put("fleet", rows);
        out.put("fleetTotal", fleet.size());
        return out;
    }
}
