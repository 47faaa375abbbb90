package org.tinyssb.shell.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code help}: the node's own commands with what each does, instead of Gogo's ~150 with the
 * node's last. Registered as {@code gogo:help} above the JLine shell's own (same key, higher
 * ranking) because both consoles look in scope {@code gogo} first; Gogo's whole list stays one
 * word away ({@code help all}, which is {@code felix:help}).
 */
@Component(service = NodeHelp.class, property = {
    "osgi.command.scope=gogo",
    "osgi.command.function=help",
    "service.ranking:Integer=100"})
public final class NodeHelp {
    /** The scope of the node's commands (shell, chat, deploy, and apps that join it). */
    static final String SCOPE = "tinyssb";

    private final BundleContext context;

    @Activate
    public NodeHelp(BundleContext context) {
        this.context = context;
    }

    @Descriptor("the node's commands ('help all': every command of the shell; 'help <command>': its parameters)")
    public String help() {
        return render(nodeCommands());
    }

    @Descriptor("'help all' lists every command of the shell; 'help <command>' shows a command's parameters")
    public Object help(CommandSession session, @Descriptor("all, or a command") String name) throws Exception {
        return session.execute("all".equals(name) ? "felix:help" : "felix:help " + name);
    }

    /** Width of the descriptions: a help text fits an 80-column terminal with the names beside it. */
    static final int TEXT_WIDTH = 64;

    /** The answer to {@code help}: the commands, each with what it does (wrapped), and where the rest are. */
    static String render(Map<String, String> commands) {
        int nameWidth = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        Output out = new Output().line("the node's commands:");
        commands.forEach((name, text) -> {
            List<String> lines = wrap(text.isEmpty() ? "-" : text, TEXT_WIDTH);
            for (int i = 0; i < lines.size(); i++) {
                out.line("  " + String.format("%-" + nameWidth + "s", i == 0 ? name : "") + "  " + lines.get(i));
            }
        });
        return out.line("")
                .line("'help <command>': its parameters; 'help all': every command of the shell (OSGi's")
                .line("lb, inspect, ...); Ctrl-D or 'stop 0' stops the node").toString();
    }

    /** {@code text} in lines of at most {@code width} characters, broken between words. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The node's commands by name, each with the description its method declares. */
    Map<String, String> nodeCommands() {
        Map<String, String> out = new TreeMap<>();
        ServiceReference<?>[] refs;
        try {
            refs = context.getServiceReferences((String) null, "(osgi.command.scope=" + SCOPE + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            Object service = context.getService(ref);
            if (service == null) {
                continue;
            }
            try {
                for (String function : functions(ref.getProperty("osgi.command.function"))) {
                    if (!function.equals("default")) { // the unknown-command answer, not a command
                        out.put(function, description(service.getClass(), function));
                    }
                }
            } finally {
                context.ungetService(ref);
            }
        }
        return out;
    }

    private static String[] functions(Object property) {
        if (property instanceof String[] names) {
            return names;
        }
        return property == null ? new String[0] : new String[] {property.toString()};
    }

    /** The {@link Descriptor} of the first public method named {@code function}, or "" if it has none. */
    static String description(Class<?> type, String function) {
        for (Method m : type.getMethods()) {
            Descriptor d = m.getAnnotation(Descriptor.class);
            if (m.getName().equals(function) && d != null) {
                return d.value();
            }
        }
        return "";
    }
}
