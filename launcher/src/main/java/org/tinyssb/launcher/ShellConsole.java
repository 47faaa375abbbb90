package org.tinyssb.launcher;

import java.lang.reflect.Method;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.LoggerFactory;

/**
 * Log lines above the prompt: while Gogo's JLine shell reads a command, a line logged by another
 * thread is printed through JLine's {@code LineReader.printAbove}, which clears the prompt, prints
 * the line and draws the prompt and what was typed again, so logs never land in the middle of a
 * command being typed. The launcher is not a bundle: it learns the shell's line reader from a
 * Gogo {@code CommandSessionListener} (the shell's session holds it as {@code .reader}),
 * registered through the Gogo runtime's own interface class.
 */
final class ShellConsole {
    /** Where console log lines go: the console, or above the prompt of the JLine shell. */
    private static volatile Consumer<String> printer;

    private ShellConsole() {
    }

    /** Prints a formatted log line (ending in a newline) on the console. */
    static void print(String line) {
        Consumer<String> p = printer;
        if (p != null) {
            try {
                p.accept(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
                return;
            } catch (RuntimeException e) {
                printer = null; // the shell is gone: the console again
            }
        }
        System.out.print(line);
        System.out.flush();
    }

    /** Back to the plain console (the framework stops). */
    static void reset() {
        printer = null;
    }

    /** Listens for the JLine shell's session; null when there is no Gogo runtime. */
    static ServiceRegistration<?> register(BundleContext context) {
        try {
            return SystemServices.register(context, "org.apache.felix.gogo.runtime",
                    "org.apache.felix.service.command.CommandSessionListener", null, (method, args) -> {
                        if (method.equals("beforeExecute")) {
                            adopt(args[0]);
                        }
                    });
        } catch (ClassNotFoundException | IllegalStateException e) {
            LoggerFactory.getLogger(ShellConsole.class).debug("log lines stay plain: {}", e.toString());
            return null;
        }
    }

    /** Takes the line reader of a session that has one (the JLine shell's). */
    private static void adopt(Object session) {
        if (printer != null) {
            return;
        }
        try {
            Object reader = session.getClass().getMethod("get", String.class).invoke(session, ".reader");
            if (reader == null) {
                return;
            }
            Method printAbove = findPrintAbove(reader.getClass());
            if (printAbove != null) {
                printer = line -> {
                    try {
                        printAbove.invoke(reader, line);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not a session with a line reader: lines stay plain
        }
    }

    private static Method findPrintAbove(Class<?> type) {
        for (Class<?> i : type.getInterfaces()) {
            if (i.getName().equals("org.jline.reader.LineReader")) {
                try {
                    return i.getMethod("printAbove", String.class);
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
        }
        return type.getSuperclass() == null ? null : findPrintAbove(type.getSuperclass());
    }
}
