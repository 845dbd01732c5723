package io.igrelay.ingress.api;

import static io.igrelay.ingress.api.ApiTestBed.APP;
import static io.igrelay.ingress.api.ApiTestBed.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.EncryptedValue;
import io.igrelay.avro.Flavour;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.send.SendRecord;
import io.igrelay.sandbox.state.Directory;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /v1/communication/instagram/contacts/{igsid} against the sandbox's User Profile API on both hosts: the profile
 * fields as Meta names them, kept for the TTL (one Meta call for two reads), refused without a Meta call for a
 * contact that never wrote to the Application, and Meta's own refusal (no consent) passed on as 422.
 */
class ContactProfileApiTest {

    private static final String FB_CHANNEL = "2e6b7e3a-4c9f-4e5b-9f90-4b8c5d3e1a32";
    private static final AtomicLong IGSIDS = new AtomicLong(26483910275519084L);
    private static ApiTestBed bed;
    private static Sandbox sandbox;
    private static final AtomicInteger META_CALLS = new AtomicInteger();

    @BeforeAll
    static void start() {
        bed = new ApiTestBed(new ApiSettings(1000, Duration.ofHours(24), Duration.ofSeconds(1), 64 * 1024));
        sandbox = Sandbox.startBlocking(bed.vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0",
                "SANDBOX_ECHOES", "false", "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:1/unused")));
        MetaSettings meta = new MetaSettings(Optional.of(SandboxConfig.DEV_META_APP_ID),
                Optional.of(new Secret(SandboxConfig.DEV_META_APP_SECRET)), Optional.empty(), Optional.empty(),
                MetaSettings.DEFAULT_GRAPH_API_VERSION, URI.create(sandbox.graphFacebookUrl()),
                URI.create(sandbox.graphInstagramUrl()), URI.create(sandbox.instagramApiUrl()),
                sandbox.facebookDialogUrl(), sandbox.instagramAuthorizeUrl());
        TokenCipher cipher = TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS);
        ContactProfileClient client = new ContactProfileClient(WebClient.create(bed.vertx), meta, cipher);
        bed.contactProfiles = (channel, igsid) -> {
            META_CALLS.incrementAndGet();
            return client.fetch(channel, igsid);
        };
        bed.channels.put(withToken(InMemoryChannels.channel(CHANNEL, APP, "Acme.Store", ChannelStatus.ACTIVE),
                Flavour.INSTAGRAM_LOGIN, cipher.encrypt(sandbox.issueToken(Directory.ACCOUNT_A,
                        io.igrelay.sandbox.state.Flavour.INSTAGRAM_LOGIN))));
        bed.channels.put(withToken(InMemoryChannels.channel(FB_CHANNEL, APP, "acme.fb", ChannelStatus.ACTIVE),
                Flavour.FACEBOOK_LOGIN, cipher.encrypt(sandbox.issueToken(Directory.ACCOUNT_B,
                        io.igrelay.sandbox.state.Flavour.FACEBOOK_LOGIN))));
    }

    @AfterAll
    static void stop() {
        sandbox.close().await();
        bed.close();
    }

    private static Channel withToken(Channel channel, Flavour flavour, EncryptedValue token) {
        return Channel.newBuilder(channel).setFlavour(flavour).setToken(token).build();
    }

    /** A customer who wrote to {@code account} (Meta's consent) and whose window the processor holds for the channel. */
    private static String wrote(String account, String channelId) {
        String igsid = Long.toString(IGSIDS.incrementAndGet());
        sandbox.users().openWindow(account, igsid, sandbox.clock().millis());
        bed.processor.window(igsid, channelId, "OPEN");
        return igsid;
    }

    @Test
    void shouldReadTheProfileThroughAnInstagramLoginChannelAndKeepIt() {
        String igsid = wrote(Directory.ACCOUNT_A, CHANNEL);
        int before = META_CALLS.get();

        HttpResponse<String> first = bed.get("/v1/communication/instagram/contacts/" + igsid);
        HttpResponse<String> second = bed.get("/v1/communication/instagram/contacts/" + igsid);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonObject profile = new JsonObject(first.body());
        assertThat(profile.getString("igsid")).isEqualTo(igsid);
        assertThat(profile.getString("channelId")).isEqualTo(CHANNEL);
        assertThat(profile.getString("username")).isNotEmpty();
        assertThat(profile.getString("profilePicUrl")).startsWith("https://");
        assertThat(profile.getInteger("followerCount")).isNotNull();
        assertThat(profile.getBoolean("followsBusiness")).isNotNull();
        assertThat(profile.getBoolean("businessFollowsUser")).isNotNull();
        assertThat(new JsonObject(second.body())).isEqualTo(profile);
        assertThat(META_CALLS.get() - before).as("the second read comes from the cache").isEqualTo(1);
    }

    @Test
    void shouldReadTheProfileThroughAFacebookLoginChannel() {
        String igsid = wrote(Directory.ACCOUNT_B, FB_CHANNEL);

        HttpResponse<String> response = bed.get("/v1/communication/instagram/contacts/" + igsid);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("channelId")).isEqualTo(FB_CHANNEL);
        assertThat(sandbox.state().sends().list(r -> true, Integer.MAX_VALUE)).extracting(SendRecord::path)
                .as("a profile read is no send").noneMatch(p -> p.endsWith("/" + igsid));
    }

    @Test
    void shouldRefuseAContactThatNeverWroteWithoutCallingMeta() {
        int before = META_CALLS.get();

        HttpResponse<String> response = bed.get("/v1/communication/instagram/contacts/9999999999999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("errorCode")).isEqualTo("NO_CONVERSATION");
        assertThat(META_CALLS.get()).isEqualTo(before);
    }

    @Test
    void shouldPassOnMetasRefusalWhenTheUserGaveNoConsent() {
        String igsid = Long.toString(IGSIDS.incrementAndGet());
        sandbox.state().directory().customerOrCreate(igsid); // known to Meta, never wrote to this account
        bed.processor.window(igsid, CHANNEL, "OPEN");

        HttpResponse<String> response = bed.get("/v1/communication/instagram/contacts/" + igsid);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(new JsonObject(response.body()).getString("errorCode")).isEqualTo("META_ERROR");
        assertThat(new JsonObject(response.body()).getString("errorMessage")).contains("consent");
    }
}
