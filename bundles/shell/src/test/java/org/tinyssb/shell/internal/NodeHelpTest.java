package org.tinyssb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code help} lists the node's commands with what they do; an unknown command is one line. */
class NodeHelpTest {
    @Test
    void helpIsTheNodesCommandsWithTheirDescriptionsAndWhereTheRestAre() {
        Map<String, String> commands = new TreeMap<>();
        for (String name : List.of("feeds", "read", "links")) {
            commands.put(name, NodeHelp.description(NodeCommands.class, name));
        }
        assertEquals("the feeds this node holds, in GOset order", commands.get("feeds"), "read from @Descriptor");
        commands.put("identity", NodeHelp.description(NodeCommands.class, "identity"));
        List<String> lines = NodeHelp.render(commands).lines().toList();
        assertEquals("the node's commands:", lines.get(0));
        assertEquals("  feeds     the feeds this node holds, in GOset order", lines.get(1));
        assertTrue(lines.get(2).startsWith("  identity  the node's identities: ") && lines.get(3).startsWith("            "),
                "a long description goes on below, indented:\n" + String.join("\n", lines));
        assertTrue(lines.stream().allMatch(l -> l.length() <= 80), "fits 80 columns:\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  links     ")) && lines.stream()
                .anyMatch(l -> l.startsWith("  read      ")), String.join("\n", lines));
        assertTrue(String.join("\n", lines).contains("'help all': every command of the shell"), lines.toString());
    }

    @Test
    void anUnknownCommandIsOneLineSayingWhereTheCommandsAre() {
        assertEquals("foo: no such command ('help' lists the node's commands)", UnknownCommand.line("foo"));
    }
}
