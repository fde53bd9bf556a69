package dev.ecslabs.courseapp;

/** Where the web tier's next call to its backend goes: one fixed URL, or an instance found through Cloud Map. */
interface BackendAddresses {

    /** The base URL of the next call, such as {@code http://10.0.3.88:8080}. */
    String next() throws BackendNotFound;

    /** The call to {@code url} failed: forget what may be stale, so the next call looks again. */
    void failed(String url);

    /** Makes ready what the first call would otherwise wait for, before the app takes requests. */
    default void warmUp() {
    }

    /** A fixed URL: a Service Connect alias or a DNS name, resolved afresh by the platform on every call. */
    static BackendAddresses fixed(String url) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return new BackendAddresses() {
            @Override
            public String next() {
                return base;
            }

            @Override
            public void failed(String failedUrl) {
                // nothing cached: DNS and the Service Connect proxy follow the backend's tasks themselves
            }
        };
    }

    /** No backend could be chosen; the message says why, for the caller's answer. */
    final class BackendNotFound extends Exception {
        BackendNotFound(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
