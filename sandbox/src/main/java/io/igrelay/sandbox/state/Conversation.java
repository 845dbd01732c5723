package io.igrelay.sandbox.state;

/**
 * Meta's view of one (business account, IGSID) thread: when the user last acted, until when a standard
 * (RESPONSE) reply is allowed and until when a HUMAN_AGENT-tagged one is. Only user actions move it forward, and
 * only a user message moves the HUMAN_AGENT deadline: Meta allows the tag "within 7 days after a user message"
 * (https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags/).
 */
public final class Conversation {
    private long lastUserActionAt = -1;
    private long responseUntil = -1;
    private long humanAgentUntil = -1;
    private String lastUserMid;
    private String lastBusinessMid;

    /** {@code humanAgentWindowMs} is 0 for an action that is not a message (reaction, postback, referral). */
    public synchronized void userAction(long at, long standardWindowMs, long humanAgentWindowMs, String mid) {
        lastUserActionAt = Math.max(lastUserActionAt, at);
        responseUntil = Math.max(responseUntil, at + standardWindowMs);
        if (humanAgentWindowMs > 0) {
            humanAgentUntil = Math.max(humanAgentUntil, at + humanAgentWindowMs);
        }
        if (mid != null) {
            lastUserMid = mid;
        }
    }

    public synchronized void businessMessage(String mid) {
        lastBusinessMid = mid;
    }

    /** Restores a thread from a snapshot. */
    public synchronized void restore(long last, long response, long humanAgent, String userMid, String businessMid) {
        lastUserActionAt = last;
        responseUntil = response;
        humanAgentUntil = humanAgent;
        lastUserMid = userMid;
        lastBusinessMid = businessMid;
    }

    public synchronized boolean everWrote() { return lastUserActionAt >= 0; }
    public synchronized long lastUserActionAt() { return lastUserActionAt; }
    public synchronized long responseUntil() { return responseUntil; }
    public synchronized long humanAgentUntil() { return humanAgentUntil; }
    public synchronized String lastUserMid() { return lastUserMid; }
    public synchronized String lastBusinessMid() { return lastBusinessMid; }
}
