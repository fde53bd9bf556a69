package dev.ecslabs.dashboard.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays a failure's text out for a terminal: every line of it, none cut off, long lines wrapped at
 * spaces to {@value #WIDTH} columns, each under the same indent.
 */
public final class FailureLines {
    /** Wide enough for a URL or an ARN on one line, narrow enough for a laptop's terminal. */
    static final int WIDTH = 100;

    private FailureLines() {
    }

    public static List<String> wrap(String text, String indent) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return lines;
        }
        int room = Math.max(40, WIDTH - indent.length());
        for (String line : text.strip().split("\\R")) {
            String rest = line.stripTrailing();
            // a wrapped line keeps its own leading spaces, so AssertJ's aligned "expected:"/"but was:" stay aligned
            String own = rest.substring(0, rest.length() - rest.stripLeading().length());
            boolean first = true;
            while (rest.length() > room) {
                int lead = rest.length() - rest.stripLeading().length();
                int cut = rest.lastIndexOf(' ', room);
                if (cut <= lead) {
                    cut = room; // one word longer than the line (an ARN, a URL): cut it
                }
                lines.add(indent + rest.substring(0, cut).stripTrailing());
                rest = own + "  " + rest.substring(cut).strip();
                first = false;
            }
            if (first || !rest.isBlank()) {
                lines.add(indent + rest);
            }
        }
        return lines;
    }
}
