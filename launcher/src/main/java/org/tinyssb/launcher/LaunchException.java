package org.tinyssb.launcher;

/**
 * A reason not to start (or to stop) the node that the operator can act on. Its message is one
 * line, printed as is; the exit code tells scripts what kind of failure it was.
 */
public final class LaunchException extends Exception {
    /** Bad input: options, feature, configuration, missing bundles. */
    public static final int BAD_INPUT = 2;
    /** The node could not be started or failed while starting. */
    public static final int FAILED = 1;

    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public LaunchException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LaunchException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static LaunchException badInput(String message) {
        return new LaunchException(BAD_INPUT, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
