package io.igrelay.sandbox.admin;

/**
 * The tiny page at {@code GET /sandbox}: a form that makes a simulated user send a DM through the admin API, and
 * links to the inspection endpoints. Static HTML; the script only calls the JSON API.
 */
final class AdminPage {
    private AdminPage() {
    }

    static final String HTML = """
            <!doctype html><html><head><meta charset="utf-8"><title>igrelay sandbox</title></head><body>
            <h1>igrelay sandbox: simulated Instagram users</h1>
            <form id="dm">
              <label>Account <input name="account" value="fixture.shop"></label>
              <label>From (IGSID) <input name="from" value="7309182736451928"></label>
              <label>Text <input name="text" value="Hi! Is the olive tote in stock?" size="40"></label>
              <button type="submit">Send DM</button>
            </form>
            <pre id="out"></pre>
            <p>Inspect: <a href="/sandbox/sends">Send API calls</a> · <a href="/sandbox/webhooks/deliveries">webhook
            deliveries</a> · <a href="/sandbox/accounts">accounts</a> · <a href="/sandbox/tokens">tokens</a> ·
            <a href="/sandbox/callbacks">callbacks</a> · <a href="/sandbox/clock">clock</a></p>
            <script>
            document.getElementById('dm').addEventListener('submit', async e => {
              e.preventDefault();
              const f = new FormData(e.target);
              const r = await fetch('/sandbox/simulate/message', {method: 'POST',
                headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({account: f.get('account'), from: f.get('from'), text: f.get('text')})});
              document.getElementById('out').textContent = await r.text();
            });
            </script></body></html>
            """;
}
