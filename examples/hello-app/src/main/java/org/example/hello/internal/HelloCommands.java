package org.example.hello.internal;

import java.time.Instant;
import org.apache.felix.service.command.Descriptor;
import org.example.hello.Greeting;
import org.example.hello.HelloBoard;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code hello <text>} and {@code hello} (every greeting) at the node's shell. */
@Component(service = HelloCommands.class, property = {"osgi.command.scope=hello", "osgi.command.function=hello"})
public final class HelloCommands {
    private final HelloBoard board;

    @Activate
    public HelloCommands(@Reference HelloBoard board) {
        this.board = board;
    }

    @Descriptor("'hello <text>' greets the fleet; 'hello' lists every greeting")
    public void hello(String... words) {
        if (words.length > 0) {
            System.out.println("said hello as entry #" + board.say(String.join(" ", words)));
            return;
        }
        for (Greeting g : board.greetings()) {
            System.out.println(Instant.ofEpochSecond(g.timestamp()) + "  " + g.from().shortId() + "  " + g.text());
        }
    }
}
