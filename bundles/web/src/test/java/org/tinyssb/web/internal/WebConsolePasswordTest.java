package org.tinyssb.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConsolePasswordTest {
    @TempDir
    Path dir;

    @Test
    void theConsolesPasswordIsTheHashOfTheNodesTokenInTheConsolesOwnForm() throws Exception {
        AccessToken token = AccessToken.configuredOr("s3cret-token", dir.resolve("token"));
        String expected = "{sha-256}" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("s3cret-token".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(expected, token.consolePassword());
        // the console's own default has this form: {sha-256} and base64 of sha256("admin")
        assertEquals("{sha-256}jGl25bVBBBW96Qi9Te4V37Fnqchz/Eu4qB9vKrRIqRg=",
                AccessToken.configuredOr("admin", dir.resolve("other")).consolePassword());
    }

    @Test
    void writtenWhenAbsentOrOursAndOutdatedNeverOverAnOperatorsPassword() {
        Dictionary<String, Object> fresh = WebConsolePassword.wanted(null, "{sha-256}x");
        assertEquals("admin", fresh.get("username"));
        assertEquals("{sha-256}x", fresh.get("password"));
        assertEquals(Boolean.TRUE, fresh.get(WebConsolePassword.MANAGED));
        assertNull(WebConsolePassword.wanted(fresh, "{sha-256}x"), "unchanged: not written again");
        assertEquals("{sha-256}y", WebConsolePassword.wanted(fresh, "{sha-256}y").get("password"), "a new token");

        Dictionary<String, Object> operators = new Hashtable<>();
        operators.put("password", "{sha-256}theirs");
        operators.put("felix.fileinstall.filename", "file:/etc/tinyssb-node/" + WebConsolePassword.CONSOLE_PID + ".cfg");
        assertNull(WebConsolePassword.wanted(operators, "{sha-256}x"));

        Dictionary<String, Object> otherSettings = new Hashtable<>();
        otherSettings.put("manager.root", "/osgi");
        Dictionary<String, Object> merged = WebConsolePassword.wanted(otherSettings, "{sha-256}x");
        assertEquals("/osgi", merged.get("manager.root"), "the console's other settings are kept");
    }
}
