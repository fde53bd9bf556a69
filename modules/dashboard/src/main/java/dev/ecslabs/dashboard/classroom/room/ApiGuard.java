package dev.ecslabs.dashboard.classroom.room;

import io.javalin.http.Context;

/**
 * The rules for the classroom's API, checked before its routes run: it is called by the lab tool,
 * never by a web page, so a request must be JSON (a page elsewhere cannot post JSON here without a
 * preflight, which the classroom does not answer) and must not carry a browser's
 * {@code Sec-Fetch-Site} from another site.
 */
final class ApiGuard {
    private ApiGuard() {
    }

    static void check(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("none")) {
            throw new Refusal(403, "The classroom's API is for the lab tool (./lab start --join), not for web pages.");
        }
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Refusal(415, "The classroom's API takes JSON (Content-Type: application/json) from the lab tool.");
        }
    }
}
