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

/**
 * The public chat at {@code /api/chat} (when the chat bundle runs): GET the latest messages with
 * their authors' names; POST {@code {"text": ...}} posts as this node, POST
 * {@code /api/chat/name {"name": ...}} sets its display name, both with the access token.
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
        JsonHttp.send(response, 200, conversation(chat.conversation(), chat.names(), LATEST));
    }

    /** The document of the newest {@code latest} messages, oldest first, with names. */
    static Map<String, Object> conversation(List<ChatMessage> all, Map<FeedId, String> names, int latest) {
        List<Object> messages = new ArrayList<>();
        for (ChatMessage m : all.subList(Math.max(0, all.size() - latest), all.size())) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("author", m.author().toSsbId());
            d.put("short", m.author().shortId());
            d.put("name", names.get(m.author()));
            d.put("seq", m.seq());
            d.put("text", m.text());
            d.put("voice", m.hasVoice());
            d.put("timestamp", m.timestamp());
            d.put("ref", m.ref());
            messages.add(d);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", messages);
        out.put("total", all.size());
        return out;
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
        if (!path.isEmpty() && !path.equals("/") && !path.equals("/name")) {
            JsonHttp.send(response, 404, JsonHttp.error("chat actions are POST /api/chat {\"text\": ...} and POST "
                    + "/api/chat/name {\"name\": ...}"));
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
        if (field.equals("name")) {
            chat.setName(value.strip());
            out.put("name", value.strip());
        } else {
            ChatMessage posted = chat.post(value);
            out.put("seq", posted.seq());
            out.put("ref", posted.ref());
        }
        JsonHttp.send(response, 200, out);
    }
}
