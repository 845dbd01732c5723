package io.igrelay.sandbox.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.webhook.ThreadEvents;
import io.igrelay.sandbox.webhook.WebhookDispatcher;
import io.igrelay.sandbox.webhook.WebhookEvents;
import io.igrelay.sandbox.webhook.WebhookItem;
import io.igrelay.sandbox.wire.MetaJson;
import java.util.NoSuchElementException;

/**
 * Instagram users acting on a business account: each action updates Meta's side first (the window opens for
 * messages — shares of posts, stories and reels included — story replies, quick-reply taps, postbacks, reactions and
 * ig.me referrals, the HUMAN_AGENT allowance only for messages; not for seen receipts, unsends, un-reacts, edits,
 * opt-ins, handover events or standby messages) and then
 * queues the matching webhook. An unknown IGSID becomes a known customer on first contact.
 */
public final class UserSimulator {
    private final SandboxState state;
    private final WebhookDispatcher webhooks;
    private final CommentSimulator comments;

    public UserSimulator(SandboxState state, WebhookDispatcher webhooks) {
        this.state = state;
        this.webhooks = webhooks;
        this.comments = new CommentSimulator(state, webhooks);
    }

    /** The same users commenting on the accounts' media. */
    public CommentSimulator comments() {
        return comments;
    }

    /** A message whose content fields (text, attachments, reply_to, quick_reply, referral) are in {@code content}. */
    public SimulationResult message(String accountRef, String igsid, ObjectNode content) {
        IgAccount acc = account(accountRef);
        state.directory().customerOrCreate(igsid);
        long ts = state.clock().millis();
        String mid = state.ids().mid(acc.userId());
        ObjectNode message = MetaJson.object().put("mid", mid);
        message.setAll(content);
        boolean fromAd = "ADS".equals(content.path("referral").path("source").asText());
        state.conversations().userMessage(acc.userId(), igsid, ts, fromAd, mid);
        return queue(WebhookEvents.userMessage(acc.userId(), igsid, ts, message), mid, ts);
    }

    public SimulationResult text(String accountRef, String igsid, String text) {
        return message(accountRef, igsid, MetaJson.object().put("text", text));
    }

    public SimulationResult storyReply(String accountRef, String igsid, String text, String storyId, String url) {
        ObjectNode content = MetaJson.object().put("text", text);
        content.putObject("reply_to").putObject("story").put("url", url).put("id", storyId);
        return message(accountRef, igsid, content);
    }

    public SimulationResult quickReply(String accountRef, String igsid, String title, String payload) {
        ObjectNode content = MetaJson.object().put("text", title);
        content.putObject("quick_reply").put("payload", payload);
        return message(accountRef, igsid, content);
    }

    public SimulationResult reaction(String accountRef, String igsid, String mid, String action, String reaction,
            String emoji) {
        IgAccount acc = account(accountRef);
        long ts = state.clock().millis();
        String target = mid != null ? mid : lastBusinessMid(acc, igsid);
        if (!"unreact".equals(action)) {
            state.conversations().userAction(acc.userId(), igsid, ts);
        }
        return queue(WebhookEvents.reaction(acc.userId(), igsid, ts, target, action, reaction, emoji), target, ts);
    }

    public SimulationResult postback(String accountRef, String igsid, String title, String payload) {
        IgAccount acc = account(accountRef);
        state.directory().customerOrCreate(igsid);
        long ts = state.clock().millis();
        String mid = state.ids().mid(acc.userId());
        state.conversations().userAction(acc.userId(), igsid, ts);
        return queue(WebhookEvents.postback(acc.userId(), igsid, ts, mid, title, payload), mid, ts);
    }

    public SimulationResult seen(String accountRef, String igsid, String mid) {
        IgAccount acc = account(accountRef);
        long ts = state.clock().millis();
        String target = mid != null ? mid : lastBusinessMid(acc, igsid);
        return queue(WebhookEvents.seen(acc.userId(), igsid, ts, target), target, ts);
    }

    public SimulationResult unsend(String accountRef, String igsid, String mid) {
        IgAccount acc = account(accountRef);
        long ts = state.clock().millis();
        String target = mid != null ? mid : state.conversations().find(acc.userId(), igsid)
                .map(c -> c.lastUserMid()).orElseThrow(() -> new NoSuchElementException("no message to unsend"));
        return queue(WebhookEvents.deleted(acc.userId(), igsid, ts, target), target, ts);
    }

    public SimulationResult referral(String accountRef, String igsid, String ref, String source) {
        IgAccount acc = account(accountRef);
        state.directory().customerOrCreate(igsid);
        long ts = state.clock().millis();
        state.conversations().userAction(acc.userId(), igsid, ts);
        String src = source != null ? source : "https://ig.me/m/" + acc.username() + "?ref=" + ref;
        return queue(WebhookEvents.referral(acc.userId(), igsid, ts, ref, src), null, ts);
    }

    /** The user edits an earlier message of theirs (default: their last one). */
    public SimulationResult edit(String accountRef, String igsid, String mid, String text, int numEdit) {
        IgAccount acc = account(accountRef);
        long ts = state.clock().millis();
        String target = mid != null ? mid : state.conversations().find(acc.userId(), igsid)
                .map(c -> c.lastUserMid()).orElseThrow(() -> new NoSuchElementException("no message to edit"));
        return queue(ThreadEvents.edit(acc.userId(), igsid, ts, target, text, numEdit), target, ts);
    }

    public SimulationResult optin(String accountRef, String igsid, String payload, String title) {
        IgAccount acc = account(accountRef);
        state.directory().customerOrCreate(igsid);
        long ts = state.clock().millis();
        return queue(ThreadEvents.optin(acc.userId(), igsid, ts, payload, title, state.ids().mid(igsid)), null, ts);
    }

    /** {@code action}: pass, take or request (handover protocol). */
    public SimulationResult handover(String accountRef, String igsid, String action, String metadata) {
        IgAccount acc = account(accountRef);
        long ts = state.clock().millis();
        String ownApp = acc.subscription().map(s -> s.flavour() == Flavour.FACEBOOK_LOGIN
                ? state.config().metaAppId() : state.config().instagramAppId()).orElse(state.config().instagramAppId());
        return queue(ThreadEvents.handover(acc.userId(), igsid, ts, action, ownApp, metadata), null, ts);
    }

    /** A message the user sends while another app controls the thread: delivered in entry.standby[]. */
    public SimulationResult standby(String accountRef, String igsid, String text) {
        IgAccount acc = account(accountRef);
        state.directory().customerOrCreate(igsid);
        long ts = state.clock().millis();
        String mid = state.ids().mid(acc.userId());
        return queue(ThreadEvents.standby(acc.userId(), igsid, ts, mid, text), mid, ts);
    }

    /**
     * The App Dashboard's "Test" button for the messages field: the {@code changes[]} form with Meta's fake ids
     * (12334 / 23245), a string timestamp and entry time in seconds, as in webhook-dashboard-test-changes.json.
     */
    public void dashboardTest(Flavour app) {
        ObjectNode root = MetaJson.object().put("object", "instagram");
        ObjectNode entry = root.putArray("entry").addObject().put("id", "0")
                .put("time", state.clock().millis() / 1000);
        ObjectNode change = entry.putArray("changes").addObject().put("field", "messages");
        ObjectNode value = change.putObject("value");
        value.putObject("sender").put("id", "12334");
        value.putObject("recipient").put("id", "23245");
        value.put("timestamp", "1527459824");
        value.putObject("message").put("mid", "random_mid").put("text", "random_text");
        webhooks.enqueueRaw(app, root);
    }

    /** Opens (or extends) a window without any webhook: for benchmarks and tests of other modules. */
    public void openWindow(String accountRef, String igsid, long at) {
        IgAccount acc = account(accountRef);
        state.directory().customerOrCreate(igsid);
        state.conversations().userMessage(acc.userId(), igsid, at, false, null);
    }

    private String lastBusinessMid(IgAccount acc, String igsid) {
        return state.conversations().find(acc.userId(), igsid).map(c -> c.lastBusinessMid())
                .orElseThrow(() -> new NoSuchElementException("no business message in this thread; give a mid"));
    }

    private IgAccount account(String ref) {
        return state.directory().findAccount(ref)
                .orElseThrow(() -> new NoSuchElementException("unknown account " + ref));
    }

    private SimulationResult queue(WebhookItem item, String mid, long ts) {
        boolean queued = webhooks.enqueue(item);
        String igsid = item.messaging().path("sender").path("id").asText();
        return new SimulationResult(mid, ts, item.accountId(), igsid, item.field(), queued);
    }
}
