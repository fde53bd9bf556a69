package dev.ecslabs.emulator.elb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an Application Load Balancer does to a request's Host and X-Forwarded-* headers before a
 * target gets it, by the load balancer's attributes.
 * <ul>
 *   <li>Host: by default the load balancer "appends the listener port" ({@code www.amazon.com} reaches
 *   a target of an 8443 listener as {@code www.amazon.com:8443}), in place of any port the client
 *   wrote; AWS documents no exception for 80 or 443, so there is none here.
 *   {@code routing.http.preserve_host_header.enabled} sends the Host as the client sent it
 *   (https://repost.aws/questions/QUbdKVqaj4TKSZJdPWPZG1Ow).</li>
 *   <li>X-Forwarded-For by {@code routing.http.xff_header_processing.mode}: {@code append} (the default)
 *   adds the client's IP (with its port under {@code routing.http.xff_client_port.enabled}) to what the
 *   client sent, {@code preserve} passes it unchanged, {@code remove} drops it; X-Forwarded-Proto and
 *   -Port name the listener's protocol and port
 *   (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html).</li>
 * </ul>
 */
record HeaderProcessing(boolean preserveHost, String xffMode, boolean xffClientPort) {
    static final String PRESERVE_HOST = "routing.http.preserve_host_header.enabled";
    static final String XFF_MODE = "routing.http.xff_header_processing.mode";
    static final String XFF_CLIENT_PORT = "routing.http.xff_client_port.enabled";
    static final List<String> XFF_MODES = List.of("append", "preserve", "remove");
    static final HeaderProcessing DEFAULTS = new HeaderProcessing(false, "append", false);

    static HeaderProcessing of(Map<String, String> attributes) {
        return new HeaderProcessing("true".equals(attributes.get(PRESERVE_HOST)), attributes.getOrDefault(XFF_MODE, "append"),
                "true".equals(attributes.get(XFF_CLIENT_PORT)));
    }

    /**
     * The headers a target gets for {@code client}'s headers (names in lower case): the client's own,
     * with the Host and X-Forwarded-* ones the load balancer's way.
     */
    Map<String, String> forTarget(Map<String, String> client, String clientIp, int clientPort, String protocol, int listenerPort) {
        Map<String, String> headers = new LinkedHashMap<>();
        client.forEach((name, value) -> {
            if (!name.startsWith("x-forwarded-") && !name.equals("host")) {
                headers.put(name, value);
            }
        });
        String host = client.get("host");
        if (host != null) {
            headers.put("host", preserveHost ? host : withListenerPort(host, listenerPort));
        }
        String forwardedFor = client.get("x-forwarded-for");
        String hop = xffClientPort ? clientIp + ":" + clientPort : clientIp;
        switch (xffMode) {
            case "preserve" -> {
                if (forwardedFor != null) {
                    headers.put("x-forwarded-for", forwardedFor);
                }
            }
            case "remove" -> {
            }
            default -> headers.put("x-forwarded-for", forwardedFor == null ? hop : forwardedFor + ", " + hop);
        }
        headers.put("x-forwarded-proto", protocol);
        headers.put("x-forwarded-port", String.valueOf(listenerPort));
        return headers;
    }

    private static String withListenerPort(String host, int listenerPort) {
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d*$", "");
        return name + ":" + listenerPort;
    }
}
