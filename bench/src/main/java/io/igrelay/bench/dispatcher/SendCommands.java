package io.igrelay.bench.dispatcher;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.TextContent;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * DispatchCommands as the processor's gate writes them (RESPONSE, a notAfter an hour away, key
 * {@code <account>|<IGSID>}), with the text {@code "<label> <n>"} so the order each conversation received them in
 * can be read back from the sandbox's send log.
 */
final class SendCommands {

    private SendCommands() {
    }

    static DispatchCommand command(BenchConversations.Conversation c, String label, int n) {
        Instant now = Instant.now();
        return DispatchCommand.newBuilder().setMessageId(UUID.randomUUID().toString())
                .setApplicationId("bench-app").setChannelId(c.channelId()).setIgAccountId(c.account())
                .setIgsid(c.igsid()).setFlavour(Flavour.INSTAGRAM_LOGIN)
                .setContent(new TextContent(text(label, n)))
                .setMessagingType(MessagingType.RESPONSE).setAcceptedAt(now)
                .setNotAfter(now.plus(Duration.ofHours(1))).build();
    }

    static String text(String label, int n) {
        return label + " " + n;
    }
}
