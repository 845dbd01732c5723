package io.igrelay.processor.inbound;

import io.igrelay.avro.Attachment;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.Reaction;
import io.igrelay.avro.ReplyTo;
import java.util.List;

/**
 * An event for an Instagram account that is not a hub channel goes out as metadata only (SPEC 6.1): kind, ids and
 * times stay; text, media URLs, payloads, referral details and emoji are dropped, so nobody's content is kept for
 * an account no Application owns.
 */
final class ContentWithholding {

    private ContentWithholding() {
    }

    /** Withholds the content of an event nobody else holds (a fresh one from the normaliser), without a copy. */
    static void withholdInPlace(InstagramEvent event) {
        List<Attachment> attachments = event.getAttachments().stream()
                .map(a -> new Attachment(a.getType(), null)).toList();
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
    }
}
