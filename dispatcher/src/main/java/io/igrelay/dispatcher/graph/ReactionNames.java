package io.igrelay.dispatcher.graph;

import java.util.Set;

/*
 * The hub API takes a reaction as an emoji; Instagram's react sender action names it ("love" is the documented
 * value, and the webhook reports it as reaction "love", emoji "\u2764\ufe0f"). Hearts map to "love"; any other value
 * is passed on as given and Meta's answer decides.
 */
final class ReactionNames {

    private static final Set<String> HEARTS = Set.of("\u2764\ufe0f", "\u2764", "love", "\u2665\ufe0f", "\u2665");

    private ReactionNames() {
    }

    static String metaReaction(String emoji) {
        return HEARTS.contains(emoji) ? "love" : emoji;
    }
}
