package io.igrelay.sandbox.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.state.Customer;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import java.util.Optional;

/**
 * Meta's User Profile API: {@code GET /{igsid}?fields=...} with the business's token, on both hosts. Meta answers only
 * for a user who consented, which it records when the user writes to the business (or taps an ice breaker or the
 * persistent menu); otherwise "User consent is required to access user profile". Fields: name, username,
 * profile_pic, is_verified_user, follower_count, is_user_follow_business, is_business_follow_user.
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/user-profile
 */
public final class UserProfiles {

    private UserProfiles() {
    }

    /** The profile of customer {@code igsid} as account {@code accountId} may see it, if {@code igsid} is a customer. */
    public static Optional<ObjectNode> lookup(SandboxState state, String accountId, String igsid, String fields)
            throws GraphAuth.Denied {
        Optional<Customer> customer = state.directory().customer(igsid);
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        boolean consented = state.conversations().find(accountId, igsid).map(c -> c.everWrote()).orElse(false);
        if (!consented) {
            throw new GraphAuth.Denied(new GraphErrorBody(400, "(#230) User consent is required to access user profile",
                    GraphErrorBody.OAUTH, 230, null, false));
        }
        Customer c = customer.get();
        ObjectNode out = MetaJson.object();
        String wanted = fields == null || fields.isBlank() ? "name,profile_pic" : fields;
        for (String field : wanted.split(",")) {
            switch (field.trim()) {
                case "name" -> out.put("name", "Customer " + c.username());
                case "username" -> out.put("username", c.username());
                case "profile_pic" -> out.put("profile_pic", "https://sandbox.invalid/profile/" + c.username()
                        + ".jpg");
                case "is_verified_user" -> out.put("is_verified_user", false);
                case "follower_count" -> out.put("follower_count", 42);
                case "is_user_follow_business" -> out.put("is_user_follow_business", true);
                case "is_business_follow_user" -> out.put("is_business_follow_user", false);
                default -> { }
            }
        }
        out.put("id", igsid);
        return Optional.of(out);
    }
}
