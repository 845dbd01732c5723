package io.igrelay.sandbox.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.state.Comments;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.webhook.WebhookDispatcher;
import io.igrelay.sandbox.webhook.WebhookItem;
import io.igrelay.sandbox.wire.MetaJson;
import java.time.Duration;
import java.util.NoSuchElementException;

/**
 * Instagram users commenting on an account's seeded media: the comment is kept on Meta's side, then delivered as a
 * {@code changes[{field, value}]} entry of field {@code comments}, or {@code live_comments} on a live broadcast,
 * with Meta's value {@code {from{id, username}, media{id, media_product_type}, id, parent_id?, text}}
 * (https://developers.facebook.com/docs/graph-api/webhooks/reference/instagram, field comments). Like every app-level
 * field it reaches every subscribed account when the app subscribed to it. A comment opens no messaging window.
 */
public final class CommentSimulator {
    private final SandboxState state;
    private final WebhookDispatcher webhooks;

    public CommentSimulator(SandboxState state, WebhookDispatcher webhooks) {
        this.state = state;
        this.webhooks = webhooks;
    }

    /**
     * A comment on {@code mediaId} (default: the account's seeded post, or its live broadcast when {@code live}),
     * answering {@code parentId} when given. The media must be the account's and a live comment needs the live one.
     */
    public SimulationResult comment(String accountRef, String igsid, String text, String mediaId, String parentId,
            boolean live) {
        return comment(accountRef, igsid, text, mediaId, parentId, live, Duration.ZERO);
    }

    /**
     * As above, made {@code age} before now on the sandbox clock: the comment keeps that time, and so does its
     * webhook entry (a comment's change carries no time of its own), as a comment the hub hears of late would.
     */
    public SimulationResult comment(String accountRef, String igsid, String text, String mediaId, String parentId,
            boolean live, Duration age) {
        IgAccount acc = state.directory().findAccount(accountRef)
                .orElseThrow(() -> new NoSuchElementException("unknown account " + accountRef));
        String wanted = mediaId != null ? mediaId : Comments.seededMedia(acc.userId()).get(live ? 2 : 0).id();
        Comments.Media media = state.comments().media(acc.userId(), wanted)
                .orElseThrow(() -> new NoSuchElementException("no media " + wanted + " on account " + accountRef
                        + "; seeded: " + Comments.seededMedia(acc.userId()).stream().map(Comments.Media::id)
                        .toList()));
        if (media.live() != live) {
            throw new IllegalArgumentException(live ? "media " + wanted + " is not a live broadcast"
                    : "media " + wanted + " is a live broadcast: use /sandbox/simulate/live-comment");
        }
        if (parentId != null && state.comments().find(parentId).filter(p -> p.mediaId().equals(wanted)).isEmpty()) {
            throw new NoSuchElementException("no comment " + parentId + " on media " + wanted);
        }
        String username = state.directory().customerOrCreate(igsid).username();
        long ts = state.clock().millis() - age.toMillis();
        Comments.Comment comment = state.comments().add(media, igsid, username, text, parentId, ts);
        String field = live ? "live_comments" : "comments";
        ObjectNode change = MetaJson.object().put("field", field);
        ObjectNode value = change.putObject("value");
        value.putObject("from").put("id", igsid).put("username", username);
        value.putObject("media").put("id", media.id()).put("media_product_type", media.productType());
        value.put("id", comment.id());
        if (parentId != null) {
            value.put("parent_id", parentId);
        }
        value.put("text", text);
        boolean queued = webhooks.enqueue(new WebhookItem(acc.userId(), field, change, "changes",
                age.isZero() ? 0L : ts));
        return new SimulationResult(comment.id(), ts, acc.userId(), igsid, field, queued);
    }
}
