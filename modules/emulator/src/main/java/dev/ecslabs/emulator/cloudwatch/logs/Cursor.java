package dev.ecslabs.emulator.cloudwatch.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Paging by key in any order (ascending or descending): the token names the first item of the
 * next page by its sort key, so a page neither repeats nor skips an item when others come or go.
 */
final class Cursor {
    private Cursor() {
    }

    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(List<T> items, Function<T, String> key, Comparator<String> order, String token,
                            Integer limit, int defaultLimit) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(key, order));
        int size = limit == null ? defaultLimit : limit;
        int start = 0;
        if (token != null && !token.isEmpty()) {
            String from = decode(token);
            while (start < sorted.size() && order.compare(key.apply(sorted.get(start)), from) < 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + size);
        String next = end < sorted.size() ? encode(key.apply(sorted.get(end))) : null;
        return new Page<>(List.copyOf(sorted.subList(start, end)), next);
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("c1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("c1:")) {
                return decoded.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw LogsErrors.invalidParameter("The nextToken '" + token + "' is not one this API returned: pass the nextToken "
                + "of the previous page unchanged, or leave it out to start from the first page.");
    }
}
