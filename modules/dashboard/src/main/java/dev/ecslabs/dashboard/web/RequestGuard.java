package dev.ecslabs.dashboard.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The dashboard's two rules for requests, checked before any route runs. On 127.0.0.1 (the
 * default) a request must name this machine in its Host header, so that a web page elsewhere can't
 * reach the dashboard through a DNS name pointed at 127.0.0.1. A request that changes something
 * (a POST: starting a check) must come from the dashboard's own pages: its Origin (or, lacking
 * one, its Referer) must be this very host and port.
 */
public final class RequestGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final boolean loopbackOnly;

    public RequestGuard(String bindHost) {
        this.loopbackOnly = bindHost.equals("127.0.0.1") || bindHost.equals("localhost") || bindHost.equals("::1");
    }

    public void check(Context ctx) {
        String host = checkHost(ctx);
        if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
            checkSameOrigin(ctx, host);
        }
    }

    /**
     * The first rule alone, for requests that are not a browser's (the classroom's API, called by the
     * lab tool with a secret of its own); answers the Host header.
     */
    public String checkHost(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            throw new ForbiddenResponse("The request has no Host header.");
        }
        if (loopbackOnly && !LOOPBACK_NAMES.contains(hostName(host))) {
            throw new ForbiddenResponse("This dashboard answers only as localhost or 127.0.0.1, not as '" + host + "'.");
        }
        return host;
    }

    private static void checkSameOrigin(Context ctx, String host) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            throw new ForbiddenResponse("Refused: this request came from another site (" + fetchSite + ").");
        }
        String origin = ctx.header("Origin");
        String from = origin != null ? origin : ctx.header("Referer");
        if (from == null || !sameHost(from, host)) {
            throw new ForbiddenResponse("Refused: a request that changes something must come from the dashboard's own pages "
                    + "(its Origin must be http://" + host + "). Use the page's buttons, or ./lab check in a terminal.");
        }
    }

    private static boolean sameHost(String url, String host) {
        try {
            URI uri = URI.create(url);
            String authority = uri.getRawAuthority();
            return "http".equals(uri.getScheme()) && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The host name in a Host header: {@code localhost} in {@code localhost:7070}, {@code [::1]} in {@code [::1]:7070}. */
    private static String hostName(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            int end = lower.indexOf(']');
            return end < 0 ? lower : lower.substring(0, end + 1);
        }
        int colon = lower.indexOf(':');
        return colon < 0 ? lower : lower.substring(0, colon);
    }
}
