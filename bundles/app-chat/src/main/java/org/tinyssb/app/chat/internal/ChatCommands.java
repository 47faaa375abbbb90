package org.tinyssb.app.chat.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tinyssb.api.FeedId;
import org.tinyssb.app.chat.ChatMessage;
import org.tinyssb.app.chat.ChatService;

/** {@code chat post <text>}, {@code chat read [count]}, {@code chat name <name>} at the Gogo prompt. */
@Component(service = ChatCommands.class, property = {"osgi.command.scope=tinyssb", "osgi.command.function=chat"})
public final class ChatCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private final ChatService chat;

    @Activate
    public ChatCommands(@Reference ChatService chat) {
        this.chat = chat;
    }

    @Descriptor("public chat: 'chat post <text>', 'chat read [count]', 'chat name <display name>'")
    public void chat(@Descriptor("post, read or name") String action, @Descriptor("text, count or name") String... words) {
        switch (action) {
            case "post" -> {
                if (words.length == 0) {
                    System.out.println("chat post <text>: nothing to post");
                    return;
                }
                ChatMessage m = chat.post(String.join(" ", words));
                System.out.println("posted #" + m.seq() + " (ref " + m.ref() + ", after " + m.tips().size() + " tips)");
            }
            case "read" -> {
                Integer count = words.length == 0 ? Integer.valueOf(20) : count(words[0]);
                if (count == null) {
                    System.out.println("chat read [count]: '" + words[0] + "' is not a number of messages (1 or more)");
                    return;
                }
                System.out.print(render(chat.conversation(), chat.names(), count));
            }
            case "name" -> {
                if (words.length == 0 || String.join(" ", words).isBlank()) {
                    System.out.println("chat name <display name>: no name given");
                    return;
                }
                chat.setName(String.join(" ", words));
                System.out.println("name published");
            }
            default -> System.out.println("chat: unknown action '" + action + "' (post, read, name)");
        }
    }

    /** A count of messages from the command line, or null if it is not one. */
    static Integer count(String word) {
        try {
            int n = Integer.parseInt(word.strip());
            return n >= 1 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The last {@code count} messages as a table: time, author, text. */
    static String render(List<ChatMessage> conversation, Map<FeedId, String> names, int count) {
        List<ChatMessage> shown = conversation.subList(Math.max(0, conversation.size() - count), conversation.size());
        if (shown.isEmpty()) {
            return "no chat messages yet\n";
        }
        int width = "author".length();
        for (ChatMessage m : shown) {
            width = Math.max(width, author(m, names).length());
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-16s  %-" + width + "s  %s%n", "time", "author", "message"));
        out.append(String.format("%-16s  %-" + width + "s  %s%n", "-".repeat(16), "-".repeat(width), "-------"));
        for (ChatMessage m : shown) {
            String text = m.text() == null ? "(voice)" : m.text() + (m.hasVoice() ? " (+ voice)" : "");
            out.append(String.format("%-16s  %-" + width + "s  %s%n", TIME.format(Instant.ofEpochSecond(m.timestamp())),
                    author(m, names), text.replace('\n', ' ')));
        }
        return out.toString();
    }

    private static String author(ChatMessage m, Map<FeedId, String> names) {
        String name = names.get(m.author());
        return name != null ? name : m.author().shortId();
    }
}
