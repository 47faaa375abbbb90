package org.tinyssb.logbridge.internal;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Third-party bundles (Declarative Services, ConfigAdmin, FileInstall, Metatype) log through the
 * OSGi Log Service, which only stores entries. This listener copies every entry to SLF4J under the
 * name of the bundle that logged it, so component failures appear in the node's log. An entry
 * with an exception is one line (the message and the innermost cause's message: what an operator
 * can act on); the stack trace goes to DEBUG, so a component that fails again and again cannot
 * fill the log with hundreds of lines each time.
 */
@Component(service = {})
public final class LogServiceBridge implements LogListener {
    /** Logger names under which the Log Service records framework events (OSGi Log 1.4). */
    static final String EVENT_LOGGER_PREFIX = "Events.";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLogReader(LogReaderService reader) {
        reader.addLogListener(this);
    }

    void removeLogReader(LogReaderService reader) {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        forward(entry);
    }

    /** Writes one entry to the SLF4J logger named after its bundle. */
    static void forward(LogEntry entry) {
        Bundle bundle = entry.getBundle();
        String name = bundle != null && bundle.getSymbolicName() != null ? bundle.getSymbolicName()
                : entry.getLoggerName();
        Logger log = LoggerFactory.getLogger(name == null ? "osgi.log" : name);
        Throwable error = entry.getException();
        String message = error == null ? entry.getMessage() : entry.getMessage() + ": " + rootCause(error);
        switch (level(entry)) {
            case AUDIT, ERROR -> log.error(message);
            case WARN -> log.warn(message);
            case INFO -> log.info(message);
            case DEBUG -> log.debug(message);
            default -> log.trace(message);
        }
        if (error != null) {
            log.debug("stack trace of: " + entry.getMessage(), error);
        }
    }

    /** The innermost cause's message (its type if it has none), past wrappers such as reflection's. */
    static String rootCause(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 20; depth++) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() || m.endsWith(": null") ? t.getClass().getName() : m;
    }

    /**
     * The level to log at. The Log Service records every bundle, service and framework event at
     * INFO (loggers {@code Events.*}); the node's log keeps those for debugging only, except
     * warnings and errors.
     */
    static LogLevel level(LogEntry entry) {
        LogLevel level = entry.getLogLevel();
        String logger = entry.getLoggerName();
        if (logger != null && logger.startsWith(EVENT_LOGGER_PREFIX)
                && (level == LogLevel.INFO || level == LogLevel.DEBUG)) {
            return LogLevel.DEBUG;
        }
        return level;
    }
}
