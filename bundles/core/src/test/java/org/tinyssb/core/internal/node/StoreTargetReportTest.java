package org.tinyssb.core.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreTargetReportTest {
    private static final List<Map<String, Object>> FILE_ONLY = List.of(Map.of("tinyssb.store.name", "file"));

    @Test
    void aTargetThatMatchesNoStoreIsOneLineNamingTheStoresThereAre() {
        assertNull(StoreTargetReport.report(StoreTargetReport.DEFAULT_TARGET, FILE_ONLY));
        assertNull(StoreTargetReport.report("(tinyssb.store.name=file)", FILE_ONLY));
        assertEquals("store.target (tinyssb.store.name=memory) matches none of this node's stores (file): the node does "
                + "not run until one matches; set store.target in config/org.tinyssb.core.node.cfg, or add the store's "
                + "bundle to the feature", StoreTargetReport.report("(tinyssb.store.name=memory)", FILE_ONLY));
        assertTrue(StoreTargetReport.report(StoreTargetReport.DEFAULT_TARGET, List.of()).contains("(there are none)"));
        assertTrue(StoreTargetReport.report("tinyssb.store.name=memory", FILE_ONLY).contains("is not a filter"));
    }
}
