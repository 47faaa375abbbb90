package org.tinyssb.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.slf4j.LoggerFactory;

/** Sends the Felix framework's own log messages to SLF4J, where the node's log goes. */
final class Slf4jFrameworkLogger extends Logger {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("org.apache.felix.framework");

    /** The Felix log level that lets through what SLF4J would print. */
    static int felixLevel() {
        if (LOG.isDebugEnabled()) {
            return LOG_DEBUG;
        }
        if (LOG.isInfoEnabled()) {
            return LOG_INFO;
        }
        return LOG.isWarnEnabled() ? LOG_WARNING : LOG_ERROR;
    }

    @Override
    protected void doLog(Bundle bundle, @SuppressWarnings("rawtypes") ServiceReference sr, int level,
            String msg, Throwable throwable) {
        String text = bundle == null ? msg : "[" + bundle.getSymbolicName() + "] " + msg;
        if (throwable instanceof BundleException be && be.getType() == BundleException.RESOLVE_ERROR) {
            // the resolver's message says everything; its stack trace only hides it
            text = text + ": " + NodeRuntime.oneLine(String.valueOf(be.getMessage()));
            throwable = null;
        }
        switch (level) {
            case LOG_ERROR -> LOG.error(text, throwable);
            case LOG_WARNING -> LOG.warn(text, throwable);
            case LOG_INFO -> LOG.info(text, throwable);
            default -> LOG.debug(text, throwable);
        }
    }

    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        doLog(null, null, level, msg, throwable);
    }
}
