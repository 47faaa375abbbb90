package org.tinyssb.launcher;

import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels changed while the node runs: {@code <config>/org.tinyssb.logging.cfg}, which the
 * launcher reads at start, is also a configuration ConfigAdmin hands out (FileInstall watches the
 * folder), and this launcher-side ManagedService applies each edit to Logback: loggers named in
 * the file take its level, loggers no longer named go back to inheriting theirs. A bad level is one
 * line naming it; the other loggers of the edit still apply.
 *
 * <p>The launcher is not a bundle, so the service implements ConfigAdmin's own
 * {@code ManagedService} interface class (loaded from the ConfigAdmin bundle) through a proxy.
 */
final class LogLevels {
    static final String PID = "org.tinyssb.logging";
    private static final Logger LOG = LoggerFactory.getLogger(LogLevels.class);
    private final Set<String> named = new HashSet<>();
    /** The root logger's level from {@code --log-level}: what a root line removed from the file goes back to. */
    private final Level rootDefault;

    private LogLevels(Level rootDefault) {
        this.rootDefault = rootDefault;
    }

    /** Registers the listener in the framework of {@code context}; null when there is no ConfigAdmin or no Logback. */
    static ServiceRegistration<?> register(BundleContext context, Map<String, Level> atStart, String rootLevel) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
            return null;
        }
        LogLevels levels = new LogLevels(Level.toLevel(rootLevel.toUpperCase(java.util.Locale.ROOT), Level.INFO));
        levels.named.addAll(atStart.keySet());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, PID);
        try {
            return SystemServices.register(context, "org.apache.felix.configadmin", "org.osgi.service.cm.ManagedService",
                    props, (method, args) -> {
                        if (method.equals("updated")) {
                            levels.updated(args[0] == null ? null : asMap((Dictionary<?, ?>) args[0]));
                        }
                    });
        } catch (ClassNotFoundException | IllegalStateException e) {
            LOG.debug("no runtime log levels: {}", e.toString());
            return null;
        }
    }

    private static Map<String, String> asMap(Dictionary<?, ?> d) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Enumeration<?> keys = d.keys(); keys.hasMoreElements(); ) {
            Object k = keys.nextElement();
            m.put(String.valueOf(k), String.valueOf(d.get(k)));
        }
        return m;
    }

    /** Applies a configuration (null: the file is gone, every named logger inherits again). */
    void updated(Map<String, String> properties) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        synchronized (named) {
            if (properties == null && named.isEmpty()) {
                return; // no file, nothing named before: nothing to say
            }
        }
        Map<String, Level> wanted = new TreeMap<>();
        List<String> refused = new java.util.ArrayList<>();
        if (properties != null) {
            properties.forEach((name, value) -> {
                if (name.startsWith("service.") || name.startsWith("felix.") || name.startsWith("component.")) {
                    return;
                }
                try {
                    wanted.put(name, LogSetup.level(value, LogSetup.LEVELS_FILE + ": " + name));
                } catch (LaunchException e) {
                    refused.add(e.getMessage());
                }
            });
        }
        synchronized (named) {
            for (String gone : named) {
                if (!wanted.containsKey(gone)) {
                    boolean root = gone.equalsIgnoreCase(org.slf4j.Logger.ROOT_LOGGER_NAME);
                    // inherits again (root: --log-level; a quieted library: its quiet level)
                    context.getLogger(gone).setLevel(root ? rootDefault : LogSetup.LIBRARY_LEVELS.get(gone));
                }
            }
            named.clear();
            named.addAll(wanted.keySet());
        }
        wanted.forEach((name, level) -> context.getLogger(name).setLevel(level));
        refused.forEach(line -> LOG.warn("{}; that logger keeps its level", line));
        LOG.info("log levels: {}", wanted.isEmpty() ? "the default for every logger" : describe(wanted));
    }

    private static String describe(Map<String, Level> levels) {
        StringBuilder s = new StringBuilder();
        levels.forEach((n, l) -> s.append(s.length() == 0 ? "" : ", ").append(n).append(" = ")
                .append(l.toString().toLowerCase(java.util.Locale.ROOT)));
        return s.toString();
    }

    /** For tests: a listener over the current Logback context, root at {@code info} by default. */
    static LogLevels forTest() {
        return new LogLevels(Level.INFO);
    }
}
