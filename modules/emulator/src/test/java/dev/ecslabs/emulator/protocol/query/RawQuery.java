package dev.ecslabs.emulator.protocol.query;

import dev.ecslabs.emulator.Emulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * Sends AWS Query form bodies byte for byte, as no SDK would, signed (in name only: the emulator reads
 * the credential scope and checks no signature) for one signing name: for tests of what the emulator
 * answers to input a client should never send.
 */
final class RawQuery {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI url;

    RawQuery(Emulator emulator) {
        this.url = URI.create(emulator.url() + "/");
    }

    /** What the emulator answered, its body parsed as XML (a body that is not XML fails the test). */
    record Answer(int status, String body, String requestId, String contentType) {
        Document xml() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("The answer is not well-formed XML: " + body, e);
            }
        }

        String text(String element) {
            return xml().getElementsByTagName(element).getLength() == 0 ? null
                    : xml().getElementsByTagName(element).item(0).getTextContent();
        }

        String code() {
            return text("Code");
        }
    }

    Answer post(String signingName, String form) {
        return post(signingName, form.getBytes(StandardCharsets.UTF_8));
    }

    Answer post(String signingName, byte[] form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form));
        if (signingName != null) {
            request.header("Authorization", "AWS4-HMAC-SHA256 Credential=111111111111/20261203/us-east-1/"
                    + signingName + "/aws4_request, SignedHeaders=host, Signature=0");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue(Emulator.REQUEST_ID_HEADER).orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
