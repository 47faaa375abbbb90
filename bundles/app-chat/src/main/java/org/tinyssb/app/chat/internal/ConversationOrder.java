package org.tinyssb.app.chat.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.tinyssb.app.chat.ChatMessage;

/**
 * The order in which a conversation reads: a message never before one it refers to (its tips), and
 * among messages free to come next, the earliest by timestamp (then author and sequence number,
 * so the order is the same on every node). Tips naming unknown messages are ignored; a cycle
 * (only possible with forged timestamps and references) falls back to time order.
 */
final class ConversationOrder {
    private static final Comparator<ChatMessage> BY_TIME = Comparator.comparingLong(ChatMessage::timestamp)
            .thenComparing(m -> m.author().toHex()).thenComparingLong(ChatMessage::seq);

    private ConversationOrder() {
    }

    static List<ChatMessage> sort(List<ChatMessage> messages) {
        Map<String, ChatMessage> byRef = new HashMap<>();
        messages.forEach(m -> byRef.put(m.ref(), m));
        Map<ChatMessage, Integer> waitingFor = new HashMap<>();
        Map<ChatMessage, List<ChatMessage>> followers = new HashMap<>();
        for (ChatMessage m : messages) {
            Set<ChatMessage> before = new HashSet<>();
            for (String t : m.tips()) {
                ChatMessage p = byRef.get(t);
                if (p != null && p != m) {
                    before.add(p);
                }
            }
            waitingFor.put(m, before.size());
            for (ChatMessage p : before) {
                followers.computeIfAbsent(p, x -> new ArrayList<>()).add(m);
            }
        }
        PriorityQueue<ChatMessage> ready = new PriorityQueue<>(BY_TIME);
        waitingFor.forEach((m, n) -> {
            if (n == 0) {
                ready.add(m);
            }
        });
        List<ChatMessage> out = new ArrayList<>();
        Set<ChatMessage> placed = new HashSet<>();
        while (out.size() < messages.size()) {
            if (ready.isEmpty()) { // a cycle: take the earliest not yet placed
                messages.stream().filter(m -> !placed.contains(m)).min(BY_TIME).ifPresent(ready::add);
            }
            ChatMessage m = ready.poll();
            if (!placed.add(m)) {
                continue;
            }
            out.add(m);
            for (ChatMessage f : followers.getOrDefault(m, List.of())) {
                if (waitingFor.merge(f, -1, Integer::sum) == 0 && !placed.contains(f)) {
                    ready.add(f);
                }
            }
        }
        return out;
    }

    /** The refs of the messages no other message refers to: what a new message should name. */
    static List<String> leaves(List<ChatMessage> messages, int most) {
        Set<String> referred = new HashSet<>();
        messages.forEach(m -> referred.addAll(m.tips()));
        List<ChatMessage> leaves = new ArrayList<>(messages.stream().filter(m -> !referred.contains(m.ref())).toList());
        leaves.sort(BY_TIME.reversed());
        return leaves.stream().limit(most).map(ChatMessage::ref).toList();
    }
}
