package dev.ecslabs.dashboard.classroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./lab classroom rename|merge|remove}: the instructor's corrections to the grid's rows, sent
 * to the classroom running on this machine (as the page's form sends them).
 */
abstract class RowsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--port", description = "The running classroom's port (default: ${DEFAULT-VALUE}).")
    int port = 7080;

    @Spec
    CommandSpec spec;

    abstract String action();

    abstract String name();

    String other() {
        return null;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI classroom = URI.create("http://127.0.0.1:" + port);
        StringBuilder form = new StringBuilder("action=").append(action()).append("&name=").append(encode(name()));
        if (other() != null) {
            form.append("&other=").append(encode(other()));
        }
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                    HttpRequest.newBuilder(classroom.resolve("/admin/rows")).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "application/json").header("Origin", classroom.toString())
                            .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            String message = message(answer.body(), "The classroom answered " + answer.statusCode() + ".");
            (answer.statusCode() == 200 ? out : err).println(message);
            return answer.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            err.println("No classroom answers on port " + port + " of this machine (" + e.getClass().getSimpleName()
                    + "): start it with ./lab classroom, or give its port with --port.");
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String message(String body, String otherwise) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.hasNonNull("message") ? json.get("message").asText() : otherwise;
        } catch (IOException e) {
            return otherwise;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code ./lab classroom rename OLD NEW}. */
    @Command(name = "rename", description = "Give a learner's row another name; their tool keeps writing to it.")
    static final class Rename extends RowsCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The row's name now.")
        String from;

        @Parameters(index = "1", paramLabel = "NEW_NAME", description = "Its new name.")
        String to;

        @Override
        String action() {
            return "rename";
        }

        @Override
        String name() {
            return from;
        }

        @Override
        String other() {
            return to;
        }
    }

    /** {@code ./lab classroom merge FROM INTO}. */
    @Command(name = "merge", description = "Merge one learner's row into another (one learner, two rows): results "
            + "together, and both of their tools write to the one row from now on.")
    static final class Merge extends RowsCommand {
        @Parameters(index = "0", paramLabel = "FROM", description = "The row that goes away.")
        String from;

        @Parameters(index = "1", paramLabel = "INTO", description = "The row that stays.")
        String into;

        @Override
        String action() {
            return "merge";
        }

        @Override
        String name() {
            return from;
        }

        @Override
        String other() {
            return into;
        }
    }

    /** {@code ./lab classroom remove NAME}. */
    @Command(name = "remove", description = "Remove a learner's row (a test, a duplicate). A tool that still runs "
            + "joins again as a new row.")
    static final class Remove extends RowsCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The row's name.")
        String row;

        @Override
        String action() {
            return "remove";
        }

        @Override
        String name() {
            return row;
        }
    }
}
