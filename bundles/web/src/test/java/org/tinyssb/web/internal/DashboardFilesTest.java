package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DashboardFilesTest {
    @Test
    void everyListedFileIsInTheBundleAndThePageLoadsNothingFromElsewhere() {
        for (String name : DashboardServlet.FILES.keySet()) {
            assertTrue(DashboardServlet.file(name).length > 0, name);
        }
        String page = new String(DashboardServlet.file("/index.html"), StandardCharsets.UTF_8);
        assertTrue(page.contains("name=\"viewport\""), "the page is made for phones too");
        assertFalse(page.contains("http://") || page.contains("https://"), "no external resources (CDN)");
        String script = new String(DashboardServlet.file("/app.js"), StandardCharsets.UTF_8);
        assertFalse(script.contains("innerHTML"), "text goes in through textContent only");
        for (String path : ApiDocuments.paths()) {
            assertTrue(new String(DashboardServlet.file("/openapi.json"), StandardCharsets.UTF_8)
                    .contains("\"/api" + path + "\""), "the OpenAPI document describes /api" + path);
        }
    }
}
