package dev.ecslabs.dashboard.classroom;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The grid as the classroom's page shows it, read from its HTML over real HTTP with an HTML parser:
 * each learner's row with the events received from them, whether their tool is connected, how many
 * exercises they have done, and each exercise's state.
 */
public record Grid(Map<String, Row> rows, Document page) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * One learner's row.
     *
     * @param done the Done column: "1/5"
     */
    public record Row(long received, boolean connected, String done, Map<String, String> states) {
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
        Document page = Jsoup.parse(html);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Element row : page.select("table#grid > tbody > tr[data-learner]")) {
            Map<String, String> states = new LinkedHashMap<>();
            for (Element cell : row.select("> td.cell[data-exercise]")) {
                states.put(cell.attr("data-exercise"), cell.attr("data-state"));
            }
            rows.put(row.attr("data-learner"), new Row(Long.parseLong(row.attr("data-received")),
                    Boolean.parseBoolean(row.attr("data-connected")), row.select("> td.done").text(), states));
        }
        return new Grid(rows, page);
    }

    public Row row(String learner) {
        Row row = rows.get(learner);
        if (row == null) {
            throw new AssertionError("No row for " + learner + " in the grid; rows: " + rows.keySet());
        }
        return row;
    }
}
