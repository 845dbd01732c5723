package io.igrelay.sandbox.state;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who exists on the simulated Meta: Instagram accounts, Facebook Pages and users, and customers (IGSIDs).
 * Seeded with the fixtures named in sandbox/README.md; the admin API can add more (benchmarks need many).
 */
public final class Directory {
    public static final String ACCOUNT_A = "17841463920184527";
    public static final String ACCOUNT_B = "17841407715263948";
    public static final String ACCOUNT_CREATOR = "17841455500000003";
    public static final String ACCOUNT_PERSONAL = "17841455500000004";
    public static final String PAGE_A = "108920345566778";
    public static final String PAGE_B = "108920345566779";
    public static final String PAGE_CREATOR = "108920345566780";
    public static final String PAGE_WITHOUT_IG = "108920345566781";
    /** A Page whose signed-in user may analyse and advertise but not message: the hub must refuse it. */
    public static final String PAGE_WITHOUT_MESSAGING = "108920345566782";
    public static final String ACCOUNT_GALLERY = "17841400000000987";
    public static final String FB_USER = "10223344556677889";
    public static final List<String> FIXTURE_IGSIDS =
            List.of("7309182736451928", "26483910275519084", "9130571846229375", "18205539761042263");

    private final Map<String, IgAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, FbPage> pages = new ConcurrentHashMap<>();
    private final Map<String, FbUser> fbUsers = new ConcurrentHashMap<>();
    private final Map<String, Customer> customers = new ConcurrentHashMap<>();

    public static Directory seeded(int textPerSecond, int mediaPerSecond) {
        Directory d = new Directory();
        d.add(new IgAccount(ACCOUNT_A, "27140385936052117", "fixture.shop", "Fixture Shop", "BUSINESS",
                textPerSecond, mediaPerSecond));
        d.add(new IgAccount(ACCOUNT_B, "27140385936052118", "fixture.studio", "Fixture Studio", "BUSINESS",
                textPerSecond, mediaPerSecond));
        d.add(new IgAccount(ACCOUNT_CREATOR, "27140385936052119", "fixture.creator", "Fixture Creator",
                "MEDIA_CREATOR", textPerSecond, mediaPerSecond));
        d.add(new IgAccount(ACCOUNT_PERSONAL, "27140385936052120", "fixture.personal", "Fixture Personal",
                "PERSONAL", textPerSecond, mediaPerSecond));
        d.add(new FbPage(PAGE_A, "Fixture Shop", Optional.of(ACCOUNT_A)));
        // owned by a business portfolio: /me/accounts lists it only with business_management (Graph v17+)
        d.add(new FbPage(PAGE_B, "Fixture Studio", Optional.of(ACCOUNT_B), FbPage.ALL_TASKS, true));
        d.add(new FbPage(PAGE_CREATOR, "Fixture Creator", Optional.of(ACCOUNT_CREATOR)));
        d.add(new FbPage(PAGE_WITHOUT_IG, "Fixture Bakery", Optional.empty()));
        d.add(new IgAccount(ACCOUNT_GALLERY, "27140385936052121", "fixture.gallery", "Fixture Gallery", "BUSINESS",
                textPerSecond, mediaPerSecond));
        d.add(new FbPage(PAGE_WITHOUT_MESSAGING, "Fixture Gallery", Optional.of(ACCOUNT_GALLERY),
                List.of("ANALYZE", "ADVERTISE", "CREATE_CONTENT")));
        d.add(new FbUser(FB_USER, "Fixture Owner",
                List.of(PAGE_A, PAGE_B, PAGE_CREATOR, PAGE_WITHOUT_IG, PAGE_WITHOUT_MESSAGING)));
        for (int i = 0; i < FIXTURE_IGSIDS.size(); i++) {
            d.add(new Customer(FIXTURE_IGSIDS.get(i), "fixture.customer" + (i + 1)));
        }
        return d;
    }

    public void add(IgAccount a) { accounts.put(a.userId(), a); }
    public void add(FbPage p) { pages.put(p.id(), p); }
    public void add(FbUser u) { fbUsers.put(u.appScopedId(), u); }
    public void add(Customer c) { customers.put(c.igsid(), c); }

    public Optional<IgAccount> account(String userId) {
        return Optional.ofNullable(accounts.get(userId));
    }

    /** By professional id, app-scoped id or username (with or without "@"). */
    public Optional<IgAccount> findAccount(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        IgAccount direct = accounts.get(ref);
        if (direct != null) {
            return Optional.of(direct);
        }
        String name = ref.startsWith("@") ? ref.substring(1) : ref;
        return accounts.values().stream()
                .filter(a -> a.appScopedId().equals(ref) || a.username().equalsIgnoreCase(name))
                .findFirst();
    }

    public Collection<IgAccount> accounts() { return accounts.values(); }
    public Optional<FbPage> page(String id) { return Optional.ofNullable(pages.get(id)); }
    public Collection<FbPage> pages() { return pages.values(); }
    public Optional<FbUser> fbUser(String id) { return Optional.ofNullable(fbUsers.get(id)); }
    public Collection<FbUser> fbUsers() { return fbUsers.values(); }
    public Optional<Customer> customer(String igsid) { return Optional.ofNullable(customers.get(igsid)); }
    public Collection<Customer> customers() { return customers.values(); }

    public Customer customerOrCreate(String igsid) {
        return customers.computeIfAbsent(igsid, id -> new Customer(id, "sandbox.user" + id));
    }

    public Optional<FbPage> pageOfAccount(String igUserId) {
        return pages.values().stream()
                .filter(p -> p.instagramAccountId().filter(igUserId::equals).isPresent())
                .findFirst();
    }
}
