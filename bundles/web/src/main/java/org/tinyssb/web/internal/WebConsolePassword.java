package org.tinyssb.web.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the Felix Web Console (feature webconsole) the node's access token as the password of its
 * user {@code admin}, instead of the console's well-known default {@code admin}/{@code admin}:
 * only the token's SHA-256 goes into the console's configuration, in the console's own hashed
 * form. A password an operator configured for the console (its {@code .cfg} file) is left alone.
 */
@Component(immediate = true, configurationPid = "org.tinyssb.web")
public final class WebConsolePassword {
    /** The console's configuration. */
    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    /** Marks the console configuration this component wrote (so it may write it again). */
    static final String MANAGED = "tinyssb.web.managed";
    private static final Logger LOG = LoggerFactory.getLogger(WebConsolePassword.class);

    @Activate
    public WebConsolePassword(BundleContext context, ApiServlet.Config config,
            @Reference(name = "configAdmin") ConfigurationAdmin configAdmin) throws IOException {
        Configuration console = configAdmin.getConfiguration(CONSOLE_PID, "?");
        Dictionary<String, Object> now = console.getProperties();
        Dictionary<String, Object> wanted = wanted(now, AccessToken.forNode(context, config.token()).consolePassword());
        if (wanted != null) {
            console.update(wanted);
            LOG.debug("web console password set to the node's access token");
        }
    }

    /**
     * The console configuration to write over {@code now}, or null to leave it: an operator's own
     * password stays, and one already set to {@code password} is not written again.
     */
    static Dictionary<String, Object> wanted(Dictionary<String, Object> now, String password) {
        if (now != null && now.get("password") != null && now.get(MANAGED) == null) {
            return null;
        }
        if (now != null && password.equals(now.get("password"))) {
            return null;
        }
        Dictionary<String, Object> p = new Hashtable<>();
        if (now != null) {
            for (var keys = now.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                p.put(k, now.get(k));
            }
        }
        p.put("username", "admin");
        p.put("password", password);
        p.put(MANAGED, Boolean.TRUE);
        return p;
    }
}
