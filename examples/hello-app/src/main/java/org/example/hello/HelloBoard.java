package org.example.hello;

import java.util.List;

/** The greetings of the fleet: say one, read them all. */
public interface HelloBoard {
    /** The content tag of greetings: {@code ["HELLO", text, timestamp]}. */
    String TAG = "HELLO";

    /** Publishes a greeting in this node's feed; returns its entry number. */
    long say(String text);

    /** Every greeting this node holds, oldest first. */
    List<Greeting> greetings();
}
