package org.tinyssb.shell.internal;

import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Component;

/**
 * What the shell answers to a command it does not know: one line, instead of
 * {@code org.apache.felix.gogo.runtime.CommandNotFoundException: Command not found: foo}. Gogo's
 * runtime calls the command named {@code default}, in any scope, before it gives up on a name.
 */
@Component(service = Function.class, property = {
    "osgi.command.scope=" + NodeHelp.SCOPE,
    "osgi.command.function=default"})
public final class UnknownCommand implements Function {
    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        session.getConsole().println(line(arguments.isEmpty() ? "" : String.valueOf(arguments.get(0))));
        return null;
    }

    /** The line for the unknown command {@code name}. */
    static String line(String name) {
        return name + ": no such command ('help' lists the node's commands)";
    }
}
