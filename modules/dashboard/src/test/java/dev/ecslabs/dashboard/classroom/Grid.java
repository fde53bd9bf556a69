package dev.ecslabs.dashboard.classroom;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grid as the classroom's page shows it, read from its HTML over real HTTP: each learner's row
 * with the events received from them and each exercise's state.
 */
public record Grid(Map<String, Row> rows, String html) {
    private static final Pattern ROW = Pattern.compile("<tr data-learner=\"([^\"]*)\" data-received=\"(\\d+)\"[^>]*>(.*?)</tr>");
    private static final Pattern CELL = Pattern.compile("data-exercise=\"([^\"]+)\" data-state=\"([A-Z_]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One learner's row. */
    public record Row(long received, Map<String, String> states) {
        public String state(String exercise) {
            return states.getOrDefault(exercise, "MISSING");
        }
    }

    public static Grid read(URI classroom) {
        try {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(classroom.resolve("/fragments/grid")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new AssertionError("The grid answered " + page.statusCode() + ": " + page.body());
            }
            return parse(page.body());
        } catch (IOException e) {
            throw new AssertionError("The grid could not be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static Grid parse(String html) {
        Map<String, Row> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Map<String, String> states = new LinkedHashMap<>();
            Matcher cell = CELL.matcher(row.group(3));
            while (cell.find()) {
                states.put(cell.group(1), cell.group(2));
            }
            rows.put(row.group(1), new Row(Long.parseLong(row.group(2)), states));
        }
        return new Grid(rows, html);
    }

    public Row row(String learner) {
        Row row = rows.get(learner);
        if (row == null) {
            throw new AssertionError("No row for " + learner + " in the grid; rows: " + rows.keySet());
        }
        return row;
    }
}
