package io.igrelay.sandbox.oauth;

import java.util.List;
import java.util.Map;

/**
 * The small HTML pages of the simulated login dialogs: a consent form listing the requested scopes with an
 * account or Page chooser and Allow / Cancel buttons, and a plain error page. Everything user-supplied is escaped.
 */
final class OAuthPages {
    private OAuthPages() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    static String error(String title, String message) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title></head><body>"
                + "<h1>" + esc(title) + "</h1><p>" + esc(message) + "</p></body></html>";
    }

    /**
     * @param hidden   form fields carried through (client_id, redirect_uri, state, scope)
     * @param choices  value → label of the accounts or Pages offered
     * @param multiple checkboxes (Pages) instead of a single choice (accounts)
     */
    static String consent(String brand, String action, List<String> scopes, Map<String, String> hidden,
            String chooserName, Map<String, String> choices, boolean multiple) {
        StringBuilder sb = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(esc(brand)).append(" (sandbox)</title></head><body><h1>").append(esc(brand))
                .append(" sandbox</h1><p>The app requests:</p><ul id=\"scopes\">");
        for (String s : scopes) {
            sb.append("<li>").append(esc(s)).append("</li>");
        }
        sb.append("</ul><form method=\"post\" action=\"").append(esc(action)).append("\">");
        hidden.forEach((k, v) -> sb.append("<input type=\"hidden\" name=\"").append(esc(k)).append("\" value=\"")
                .append(esc(v)).append("\">"));
        sb.append("<fieldset><legend>").append(multiple ? "Pages to share" : "Log in as").append("</legend>");
        boolean first = true;
        for (var e : choices.entrySet()) {
            sb.append("<label><input type=\"").append(multiple ? "checkbox" : "radio").append("\" name=\"")
                    .append(esc(chooserName)).append("\" value=\"").append(esc(e.getKey())).append("\"")
                    .append(multiple || first ? " checked" : "").append("> ").append(esc(e.getValue()))
                    .append("</label><br>");
            first = false;
        }
        sb.append("</fieldset><button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Allow</button> ")
                .append("<button type=\"submit\" name=\"decision\" value=\"cancel\" id=\"cancel\">Cancel</button>")
                .append("</form></body></html>");
        return sb.toString();
    }
}
