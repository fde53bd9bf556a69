package dev.ecslabs.dashboard.html;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Writing the dashboard's HTML by hand, safely: escaping, the page frame, and small shared pieces. */
public final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Html() {
    }

    /** Escapes text for an element's content or a quoted attribute. */
    public static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A date and time as the pages show it (the templates' {@code html/time.jte}). */
    public static String dateTime(Instant at) {
        return TIME.format(at);
    }

    /** A time of day as the pages show it (the templates' {@code html/clock.jte}). */
    public static String timeOfDay(Instant at) {
        return CLOCK.format(at);
    }

    public static String time(Instant at) {
        return at == null ? "" : "<time datetime=\"" + at + "\">" + TIME.format(at) + "</time>";
    }

    /** A time of day, for the resources page's timelines. */
    public static String clock(Instant at) {
        return at == null ? "" : "<time datetime=\"" + at + "\">" + CLOCK.format(at) + "</time>";
    }

    /** A progress bar with its count: {@code <progress>} reads well without any script or picture. */
    public static String progress(long done, long total, String label) {
        return "<div class=\"progress\"><progress max=\"" + Math.max(total, 1) + "\" value=\"" + done + "\" aria-label=\""
                + escape(label) + "\"></progress><span class=\"count\">" + done + "/" + total + "</span></div>";
    }

    /**
     * The frame of every page: the title, the navigation, where the backend is, and the one
     * script that keeps a page live ({@code data-live} names the fragment it refreshes).
     */
    public static String page(String title, String backend, String body) {
        return frame(title, "<a href=\"/\">Course</a><a href=\"/resources\">Resources</a>", backend, body);
    }

    /** The same frame with other navigation links (HTML, already escaped) and note, for the classroom's pages. */
    public static String frame(String title, String nav, String note, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · ECS Labs</title>"
                + "<link rel=\"stylesheet\" href=\"/static/dashboard.css\">"
                + "<script src=\"/static/dashboard.js\" defer></script></head><body>"
                + "<header><a class=\"brand\" href=\"/\">ECS Labs</a><nav>" + nav + "</nav>"
                + "<span class=\"backend\">" + escape(note) + "</span></header>"
                + "<main>" + body + "</main></body></html>";
    }
}
