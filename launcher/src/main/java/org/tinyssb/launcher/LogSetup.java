package org.tinyssb.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * The node's log through Logback: lines on the console (what the shell, systemd's journal and the
 * tests read) and in a rolling file in the data folder ({@code log/node.log}, 10 MB a file, a week
 * and 50 MB at most, so a chatty peer cannot fill the disk). The level is {@code --log-level};
 * loggers by name, e.g. {@code org.tinyssb.core = debug}, in {@code <config>/org.tinyssb.logging.cfg}.
 */
final class LogSetup {
    static final String LEVELS_FILE = "org.tinyssb.logging.cfg";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %level %logger{0} - %msg%n";
    /**
     * Libraries whose own lines say less than the node's about the same event, at the level they are
     * kept at unless an operator names them in the levels file: Java-WebSocket logs a port in use as
     * an 8-line stack trace (the link says it in one line), Jetty says INFO for every start.
     */
    static final Map<String, Level> LIBRARY_LEVELS = Map.of("org.java_websocket", Level.OFF,
            "org.eclipse.jetty", Level.WARN);
    static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %level %logger - %msg%n";
    static final String MAX_FILE = "10MB";
    static final String TOTAL_CAP = "50MB";
    static final int DAYS_KEPT = 7;

    private LogSetup() {
    }

    /** The levels by logger name in {@code file} (none if it does not exist); a bad level is one line. */
    static Map<String, Level> levels(Path file) throws LaunchException {
        Map<String, Level> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw LaunchException.badInput("config file " + file + " is malformed: " + e.getMessage());
        }
        for (Map.Entry<String, String> e : new TreeMap<>(Map.copyOf(asStrings(p))).entrySet()) {
            if (e.getKey().startsWith("service.") || e.getKey().startsWith("felix.")) {
                continue;
            }
            out.put(e.getKey(), level(e.getValue(), file + ": " + e.getKey()));
        }
        return out;
    }

    private static Map<String, String> asStrings(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    static Level level(String text, String where) throws LaunchException {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (!java.util.List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(t)) {
            throw LaunchException.badInput("config file " + where + " = " + text
                    + ": one of trace, debug, info, warn, error, off is allowed");
        }
        return Level.toLevel(t);
    }

    /** Console and rolling file at {@code level}, {@code levels} for named loggers; the file under {@code logDir}. */
    static void configure(String level, Map<String, Level> levels, Path logDir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J backend on the class path (a test's): it keeps its own settings
        }
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO));
        ShellConsoleAppender console = new ShellConsoleAppender(); // above the prompt while the shell reads
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.start();
        root.addAppender(console);
        if (logDir != null) {
            root.addAppender(file(context, logDir));
        }
        LIBRARY_LEVELS.forEach((name, l) -> context.getLogger(name).setLevel(l));
        levels.forEach((name, l) -> context.getLogger(name).setLevel(l));
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Path logDir) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile(logDir.resolve("node.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        policy.setFileNamePattern(logDir.resolve("node.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf(MAX_FILE));
        policy.setTotalSizeCap(FileSize.valueOf(TOTAL_CAP));
        policy.setMaxHistory(DAYS_KEPT);
        policy.start();
        file.setRollingPolicy(policy);
        file.setEncoder(encoder(context, FILE_PATTERN));
        file.start();
        return file;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern(pattern);
        e.start();
        return e;
    }
}
