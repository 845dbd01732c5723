package io.igrelay.processor.query;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.processor.comments.CommentFacts;
import io.igrelay.processor.comments.PrivateReplyRule;
import io.igrelay.processor.status.StatusView;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.schemas.contract.WindowVerdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/**
 * The JSON shapes of the processor's interactive queries (contract §5.4): a window with its state as of "now", and a
 * status row as the hub API shows it plus applicationId, and a comment with its private-reply verdict. Times are
 * ISO-8601 UTC strings; status lower-case.
 */
final class QueryJson {

    private QueryJson() {
    }

    static JsonObject window(ConversationWindow w, WindowMath math, Instant now) {
        return new JsonObject().put("igsid", w.getIgsid()).put("channelId", w.getChannelId())
                .put("lastUserActionAt", w.getLastUserActionAt().toString())
                .put("openedBy", w.getOpenedBy().name())
                .put("responseUntil", w.getResponseUntil().toString())
                .put("humanAgentUntil", w.getHumanAgentUntil().toString())
                .put("state", math.stateAt(w, now).name());
    }

    static JsonObject verdict(WindowVerdict.Decision decision) {
        JsonObject json = new JsonObject().put("allowed", decision.allowed());
        if (decision.allowed()) {
            return json.put("tier", decision.tier().name()).put("until", decision.until().toString());
        }
        return json.put("errorCode", decision.errorCode()).put("errorMessage", decision.reason());
    }

    static JsonObject status(StatusView s) {
        JsonArray history = new JsonArray();
        s.history().forEach(step -> history.add(new JsonObject().put("status", lower(step.status()))
                .put("at", Instant.ofEpochMilli(step.at()).toString())));
        JsonObject json = new JsonObject().put("messageId", s.messageId()).put("status", lower(s.status()));
        if (s.errorCode() != null) {
            json.put("errorCode", s.errorCode());
        }
        if (s.errorMessage() != null) {
            json.put("errorMessage", s.errorMessage());
        }
        if (s.channelErrorCode() != null) {
            json.put("channelErrorCode", s.channelErrorCode());
        }
        return json.put("metaMessageIds", new JsonArray(s.metaMessageIds()))
                .put("updatedAt", Instant.ofEpochMilli(s.updatedAt()).toString()).put("history", history)
                .put("applicationId", s.applicationId());
    }

    /**
     * A comment as the gate knows it, with the private-reply verdict for a reply to it now by the channel of its
     * account ({@code igAccountId}: the API compares it with the channel's).
     */
    static JsonObject comment(CommentFacts c, String igsid, Instant now) {
        JsonObject verdict = new JsonObject();
        PrivateReplyRule.check(c, c.igAccountId(), igsid, c.commentId(), now).ifPresentOrElse(
                r -> verdict.put("allowed", false).put("errorCode", r.errorCode()).put("errorMessage", r.message()),
                () -> verdict.put("allowed", true));
        JsonObject json = new JsonObject().put("commentId", c.commentId()).put("igsid", c.igsid())
                .put("igAccountId", c.igAccountId()).put("mediaId", c.mediaId())
                .put("commentedAt", Instant.ofEpochMilli(c.commentedAt()).toString())
                .put("privateReplyUntil", PrivateReplyRule.deadline(c).toString())
                .put("privateReply", verdict);
        if (c.privatelyAnswered()) {
            json.put("privateReplyMessageId", c.privateReplyMessageId());
        }
        return json;
    }

    private static String lower(String status) {
        return status.toLowerCase(Locale.ROOT);
    }
}
