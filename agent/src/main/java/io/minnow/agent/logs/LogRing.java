package io.minnow.agent.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.minnow.agent.web.auth.PasswordStore;
import java.time.Instant;
import java.util.ArrayDeque;
import org.slf4j.LoggerFactory;

/**
 * The agent's recent log lines in memory, for the page's "download log": at most {@value #MAX_LINES} lines
 * and {@value #MAX_CHARS} characters, the oldest dropped first, so it never grows. Events marked
 * {@link PasswordStore#SECRET} (the one-time password) are left out. Thread-safe.
 */
public final class LogRing extends AppenderBase<ILoggingEvent> {
    static final int MAX_LINES = 2_000;
    static final int MAX_CHARS = 512 * 1024;
    private static final String NAME = "minnow-log-ring";

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long chars;

    /** The ring attached to the root logger, attaching one on first use; null if Logback is not the binding. */
    public static synchronized LogRing installed() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) instanceof LogRing ring) {
            return ring;
        }
        LogRing ring = new LogRing();
        ring.setName(NAME);
        ring.setContext(context);
        ring.start();
        root.addAppender(ring);
        return ring;
    }

    @Override
    protected void append(ILoggingEvent e) {
        if (e.getMarkerList() != null && e.getMarkerList().contains(PasswordStore.SECRET)) {
            return;
        }
        StringBuilder line = new StringBuilder().append(Instant.ofEpochMilli(e.getTimeStamp())).append(' ')
                .append(e.getLevel()).append(' ').append(e.getThreadName()).append(' ').append(e.getLoggerName())
                .append(" - ").append(e.getFormattedMessage());
        if (e.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
        String text = line.length() > MAX_CHARS / 8 ? line.substring(0, MAX_CHARS / 8) + " [cut]" : line.toString();
        synchronized (lines) {
            lines.addLast(text);
            chars += text.length();
            while (lines.size() > MAX_LINES || chars > MAX_CHARS) {
                chars -= lines.removeFirst().length();
            }
        }
    }

    /** The lines held now, oldest first, each ending in a newline. */
    public String text() {
        synchronized (lines) {
            StringBuilder out = new StringBuilder((int) chars + lines.size());
            lines.forEach(l -> out.append(l).append('\n'));
            return out.toString();
        }
    }
}
