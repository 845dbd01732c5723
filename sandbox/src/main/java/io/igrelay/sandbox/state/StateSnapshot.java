package io.igrelay.sandbox.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.wire.MetaJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What must survive a sandbox restart in the local stack, whose Kafka data (and so the hub's stored tokens and
 * windows) outlives restarts: issued tokens and revocations, accounts and Pages with their subscriptions and
 * limits, customers, threads and the clock offset. Authorization codes and logs are not kept.
 */
public final class StateSnapshot {
    private StateSnapshot() {
    }

    public static ObjectNode capture(SandboxState s) {
        ObjectNode root = MetaJson.object().put("version", 1).put("clockOffsetMillis", s.clock().offset().toMillis());
        ArrayNode tokens = root.putArray("tokens");
        for (TokenInfo t : s.tokens().all()) {
            ObjectNode o = MetaJson.MAPPER.valueToTree(t);
            s.tokens().revocation(t.token()).ifPresent(sub -> o.put("revokedSubcode", sub));
            tokens.add(o);
        }
        ArrayNode accounts = root.putArray("accounts");
        for (IgAccount a : s.directory().accounts()) {
            ObjectNode o = accounts.addObject().put("userId", a.userId()).put("appScopedId", a.appScopedId())
                    .put("username", a.username()).put("name", a.name()).put("accountType", a.accountType())
                    .put("textPerSecond", a.textPerSecond()).put("mediaPerSecond", a.mediaPerSecond())
                    .put("rateLimitCode", a.rateLimitCode());
            a.subscription().ifPresent(sub -> o.set("subscription", MetaJson.MAPPER.valueToTree(sub)));
        }
        ArrayNode pages = root.putArray("pages");
        s.directory().pages().forEach(p -> {
            ObjectNode page = pages.addObject().put("id", p.id()).put("name", p.name())
                    .put("instagramAccountId", p.instagramAccountId().orElse(null));
            p.tasks().forEach(page.putArray("tasks")::add);
            page.put("businessOwned", p.businessOwned());
        });
        ArrayNode customers = root.putArray("customers");
        s.directory().customers().forEach(c -> customers.addObject().put("igsid", c.igsid())
                .put("username", c.username()).put("unavailable", c.unavailable()));
        ArrayNode threads = root.putArray("threads");
        s.conversations().forEach((key, c) -> threads.addObject().put("accountId", key[0]).put("igsid", key[1])
                .put("lastUserActionAt", c.lastUserActionAt()).put("responseUntil", c.responseUntil())
                .put("humanAgentUntil", c.humanAgentUntil()).put("lastUserMid", c.lastUserMid())
                .put("lastBusinessMid", c.lastBusinessMid()));
        return root;
    }

    public static void restore(SandboxState s, JsonNode root) {
        s.clock().advance(java.time.Duration.ofMillis(root.path("clockOffsetMillis").asLong(0)));
        for (JsonNode a : root.path("accounts")) {
            IgAccount acc = s.directory().account(a.path("userId").asText()).orElseGet(() -> {
                IgAccount created = new IgAccount(a.path("userId").asText(), a.path("appScopedId").asText(),
                        a.path("username").asText(), a.path("name").asText(), a.path("accountType").asText(),
                        0, 0);
                s.directory().add(created);
                return created;
            });
            acc.rateLimits(a.path("textPerSecond").asInt(), a.path("mediaPerSecond").asInt(),
                    a.path("rateLimitCode").asInt(613));
            JsonNode sub = a.get("subscription");
            if (sub != null) {
                List<String> fields = new ArrayList<>();
                sub.path("fields").forEach(f -> fields.add(f.asText()));
                acc.subscribe(new IgAccount.Subscription(Flavour.valueOf(sub.path("flavour").asText()),
                        List.copyOf(fields), sub.path("disabled").asBoolean(), sub.path("changedAt").asLong()));
            }
        }
        for (JsonNode p : root.path("pages")) {
            String ig = p.path("instagramAccountId").asText(null);
            List<String> tasks = new ArrayList<>();
            p.path("tasks").forEach(t -> tasks.add(t.asText()));
            s.directory().add(new FbPage(p.path("id").asText(), p.path("name").asText(), Optional.ofNullable(ig),
                    p.has("tasks") ? tasks : FbPage.ALL_TASKS, p.path("businessOwned").asBoolean(false)));
        }
        for (JsonNode c : root.path("customers")) {
            Customer customer = new Customer(c.path("igsid").asText(), c.path("username").asText());
            customer.unavailable(c.path("unavailable").asBoolean());
            s.directory().add(customer);
        }
        for (JsonNode t : root.path("threads")) {
            s.conversations().get(t.path("accountId").asText(), t.path("igsid").asText()).restore(
                    t.path("lastUserActionAt").asLong(), t.path("responseUntil").asLong(),
                    t.path("humanAgentUntil").asLong(), t.path("lastUserMid").asText(null),
                    t.path("lastBusinessMid").asText(null));
        }
        for (JsonNode t : root.path("tokens")) {
            List<String> scopes = new ArrayList<>();
            t.path("scopes").forEach(x -> scopes.add(x.asText()));
            List<String> pages = new ArrayList<>();
            t.path("pages").forEach(x -> pages.add(x.asText()));
            TokenInfo info = new TokenInfo(t.path("token").asText(), TokenInfo.Kind.valueOf(t.path("kind").asText()),
                    t.path("subject").asText(), t.path("issuedAt").asLong(), t.path("expiresAt").asLong(),
                    List.copyOf(scopes), List.copyOf(pages));
            s.tokens().restore(info, t.has("revokedSubcode") ? t.get("revokedSubcode").asInt() : null);
        }
    }
}
