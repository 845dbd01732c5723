package io.igrelay.bench.dispatcher;

import io.igrelay.bench.BenchChannels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts one ACTIVE Instagram Login channel per dispatcher-row account on ig.channels, holding the token the sandbox
 * issued for that account, so every send finds its channel and Meta (the sandbox) accepts its token.
 */
final class ChannelSeeder {

    private ChannelSeeder() {
    }

    static void seed(String bootstrap, String topic, SendSandbox sandbox) throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String account : BenchConversations.accounts()) {
            tokens.put(account, sandbox.token(account));
        }
        BenchChannels.seed(bootstrap, topic, tokens);
    }
}
