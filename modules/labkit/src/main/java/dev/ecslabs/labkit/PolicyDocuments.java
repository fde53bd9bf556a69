package dev.ecslabs.labkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** IAM policy documents as IAM returns them (URL-encoded JSON), read into statements for the labs' checks. */
public final class PolicyDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /** The statements of a policy document, each as JSON; a lone statement object counts as a list of one, as IAM reads it. */
    public static List<JsonNode> statements(String encodedDocument) {
        try {
            JsonNode statement = JSON.readTree(URLDecoder.decode(encodedDocument, StandardCharsets.UTF_8)).path("Statement");
            List<JsonNode> all = new ArrayList<>();
            if (statement.isArray()) {
                statement.forEach(all::add);
            } else if (statement.isObject()) {
                all.add(statement);
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("The policy document is not JSON: " + encodedDocument, e);
        }
    }

    /** A policy element that is one string or a list of them ("Action": "x" or ["x", "y"]), as a list. */
    public static List<String> strings(JsonNode element) {
        List<String> all = new ArrayList<>();
        if (element.isArray()) {
            element.forEach(e -> all.add(e.asText()));
        } else if (!element.isMissingNode() && !element.isNull()) {
            all.add(element.asText());
        }
        return all;
    }
}
