package dev.ecslabs.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/** Plain HTTP calls to the emulator's registry, with the Basic credentials GetAuthorizationToken gives. */
public final class RegistryHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;
    private final String authorization;

    public RegistryHttp(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** A client logged in with a fresh token of the ECR client's account. */
    public static RegistryHttp loggedIn(Emulator emulator, EcrClient ecr) {
        AuthorizationData data = ecr.getAuthorizationToken().authorizationData().get(0);
        return new RegistryHttp(emulator.url(), "Basic " + data.authorizationToken());
    }

    public static RegistryHttp anonymous(Emulator emulator) {
        return new RegistryHttp(emulator.url(), null);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The Authorization header this client sends. */
    public String authorization() {
        return authorization;
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    public HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<byte[]> head(String path) {
        return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<byte[]> post(String path, byte[] body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<byte[]> put(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public HttpResponse<byte[]> patch(String path, byte[] body, String contentRange) {
        HttpRequest.Builder request = request(path).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream");
        if (contentRange != null) {
            request.header("Content-Range", contentRange);
        }
        return send(request);
    }

    public HttpResponse<byte[]> delete(String path) {
        return send(request(path).DELETE());
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
