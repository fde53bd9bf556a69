package dev.ecslabs.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The dashboard's server-sent events ({@code GET /events}): every open page listens, and hears
 * when the progress file changed, and each line of a running check. The classroom's grid page
 * listens to one of its own.
 */
public final class LiveEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Set<SseClient> clients = new CopyOnWriteArraySet<>();

    public void add(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        send(client, "hello", Map.of());
    }

    /** Sends an event with a JSON payload to every page. */
    public void broadcast(String event, Object payload) {
        for (SseClient client : clients) {
            send(client, event, payload);
        }
    }

    private void send(SseClient client, String event, Object payload) {
        try {
            String data = JSON.writeValueAsString(payload);
            // one client, one writer at a time: events from a check and the progress watcher may cross
            synchronized (client) {
                if (!client.terminated()) {
                    client.sendEvent(event, data);
                }
            }
        } catch (Exception e) {
            clients.remove(client);
        }
    }

    public int listeners() {
        return clients.size();
    }

    public void close() {
        clients.forEach(SseClient::close);
        clients.clear();
    }
}
