package org.tinyssb.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    @Test
    void theNodeItsRadiosAirTimeAndItsFeedsAsTables() {
        String report = StatusCommand.format(
                JsonParser.parseString("{\"id\":\"@abc=.ed25519\",\"uptimeSeconds\":130,\"feeds\":2,\"entries\":10,"
                        + "\"links\":2,\"goset\":{\"size\":2,\"cap\":255,\"admission\":\"proven\","
                        + "\"waitingForEntry\":4}}").getAsJsonObject(),
                JsonParser.parseString("[{\"id\":\"lora:sim\",\"packetsIn\":10,\"packetsOut\":12,\"dropped\":1,"
                        + "\"airtime\":{\"millisByKind\":{\"goset\":400,\"answer\":1600},\"controlMillis\":400,"
                        + "\"usedMillis\":2000,\"budgetMillis\":36000,\"windowMillis\":3600000}},"
                        + "{\"id\":\"ws-in:1\",\"packetsIn\":4,\"packetsOut\":4,\"dropped\":0}]").getAsJsonArray(),
                JsonParser.parseString("[{\"short\":\"0101abcd\",\"height\":3,\"incompleteChains\":0,\"local\":true,"
                        + "\"followed\":false,\"damagedEntries\":0},{\"short\":\"0202abcd\",\"height\":7,"
                        + "\"incompleteChains\":1,\"local\":false,\"followed\":true,\"damagedEntries\":2}]")
                        .getAsJsonArray());
        assertEquals(String.join("\n",
                "node @abc=.ed25519, up 2 min, 2 feeds, 10 entries, 2 links",
                "  link      in  out  dropped  air time used  control share",
                "  --------  --  ---  -------  -------------  -------------",
                "  lora:sim  10   12        1  2.0 s of 36 s           20 %",
                "  ws-in:1    4    4        0  -                          -",
                "  feed      height  chains pending  notes",
                "  --------  ------  --------------  -------------------",
                "  0101abcd       3               0  own",
                "  0202abcd       7               1  followed, 2 damaged",
                "GOset: 2 of 255 feeds; admission: proven (4 announced keys wait for a valid entry)",
                ""), report);
    }

    @Test
    void aNodeThatDoesNotAnswerIsOneLineAndExitCode1() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int port = NodeProcess.freePort();
        int code = new StatusCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8)).run(List.of("--url", "http://127.0.0.1:" + port));
        assertEquals(1, code);
        String line = err.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("tinyssb-node status: no node answers at http://127.0.0.1:" + port), line);
        assertEquals(1, line.lines().count(), "one line: " + line);
        assertEquals(2, new StatusCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())).run(List.of("--bogus")));
    }

    @Test
    void withoutUrlTheAddressIsTheOneTheConfigFolderGivesTheWebServer(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path config) throws Exception {
        assertEquals("http://127.0.0.1:8081", StatusCommand.configuredUrl(config), "no web configuration: the default");
        java.nio.file.Files.writeString(config.resolve(StatusCommand.HTTP_CONFIG),
                "org.apache.felix.http.host = 0.0.0.0\norg.osgi.service.http.port = 8093\n");
        assertEquals("http://127.0.0.1:8093", StatusCommand.configuredUrl(config), "every address: asked on loopback");
        java.nio.file.Files.writeString(config.resolve(StatusCommand.HTTP_CONFIG),
                "org.apache.felix.http.host=192.168.1.7\norg.osgi.service.http.port=I\"8094\"\n");
        assertEquals("http://192.168.1.7:8094", StatusCommand.configuredUrl(config));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int port = NodeProcess.freePort();
        java.nio.file.Files.writeString(config.resolve(StatusCommand.HTTP_CONFIG),
                "org.osgi.service.http.port=" + port + "\n");
        int code = new StatusCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8)).run(List.of("--config", config.toString()));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("tinyssb-node status: no node answers at "
                + "http://127.0.0.1:" + port), err.toString(StandardCharsets.UTF_8));
    }
}
