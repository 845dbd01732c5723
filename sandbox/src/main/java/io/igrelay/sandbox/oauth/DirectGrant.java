package io.igrelay.sandbox.oauth;

import io.igrelay.sandbox.state.Directory;
import io.igrelay.sandbox.state.FbPage;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.state.TokenInfo;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Tokens without a browser, for scripts and other modules' tests: a long-lived Instagram token of an account, or
 * the Page token of the Page linked to it (Facebook flavour, as if the seeded user had granted every Page), and
 * authorization codes that the hub can exchange through its normal callback.
 */
public final class DirectGrant {
    public static final List<String> IG_SCOPES = List.of("instagram_business_basic",
            "instagram_business_manage_messages", "instagram_business_manage_comments");
    public static final List<String> FB_SCOPES = List.of("instagram_basic", "instagram_manage_messages",
            "instagram_manage_comments", "pages_manage_metadata", "pages_messaging", "pages_show_list",
            "pages_read_engagement");
    private final SandboxState state;

    public DirectGrant(SandboxState state) {
        this.state = state;
    }

    public TokenInfo token(String accountRef, Flavour flavour) {
        IgAccount acc = state.directory().findAccount(accountRef)
                .orElseThrow(() -> new NoSuchElementException("unknown account " + accountRef));
        long now = state.clock().millis();
        if (flavour == Flavour.INSTAGRAM_LOGIN) {
            return state.tokens().issue(TokenInfo.Kind.IG_LONG, acc.userId(), now, IG_SCOPES);
        }
        FbPage page = state.directory().pageOfAccount(acc.userId())
                .orElseThrow(() -> new NoSuchElementException("account " + accountRef + " has no Page"));
        return state.tokens().issue(TokenInfo.Kind.FB_PAGE, page.id(), now, FB_SCOPES, List.of(page.id()), 0);
    }

    /** A code as the dialog would redirect with; for Facebook every Page of the seeded user is granted. */
    public String code(Flavour flavour, String accountRef, String redirectUri) {
        long now = state.clock().millis();
        if (flavour == Flavour.INSTAGRAM_LOGIN) {
            IgAccount acc = state.directory().findAccount(accountRef == null ? "fixture.shop" : accountRef)
                    .orElseThrow(() -> new NoSuchElementException("unknown account " + accountRef));
            return state.tokens().newCode(flavour, acc.userId(), redirectUri, IG_SCOPES, List.of(), now).code();
        }
        var user = state.directory().fbUser(Directory.FB_USER).orElseThrow();
        return state.tokens().newCode(flavour, user.appScopedId(), redirectUri, FB_SCOPES, user.pageIds(), now)
                .code();
    }
}
