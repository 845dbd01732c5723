package io.igrelay.sandbox.state;

import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.fault.FaultInjector;
import io.igrelay.sandbox.send.SendObserver;
import io.igrelay.sandbox.send.SendRateLimiter;
import io.igrelay.sandbox.send.SendRecord;
import io.igrelay.sandbox.send.WindowPolicy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the simulated Meta knows, shared by all HTTP verticle instances: the directory, threads, tokens,
 * the clock, faults, rate windows and the Send API inspection log. Thread-safe parts only, no Vert.x types.
 */
public final class SandboxState {
    private final SandboxConfig config;
    private final SandboxClock clock;
    private final Ids ids;
    private final Directory directory;
    private final SandboxConversations conversations = new SandboxConversations();
    private final Comments comments = new Comments();
    private final TokenStore tokens;
    private final FaultInjector faults;
    private final SendRateLimiter rateLimiter = new SendRateLimiter();
    private final WindowPolicy windowPolicy;
    private final BoundedLog<SendRecord> sends;
    private final BoundedLog<RecordedGraphCall> graphCalls;
    private final MessagingSettings messaging = new MessagingSettings();
    private final LongAdder sent = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile boolean echoes;
    private volatile IgAccount.Usage appUsage;
    private volatile SendObserver sendObserver = SendObserver.NONE;

    public SandboxState(SandboxConfig config, SandboxClock clock) {
        this.config = config;
        this.clock = clock;
        this.ids = new Ids(config.seed());
        this.directory = Directory.seeded(config.rateLimitText(), config.rateLimitMedia());
        this.tokens = new TokenStore(ids);
        this.faults = new FaultInjector(config.seed(), config.latencyMs());
        this.windowPolicy = new WindowPolicy(config.humanAgentFeature());
        this.sends = new BoundedLog<>(config.logLimit());
        this.graphCalls = new BoundedLog<>(config.logLimit());
        this.echoes = config.echoes();
        if (config.autoSubscribe()) {
            for (IgAccount a : directory.accounts()) {
                a.subscribe(new IgAccount.Subscription(Flavour.INSTAGRAM_LOGIN,
                        List.copyOf(IgAccount.ALL_FIELDS), false, clock.millis()));
            }
        }
    }

    public SandboxConfig config() { return config; }
    public SandboxClock clock() { return clock; }
    public Ids ids() { return ids; }
    public Directory directory() { return directory; }
    public SandboxConversations conversations() { return conversations; }
    public Comments comments() { return comments; }
    public TokenStore tokens() { return tokens; }
    public FaultInjector faults() { return faults; }
    public SendRateLimiter rateLimiter() { return rateLimiter; }
    public WindowPolicy windowPolicy() { return windowPolicy; }
    public BoundedLog<SendRecord> sends() { return sends; }
    /** Attachment Upload and Messenger Profile calls, as sent. */
    public BoundedLog<RecordedGraphCall> graphCalls() { return graphCalls; }
    public MessagingSettings messaging() { return messaging; }
    /** Counts a Send API outcome for the stats endpoint (cheaper than scanning the bounded log). */
    public void countSend(boolean ok) { (ok ? sent : refused).increment(); }
    public long sentCount() { return sent.sum(); }
    public long refusedCount() { return refused.sum(); }
    public boolean echoes() { return echoes; }
    public void echoes(boolean on) { this.echoes = on; }
    /** What X-App-Usage says on every Send API answer; empty = no header. */
    public Optional<IgAccount.Usage> appUsage() { return Optional.ofNullable(appUsage); }
    public void appUsage(IgAccount.Usage usage) { this.appUsage = usage; }
    /** Who sees each Send API call arrive and be answered (benchmarks); nobody by default. */
    public SendObserver sendObserver() { return sendObserver; }
    public void observeSends(SendObserver observer) { this.sendObserver = observer; }
}
