package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.api.FeedId;
import org.tinyssb.deploy.Deployment;
import org.tinyssb.deploy.FleetReport;

class DeploymentsDocumentTest {
    private final FeedId deployer = FeedId.of(new byte[32]);
    private final FeedId node = FeedId.parse("01" + "00".repeat(31));

    @Test
    void whatThisNodeDidAndTheFleetsReports() {
        String json = Json.write(DeploymentsServlet.document(
                List.of(new Deployment(deployer, 3, "install", "org.example.app", "1.0.0", "skipped", "for group 'north'")),
                List.of(new FleetReport(deployer, 3, "install", "org.example.app", "1.0.0", "north", node, "installed", ""),
                        new FleetReport(deployer, 4, "uninstall", "org.example.app", "*", null, null, "no report yet", ""))));
        assertEquals("{\"here\":[{\"instruction\":\"00000000#3\",\"feed\":\"" + deployer.toSsbId() + "\",\"seq\":3,"
                + "\"action\":\"install\",\"bundle\":\"org.example.app\",\"version\":\"1.0.0\",\"outcome\":\"skipped\","
                + "\"detail\":\"for group 'north'\"}],\"fleet\":[{\"instruction\":\"00000000#3\",\"action\":\"install\","
                + "\"bundle\":\"org.example.app\",\"version\":\"1.0.0\",\"group\":\"north\",\"node\":\"" + node.toSsbId()
                + "\",\"nodeShort\":\"01000000\",\"outcome\":\"installed\",\"detail\":\"\"},{\"instruction\":\"00000000#4\","
                + "\"action\":\"uninstall\",\"bundle\":\"org.example.app\",\"version\":\"*\",\"group\":null,\"node\":null,"
                + "\"nodeShort\":null,\"outcome\":\"no report yet\",\"detail\":\"\"}],\"fleetTotal\":2}", json);
    }

    @Test
    void theFleetIsCutToTheLatestRows() {
        List<FleetReport> many = new ArrayList<>();
        for (int i = 1; i <= DeploymentsServlet.MAX_ROWS + 20; i++) {
            many.add(new FleetReport(deployer, i, "install", "b", "1", null, node, "installed", ""));
        }
        java.util.Map<String, Object> doc = DeploymentsServlet.document(List.of(), many);
        assertEquals(DeploymentsServlet.MAX_ROWS, ((List<?>) doc.get("fleet")).size());
        assertEquals(DeploymentsServlet.MAX_ROWS + 20, doc.get("fleetTotal"));
    }
}
