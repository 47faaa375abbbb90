package org.tinyssb.web.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tinyssb.api.FeedId;
import org.tinyssb.app.chat.ChatMessage;
import org.tinyssb.app.chat.ChatService;
import org.tinyssb.app.chat.PrivateMessage;

/**
 * The public chat at {@code /api/chat} (when the chat bundle runs): GET the latest messages with
 * their authors' names; POST {@code {"text": ...}} posts as this node, POST
 * {@code /api/chat/name {"name": ...}} sets its display name, both with the access token. GET
 * {@code /api/chat/private} (with the token too) lists the private messages this node's identities can open; POST
 * {@code /api/chat/private {"to": [ids], "text": ...}} sends one.
 */
@Component(service = jakarta.servlet.Servlet.class, configurationPid = "org.tinyssb.web", property = {
    "osgi.http.whiteboard.servlet.pattern=/api/chat",
    "osgi.http.whiteboard.servlet.pattern=/api/chat/*",
    "osgi.http.whiteboard.servlet.name=tinyssb-chat"})
public final class ChatServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Messages a GET returns at most, the newest. */
    static final int LATEST = 200;
    /** Longest chat text taken (the apps show short messages; longer ones go through publish). */
    static final int MAX_TEXT_BYTES = 4096;
    private final transient ChatService chat;
    private final transient AccessToken token;

    @Activate
    public ChatServlet(BundleContext context, ApiServlet.Config config, @Reference(name = "chat") ChatService chat)
            throws IOException {
        this.chat = chat;
        this.token = AccessToken.forNode(context, config.token());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.equals("/private")) {
            // decrypted: for whoever holds the token, not for anyone who can reach the port
            if (JsonHttp.authorized(request, response, token, "private messages")) {
                JsonHttp.send(response, 200, privateMessages(chat.privateMessages(), chat.names(), LATEST));
            }
        } else if (path.isEmpty() || path.equals("/")) {
            JsonHttp.send(response, 200, conversation(chat.conversation(), chat.names(), LATEST));
        } else {
            JsonHttp.send(response, 404, JsonHttp.error("the chat is GET /api/chat and GET /api/chat/private"));
        }
    }

    /** The document of the newest {@code latest} private messages, oldest first, with recipients. */
    static Map<String, Object> privateMessages(List<PrivateMessage> all, Map<FeedId, String> names, int latest) {
        List<Object> messages = new ArrayList<>();
        for (PrivateMessage p : all.subList(Math.max(0, all.size() - latest), all.size())) {
            Map<String, Object> d = message(p.message(), names);
            d.put("recipients", p.recipients().stream().map(FeedId::toSsbId).toList());
            messages.add(d);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", messages);
        out.put("total", all.size());
        return out;
    }

    /** The document of the newest {@code latest} messages, oldest first, with names. */
    static Map<String, Object> conversation(List<ChatMessage> all, Map<FeedId, String> names, int latest) {
        List<Object> messages = new ArrayList<>();
        for (ChatMessage m : all.subList(Math.max(0, all.size() - latest), all.size())) {
            messages.add(message(m, names));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", messages);
        out.put("total", all.size());
        return out;
    }

    private static Map<String, Object> message(ChatMessage m, Map<FeedId, String> names) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("author", m.author().toSsbId());
        d.put("short", m.author().shortId());
        d.put("name", names.get(m.author()));
        d.put("seq", m.seq());
        d.put("text", m.text());
        d.put("voice", m.hasVoice());
        d.put("timestamp", m.timestamp());
        d.put("ref", m.ref());
        return d;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body = JsonHttp.authorizedBody(request, response, token, ApiServlet.MAX_BODY_BYTES);
        if (body == null) {
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Map<String, Object> in;
        try {
            in = JsonReader.object(body);
        } catch (JsonReader.JsonException e) {
            JsonHttp.send(response, 400, JsonHttp.error(e.getMessage()));
            return;
        }
        String field = path.equals("/name") ? "name" : "text";
        if (!path.isEmpty() && !path.equals("/") && !path.equals("/name") && !path.equals("/private")) {
            JsonHttp.send(response, 404, JsonHttp.error("chat actions are POST /api/chat {\"text\": ...}, POST "
                    + "/api/chat/name {\"name\": ...} and POST /api/chat/private {\"to\": [ids], \"text\": ...}"));
            return;
        }
        if (!(in.get(field) instanceof String value) || value.isBlank()) {
            JsonHttp.send(response, 400, JsonHttp.error("needs {\"" + field + "\": \"...\"} with some text"));
            return;
        }
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            JsonHttp.send(response, 413, JsonHttp.error("a chat " + field + " has at most " + MAX_TEXT_BYTES + " bytes"));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (path.equals("/private")) {
            List<FeedId> to = recipients(in.get("to"));
            if (to == null) {
                JsonHttp.send(response, 400, JsonHttp.error("needs {\"to\": [\"@...=.ed25519\" or 64 hex digits, ...]} with 1 "
                        + "to 6 feed ids besides this node's"));
                return;
            }
            try {
                PrivateMessage sent = chat.sendPrivate(to, value);
                out.put("seq", sent.message().seq());
                out.put("ref", sent.message().ref());
                out.put("recipients", sent.recipients().stream().map(FeedId::toSsbId).toList());
            } catch (IllegalArgumentException e) {
                JsonHttp.send(response, 400, JsonHttp.error(e.getMessage()));
                return;
            }
        } else if (field.equals("name")) {
            chat.setName(value.strip());
            out.put("name", value.strip());
        } else {
            ChatMessage posted = chat.post(value);
            out.put("seq", posted.seq());
            out.put("ref", posted.ref());
        }
        JsonHttp.send(response, 200, out);
    }

    /** The feed ids of a {@code "to"} field, or null if it is not a list of them. */
    static List<FeedId> recipients(Object to) {
        if (!(to instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<FeedId> ids = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                return null;
            }
            try {
                ids.add(FeedId.parse(s));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return ids;
    }
}
