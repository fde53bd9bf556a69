package dev.ecslabs.dashboard.classroom.room;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The classroom's API and live fragment over real HTTP, as a learner's tool and the page call them. */
final class Api {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI classroom;

    Api(URI classroom) {
        this.classroom = classroom;
    }

    HttpResponse<String> join(String name, String code, String secret) {
        return post("/api/join", "{\"code\":\"" + code + "\",\"name\":\"" + name.replace("\"", "\\\"") + "\",\"secret\":\""
                + secret + "\"}", Map.of());
    }

    HttpResponse<String> events(String code, String secret, String... events) {
        return post("/api/events", "{\"events\":[" + String.join(",", events) + "]}",
                Map.of("X-Classroom-Code", code, "Authorization", "Bearer " + secret));
    }

    static String event(long seq, String exercise, String status) {
        return event(seq, exercise, status, Instant.now());
    }

    static String event(long seq, String exercise, String status, Instant at) {
        return "{\"seq\":" + seq + ",\"exercise\":\"" + exercise + "\",\"status\":\"" + status + "\",\"at\":\"" + at
                + "\",\"runner\":\"maven\"}";
    }

    /** The live part of the page, as the page reads it. */
    String fragment() {
        return get("/fragments/grid").body();
    }

    /** The live part, parsed. */
    Document board() {
        return Jsoup.parse(fragment());
    }

    /** The live part's section with this id ({@code stuck}, {@code not-connected}, {@code spots}, {@code refused}). */
    Element section(String id) {
        Document board = board();
        Element section = board.selectFirst("aside.side > section#" + id);
        if (section == null) {
            throw new AssertionError("No section " + id + " in " + board);
        }
        return section;
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(classroom.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(classroom.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
