package io.igrelay.sandbox.state;

/**
 * An Instagram user (identified by IGSID) who can write to business accounts. Unknown IGSIDs make the Send API
 * answer 100/2018001; an unavailable one (blocked, deactivated) answers 551/1545041.
 */
public final class Customer {
    private final String igsid;
    private final String username;
    private volatile boolean unavailable;

    public Customer(String igsid, String username) {
        this.igsid = igsid;
        this.username = username;
    }

    public String igsid() { return igsid; }
    public String username() { return username; }
    public boolean unavailable() { return unavailable; }
    public void unavailable(boolean v) { this.unavailable = v; }
}
