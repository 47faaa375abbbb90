package org.tinyssb.shell.internal;

/**
 * What a command answers, built line by line: commands return it and the Gogo shell prints it
 * (so the answer is a value the tests read, and every command prints the same way: lines, tables
 * from {@link TextTable}).
 */
final class Output {
    private final StringBuilder text = new StringBuilder();

    /** Appends one line. */
    Output line(Object line) {
        text.append(line).append('\n');
        return this;
    }

    /** Appends text that ends its own lines (a table). */
    Output text(Object lines) {
        text.append(lines);
        return this;
    }

    /** The answer as the shell prints it: its lines, without a last empty one (the shell adds the newline). */
    @Override
    public String toString() {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }
}
