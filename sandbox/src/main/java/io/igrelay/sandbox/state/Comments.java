package io.igrelay.sandbox.state;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The media users comment on and their comments. Every account has three seeded media, their ids the account id
 * followed by 01 (a FEED post), 02 (a REELS reel) and 03 (a LIVE broadcast), so tests and the walk-through can name
 * them without a lookup. Comment ids are numeric and sequential, as Meta's look. Kept in memory only (not in the
 * state snapshot).
 */
public final class Comments {

    /** One IG media of an account; {@code productType} is Meta's media_product_type. */
    public record Media(String id, String accountId, String productType) {
        public boolean live() {
            return "LIVE".equals(productType);
        }
    }

    /** One comment as the sandbox keeps it. */
    public record Comment(String id, String mediaId, String accountId, String authorIgsid, String username,
            String text, String parentId, long createdAt, boolean hidden) {

        /** The top-level comment of its thread: itself, or the comment it answers. */
        public String threadId() {
            return parentId == null ? id : parentId;
        }
    }

    private static final List<String> SEEDED_TYPES = List.of("FEED", "REELS", "LIVE");

    private final Map<String, Comment> byId = new ConcurrentHashMap<>();
    /** Comment id → the mid of its one private reply. */
    private final Map<String, String> privateReplies = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(17_919_697_626_120_000L);

    /** The seeded media of an account, in the order of their ids. */
    public static List<Media> seededMedia(String accountId) {
        return List.of(media(accountId, 0), media(accountId, 1), media(accountId, 2));
    }

    /** The seeded media with this id, if it belongs to the account. */
    public Optional<Media> media(String accountId, String mediaId) {
        return seededMedia(accountId).stream().filter(m -> m.id().equals(mediaId)).findFirst();
    }

    public Optional<Comment> find(String commentId) {
        return Optional.ofNullable(byId.get(commentId));
    }

    public Comment add(Media media, String authorIgsid, String username, String text, String parentId, long at) {
        Comment comment = new Comment(String.valueOf(nextId.getAndIncrement()), media.id(), media.accountId(),
                authorIgsid, username, text, parentId, at, false);
        byId.put(comment.id(), comment);
        return comment;
    }

    /** Hides or unhides a comment; false when there is no such comment. */
    public boolean hide(String commentId, boolean hidden) {
        return byId.computeIfPresent(commentId, (id, c) -> new Comment(c.id(), c.mediaId(), c.accountId(),
                c.authorIgsid(), c.username(), c.text(), c.parentId(), c.createdAt(), hidden)) != null;
    }

    /** The replies in a top-level comment's thread, oldest first. */
    public List<Comment> replies(String commentId) {
        return byId.values().stream().filter(c -> commentId.equals(c.parentId()))
                .sorted(Comparator.comparing(Comment::id)).toList();
    }

    /** Records the comment's one private reply; false when it already has one. */
    public boolean claimPrivateReply(String commentId, String mid) {
        return privateReplies.putIfAbsent(commentId, mid) == null;
    }

    /** The mid of the comment's private reply, if it got one. */
    public Optional<String> privateReply(String commentId) {
        return Optional.ofNullable(privateReplies.get(commentId));
    }

    /** Deletes a comment and the replies in its thread; false when there is no such comment. */
    public boolean delete(String commentId) {
        if (byId.remove(commentId) == null) {
            return false;
        }
        byId.values().removeIf(c -> commentId.equals(c.parentId()));
        return true;
    }

    private static Media media(String accountId, int index) {
        return new Media(accountId + "0" + (index + 1), accountId, SEEDED_TYPES.get(index));
    }
}
