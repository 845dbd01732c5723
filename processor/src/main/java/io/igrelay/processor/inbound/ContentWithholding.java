package io.igrelay.processor.inbound;

import io.igrelay.avro.Attachment;
import io.igrelay.avro.Comment;
import io.igrelay.avro.Handover;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.Reaction;
import io.igrelay.avro.ReplyTo;
import java.util.List;

/**
 * An event for an Instagram account that is not a hub channel goes out as metadata only: kind, ids and times stay;
 * text (a comment's too), media URLs, titles and payloads, referral details, emoji, opt-in tokens, handover metadata
 * and a comment author's username are dropped, so nobody's content is kept for an account no Application owns.
 */
final class ContentWithholding {

    private ContentWithholding() {
    }

    /** Withholds the content of an event nobody else holds (a fresh one from the normaliser), without a copy. */
    static void withholdInPlace(InstagramEvent event) {
        List<Attachment> attachments = event.getAttachments().stream()
                .map(a -> Attachment.newBuilder().setType(a.getType()).build()).toList();
        ReplyTo replyTo = event.getReplyTo() == null ? null
                : new ReplyTo(event.getReplyTo().getMid(), event.getReplyTo().getStoryId(), null);
        Reaction reaction = event.getReaction() == null ? null
                : new Reaction(event.getReaction().getAction(), null, null);
        event.setChannelId(null);
        event.setMetadataOnly(true);
        event.setText(null);
        event.setAttachments(attachments);
        event.setReplyTo(replyTo);
        event.setQuickReplyPayload(null);
        event.setPostback(null);
        event.setReaction(reaction);
        event.setReferral(null);
        event.setOptin(null);
        Handover handover = event.getHandover();
        if (handover != null) {
            event.setHandover(new Handover(handover.getAction(), handover.getNewOwnerAppId(),
                    handover.getPreviousOwnerAppId(), handover.getRequestedOwnerAppId(), null));
        }
        Comment comment = event.getComment();
        if (comment != null) {
            event.setComment(Comment.newBuilder(comment).setAuthorUsername(null).build());
        }
    }
}
