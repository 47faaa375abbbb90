package org.tinyssb.app.chat.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tinyssb.api.FeedId;
import org.tinyssb.app.chat.ChatMessage;
import org.tinyssb.app.chat.ChatService;
import org.tinyssb.app.chat.PrivateMessage;

/**
 * {@code chat post <text>}, {@code chat read [count]}, {@code chat name <name>}, {@code chat dm
 * <to>[,<to>...] <text>} and {@code chat private [count]} at the Gogo prompt.
 */
@Component(service = ChatCommands.class, property = {"osgi.command.scope=tinyssb", "osgi.command.function=chat"})
public final class ChatCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private final ChatService chat;

    @Activate
    public ChatCommands(@Reference ChatService chat) {
        this.chat = chat;
    }

    @Descriptor("chat: 'chat post <text>', 'chat read [count]', 'chat name <display name>', "
            + "'chat dm <to>[,<to>...] <text>' (private: a name, an id or its first hex digits), 'chat private [count]'")
    public String chat(@Descriptor("post, read, name, dm or private") String action,
            @Descriptor("text, count, name, or recipients and text") String... words) {
        StringBuilder out = new StringBuilder();
        answer(out, action, words);
        return out.toString().replaceAll("\\n+$", "");
    }

    /** The answer to {@code chat <action> <words>}, into {@code out} (the shell prints what {@link #chat} returns). */
    private void answer(StringBuilder out, String action, String... words) {
        switch (action) {
            case "post" -> {
                if (words.length == 0) {
                    println(out, "chat post <text>: nothing to post");
                    return;
                }
                ChatMessage m = chat.post(String.join(" ", words));
                println(out, posted(m, chat.names()));
            }
            case "read" -> {
                Integer count = countArgument(out, action, words);
                if (count != null) {
                    out.append(render(chat.conversation(), chat.names(), count));
                }
            }
            case "name" -> {
                if (words.length == 0 || String.join(" ", words).isBlank()) {
                    println(out, "chat name <display name>: no name given");
                    return;
                }
                chat.setName(String.join(" ", words));
                println(out, "name published");
            }
            case "dm" -> {
                if (words.length < 2) {
                    println(out, "chat dm <to>[,<to>...] <text>: give who it is for and the text");
                    return;
                }
                try {
                    List<FeedId> to = recipients(words[0], chat.names(), known());
                    PrivateMessage m = chat.sendPrivate(to, String.join(" ", List.of(words).subList(1, words.length)));
                    println(out, "sent privately #" + m.message().seq() + " to "
                            + String.join(", ", to.stream().map(f -> name(f, chat.names())).toList())
                            + " (only they and this node can read it)");
                } catch (IllegalArgumentException e) {
                    println(out, "chat dm: " + e.getMessage());
                }
            }
            case "private" -> {
                Integer count = countArgument(out, action, words);
                if (count != null) {
                    out.append(renderPrivate(chat.privateMessages(), chat.names(), count));
                }
            }
            default -> println(out, "chat: unknown action '" + action + "' (post, read, name, dm, private)");
        }
    }

    /** The feeds the chat knows of: every author with a name or a message. */
    private Collection<FeedId> known() {
        List<FeedId> known = new ArrayList<>(chat.names().keySet());
        chat.conversation().forEach(m -> known.add(m.author()));
        chat.privateMessages().forEach(m -> known.addAll(m.recipients()));
        return known;
    }

    /**
     * Recipients as typed, separated by commas: each a display name (as {@code chat read} shows
     * it, case ignored) or a feed id, whole or its first hex digits.
     *
     * @throws IllegalArgumentException saying which one names nobody, or several
     */
    static List<FeedId> recipients(String typed, Map<FeedId, String> names, Collection<FeedId> known) {
        List<FeedId> out = new ArrayList<>();
        for (String word : typed.split(",")) {
            String w = word.strip();
            if (w.isEmpty()) {
                continue;
            }
            List<FeedId> named = names.entrySet().stream()
                    .filter(e -> e.getValue().strip().toLowerCase(Locale.ROOT).equals(w.toLowerCase(Locale.ROOT)))
                    .map(Map.Entry::getKey).toList();
            if (named.size() > 1) {
                throw new IllegalArgumentException(named.size() + " authors are called '" + w + "' ("
                        + String.join(", ", named.stream().map(FeedId::shortId).toList()) + "): give the id");
            }
            out.add(named.size() == 1 ? named.get(0) : FeedId.parse(w, known));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no recipient given");
        }
        return out;
    }

    /** The last {@code count} private messages as a table: time, from, to, text. */
    static String renderPrivate(List<PrivateMessage> messages, Map<FeedId, String> names, int count) {
        List<PrivateMessage> shown = messages.subList(Math.max(0, messages.size() - count), messages.size());
        if (shown.isEmpty()) {
            return "no private messages for this node's identities\n";
        }
        List<String[]> rows = new ArrayList<>();
        for (PrivateMessage p : shown) {
            ChatMessage m = p.message();
            String to = String.join(", ", p.recipients().stream().filter(r -> !r.equals(m.author()))
                    .map(r -> name(r, names)).toList());
            rows.add(new String[] {TIME.format(Instant.ofEpochSecond(m.timestamp())), name(m.author(), names), to,
                (m.text() == null ? "(voice)" : m.text()).replace('\n', ' ')});
        }
        int from = "from".length();
        int toWidth = "to".length();
        for (String[] r : rows) {
            from = Math.max(from, r[1].length());
            toWidth = Math.max(toWidth, r[2].length());
        }
        String format = "%-16s  %-" + from + "s  %-" + toWidth + "s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(format, "time", "from", "to", "message"));
        out.append(String.format(format, "-".repeat(16), "-".repeat(from), "-".repeat(toWidth), "-------"));
        for (String[] r : rows) {
            out.append(String.format(format, (Object[]) r));
        }
        return out.toString();
    }

    /** What {@code chat post} answers: where the message is, by whom and when, in words (the ref is for machines). */
    static String posted(ChatMessage m, Map<FeedId, String> names) {
        return "posted " + m.author().shortId() + "#" + m.seq() + " as " + name(m.author(), names) + " at "
                + TIME.format(Instant.ofEpochSecond(m.timestamp())) + " ('chat read' shows the conversation)";
    }

    private static String name(FeedId feed, Map<FeedId, String> names) {
        String name = names.get(feed);
        return name != null ? name : feed.shortId();
    }

    private static void println(StringBuilder out, Object line) {
        out.append(line).append('\n');
    }

    /** The count of {@code chat <action> [count]} (20 if none), or null after saying it is not one. */
    private static Integer countArgument(StringBuilder out, String action, String[] words) {
        Integer count = words.length == 0 ? Integer.valueOf(20) : count(words[0]);
        if (count == null) {
            println(out, "chat " + action + " [count]: '" + words[0] + "' is not a number of messages (1 or more)");
        }
        return count;
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
        return name(m.author(), names);
    }
}
