package io.igrelay.dispatcher;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.MediaContent;
import io.igrelay.avro.MediaKind;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.TextContent;
import java.time.Instant;
import java.util.UUID;

/*
 * Builds DispatchCommands for tests with the fixtures' ids (account A, the first IGSID), so each test states only
 * the content and the messaging type it is about.
 */
public final class Commands {

    public static final String ACCOUNT = "17841463920184527";
    public static final String IGSID = "7309182736451928";
    public static final String CHANNEL = "5b7c2f0e-8d0a-4a55-9a5e-0d7f2b9c1e11";

    private Commands() {
    }

    public static DispatchCommand.Builder of(Object content) {
        return DispatchCommand.newBuilder()
                .setMessageId(UUID.randomUUID().toString()).setApplicationId("app-1").setChannelId(CHANNEL)
                .setIgAccountId(ACCOUNT).setIgsid(IGSID).setFlavour(Flavour.INSTAGRAM_LOGIN).setContent(content)
                .setMessagingType(MessagingType.RESPONSE)
                .setAcceptedAt(Instant.parse("2025-11-23T10:00:00Z"))
                .setNotAfter(Instant.parse("2099-01-01T00:00:00Z"));
    }

    /** A media content by URL, as the API builds it (no several images, attachment id or post share). */
    public static MediaContent media(MediaKind kind, String url, String caption) {
        return MediaContent.newBuilder().setKind(kind).setUrl(url).setCaption(caption).build();
    }

    public static DispatchCommand text(String text) {
        return of(new TextContent(text)).build();
    }

    public static String key() {
        return ACCOUNT + "|" + IGSID;
    }
}
