package dev.ecslabs.dashboard.web;

import java.util.Map;

/**
 * Makes a guide's code blocks fit its column without scrolling sideways: a drawing (box-drawing
 * characters, arrows) must keep its lines, so it is marked {@code diagram} with its widest line's
 * length, and the stylesheet scales its font to fit; code is marked {@code code} and wraps.
 */
final class CodeBlocks {
    private CodeBlocks() {
    }

    static void mark(String literal, Map<String, String> attributes) {
        if (isDrawing(literal)) {
            attributes.put("class", "diagram");
            attributes.put("style", "--cols:" + widestLine(literal));
        } else {
            attributes.put("class", "code");
        }
    }

    /** Box-drawing (U+2500–U+257F), block and shape characters (U+2580–U+25FF) or arrows (U+2190–U+21FF). */
    static boolean isDrawing(String text) {
        return text.codePoints().anyMatch(c -> (c >= 0x2500 && c <= 0x25FF) || (c >= 0x2190 && c <= 0x21FF));
    }

    static int widestLine(String text) {
        int widest = 1;
        for (String line : text.split("\n", -1)) {
            widest = Math.max(widest, line.codePointCount(0, line.length()));
        }
        return widest;
    }
}
