package org.tinyssb.launcher;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;

/** The node's console log lines, printed through {@link ShellConsole}: above the prompt while the JLine shell reads. */
final class ShellConsoleAppender extends AppenderBase<ILoggingEvent> {
    private Encoder<ILoggingEvent> encoder;

    void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    protected void append(ILoggingEvent event) {
        ShellConsole.print(new String(encoder.encode(event), StandardCharsets.UTF_8));
    }
}
