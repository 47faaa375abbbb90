package org.example.hello.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.example.hello.Greeting;
import org.example.hello.HelloBoard;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tinyssb.api.AppListener;
import org.tinyssb.api.EntryContent;
import org.tinyssb.api.NodeService;
import org.tinyssb.codec.Bipf;

/**
 * The app: an {@link AppListener} for {@code HELLO} entries (the node hands it every one it holds,
 * then each new one, from every feed it replicates) and the board that publishes them.
 */
@Component(service = {HelloBoard.class, AppListener.class}, property = AppListener.TAGS_PROPERTY + "=" + HelloBoard.TAG)
public final class HelloApp implements HelloBoard, AppListener {
    private final NodeService node;
    private final List<Greeting> greetings = new ArrayList<>();

    @Activate
    public HelloApp(@Reference NodeService node) {
        this.node = node;
    }

    @Override
    public long say(String text) {
        return node.publish(Bipf.encode(List.of(TAG, text, System.currentTimeMillis() / 1000)));
    }

    @Override
    public synchronized List<Greeting> greetings() {
        List<Greeting> sorted = new ArrayList<>(greetings);
        sorted.sort(Comparator.comparingLong(Greeting::timestamp));
        return sorted;
    }

    /** A HELLO entry: the list {@code ["HELLO", text, timestamp]}; anything else under the tag is skipped. */
    @Override
    public synchronized void entry(EntryContent entry, Object content) {
        if (content instanceof List<?> l && l.size() >= 3 && l.get(1) instanceof String text
                && l.get(2) instanceof Long timestamp) {
            greetings.add(new Greeting(entry.feed(), entry.seq(), text, timestamp));
        }
    }
}
