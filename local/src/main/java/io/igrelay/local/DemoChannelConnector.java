package io.igrelay.local;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connects the local stack's demo channel at start through the very same path a person clicks:
 * dashboard sign-in with the dev API key, "Connect with Instagram", the sandbox's authorize dialog answered with its
 * scripted {@code sandbox_auto=allow}, the hub's callback. No browser, no shortcut into Kafka. Connecting again keeps
 * the UUID, so calling it at every start is harmless.
 */
public final class DemoChannelConnector {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern CHANNEL = Pattern.compile(
            "/dashboard/channels/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern PENDING = Pattern.compile("id=\"channel-id\">([0-9a-f-]{36})<");
    private static final Pattern FAILURE = Pattern.compile("id=\"failure-message\">([^<]*)<");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String hub;

    private DemoChannelConnector(String hubBaseUrl) {
        this.hub = hubBaseUrl.endsWith("/") ? hubBaseUrl.substring(0, hubBaseUrl.length() - 1) : hubBaseUrl;
    }

    /** The channel connected for {@code sandboxAccount} (e.g. {@code fixture.shop}); throws with the page's reason. */
    public static DemoChannel connect(String hubBaseUrl, String apiKey, String sandboxAccount) {
        return new DemoChannelConnector(hubBaseUrl).run(apiKey, sandboxAccount);
    }

    /** {@code DemoChannelConnector <hub base url> <api key> [sandbox account]} prints the UUID and username. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DemoChannelConnector <hub base url> <api key> [sandbox account]");
            System.exit(2);
        }
        DemoChannel channel = connect(args[0], args[1], args.length > 2 ? args[2] : "fixture.shop");
        System.out.println("Demo channel connected: " + channel.channelId() + " (@" + channel.username() + ")");
    }

    private DemoChannel run(String apiKey, String account) {
        String csrf = csrf(send(get(hub + "/dashboard/login")));
        HttpResponse<String> signedIn = send(post(hub + "/dashboard/login", "apiKey=" + enc(apiKey) + "&csrf="
                + enc(csrf)));
        if (signedIn.statusCode() != 303) {
            throw new IllegalStateException("the hub refused the API key (HTTP " + signedIn.statusCode() + ")");
        }
        csrf = csrf(send(get(hub + "/dashboard")));
        String authorize = location(send(post(hub + "/dashboard/connect/instagram", "csrf=" + enc(csrf))));
        String callback = location(send(get(authorize + "&sandbox_auto=allow&sandbox_account=" + enc(account))));
        HttpResponse<String> end = send(get(callback));
        Matcher connected = CHANNEL.matcher(end.headers().firstValue("Location").orElse(""));
        if (end.statusCode() == 303 && connected.find()) {
            return new DemoChannel(connected.group(1), account);
        }
        Matcher pending = PENDING.matcher(end.body());
        if (end.statusCode() == 202 && pending.find()) {
            return new DemoChannel(pending.group(1), account);
        }
        Matcher failure = FAILURE.matcher(end.body());
        throw new IllegalStateException("the demo channel was not connected: "
                + (failure.find() ? failure.group(1) : "HTTP " + end.statusCode()));
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no dashboard form at " + page.uri() + " (HTTP " + page.statusCode() + ")");
        }
        return m.group(1);
    }

    private static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "expected a redirect from " + response.uri() + ", got HTTP " + response.statusCode()));
        return response.uri().resolve(location).toString();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static HttpRequest post(String url, String form) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri().getHost() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public record DemoChannel(String channelId, String username) {
    }
}
