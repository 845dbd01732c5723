package io.igrelay.ingress.dashboard;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Sign-in attempts per source address: at most {@code perMinute} in any fixed minute window, so an API key cannot be
 * guessed through the dashboard faster than through the API. The sources tracked are bounded (least recently seen
 * dropped first), so a spray from many addresses costs a fixed amount of memory.
 */
public final class SignInThrottle {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    /** One source's window: when it started and the attempts in it. */
    private static final class Window {
        private long startNanos;
        private int attempts;
    }

    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>(256, 0.75f, true);
    private final int perMinute;
    private final int maxSources;

    public SignInThrottle(int perMinute, int maxSources) {
        this.perMinute = perMinute;
        this.maxSources = maxSources;
    }

    /** Counts an attempt from {@code source}; false when the source is over its allowance for this minute. */
    public synchronized boolean tryAttempt(String source, long nowNanos) {
        Window window = windows.get(source);
        if (window == null) {
            window = new Window();
            window.startNanos = nowNanos;
            windows.put(source, window);
            if (windows.size() > maxSources) {
                Iterator<Window> leastRecent = windows.values().iterator();
                leastRecent.next();
                leastRecent.remove();
            }
        } else if (nowNanos - window.startNanos >= MINUTE_NANOS) {
            window.startNanos = nowNanos;
            window.attempts = 0;
        }
        window.attempts++;
        return window.attempts <= perMinute;
    }
}
