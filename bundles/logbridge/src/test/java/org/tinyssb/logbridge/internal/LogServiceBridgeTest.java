package org.tinyssb.logbridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

class LogServiceBridgeTest {
    private static LogEntry entry(String logger, LogLevel level) {
        return (LogEntry) Proxy.newProxyInstance(LogEntry.class.getClassLoader(),
                new Class<?>[] {LogEntry.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getLoggerName" -> logger;
                    case "getLogLevel" -> level;
                    case "getMessage" -> "message";
                    default -> null;
                });
    }

    @Test
    void frameworkEventsAreDebugOutput() {
        assertEquals(LogLevel.DEBUG, LogServiceBridge.level(entry("Events.Bundle", LogLevel.INFO)));
        assertEquals(LogLevel.DEBUG, LogServiceBridge.level(entry("Events.Service", LogLevel.DEBUG)));
    }

    @Test
    void frameworkErrorsKeepTheirLevel() {
        assertEquals(LogLevel.ERROR, LogServiceBridge.level(entry("Events.Framework", LogLevel.ERROR)));
        assertEquals(LogLevel.WARN, LogServiceBridge.level(entry("Events.Framework", LogLevel.WARN)));
    }

    @Test
    void componentMessagesKeepTheirLevel() {
        assertEquals(LogLevel.INFO, LogServiceBridge.level(entry("org.apache.felix.scr", LogLevel.INFO)));
        assertEquals(LogLevel.ERROR, LogServiceBridge.level(entry(null, LogLevel.ERROR)));
    }

    @Test
    void forwardingAnEntryWithoutBundleOrLoggerDoesNotFail() {
        LogServiceBridge.forward(entry(null, LogLevel.WARN));
    }

    @Test
    void anExceptionBecomesTheMessageOfItsInnermostCause() {
        Exception wrapped = new RuntimeException(new java.lang.reflect.InvocationTargetException(
                new java.io.IOException("key file /k/node.key is corrupt")));
        assertEquals("key file /k/node.key is corrupt", LogServiceBridge.rootCause(wrapped));
        assertEquals("java.lang.NullPointerException", LogServiceBridge.rootCause(new NullPointerException()));
    }
}
