package dev.ecslabs.emulator.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Pagination as AWS's List actions do it: at most {@code maxResults} items per page and an opaque
 * {@code nextToken} for the rest. The token names the first item of the next page by its key, so
 * a page never repeats or skips an item when others are created or deleted in between.
 */
public final class Pages {
    private Pages() {
    }

    /** One page of results and the token for the next, {@code null} on the last page. */
    public record Page<T>(List<T> items, String nextToken) {
    }

    /**
     * @param sortedItems every item, sorted by {@code key}
     * @param maxResults  what the caller asked for, or {@code null} for {@code defaultMax}
     * @param limit       the largest {@code maxResults} the action accepts
     * @param errorCode   the service's code for a bad {@code maxResults} or {@code nextToken}
     */
    public static <T> Page<T> page(List<T> sortedItems, Function<T, String> key, String nextToken, Integer maxResults,
                                   int defaultMax, int limit, String errorCode) {
        if (maxResults != null && (maxResults < 1 || maxResults > limit)) {
            throw new AwsException(errorCode, "maxResults must be between 1 and " + limit + ", not " + maxResults + ".");
        }
        int size = maxResults == null ? defaultMax : maxResults;
        int start = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            String startKey = decode(nextToken, errorCode);
            while (start < sortedItems.size() && key.apply(sortedItems.get(start)).compareTo(startKey) < 0) {
                start++;
            }
        }
        int end = Math.min(sortedItems.size(), start + size);
        String next = end < sortedItems.size() ? encode(key.apply(sortedItems.get(end))) : null;
        return new Page<>(List.copyOf(sortedItems.subList(start, end)), next);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, String errorCode) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("v1:")) {
                return decoded.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new AwsException(errorCode, "The nextToken is not one this API returned. Pass the nextToken of the "
                + "previous page unchanged, or leave it out to start from the first page.");
    }
}
