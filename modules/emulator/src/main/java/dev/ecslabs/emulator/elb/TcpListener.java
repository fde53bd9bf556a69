package dev.ecslabs.emulator.elb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Network Load Balancer's TCP listener on a local port of this machine: as NLB routes at the
 * connection level (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/introduction.html),
 * each accepted connection is given to one target of the listener's target group (round robin over
 * the healthy ones, over all when none is healthy, as an NLB fails open) and its bytes are relayed
 * both ways unchanged until either side closes: no HTTP, no {@code X-Forwarded-*} headers. A
 * connection for which no target can be found is closed at once, as an NLB resets it. A simulated
 * target answers the one HTTP request its web server would.
 */
final class TcpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    /** The default rule of a TCP listener has no conditions: any request matches it. */
    private static final RuleMatcher.Request CONNECTION = new RuleMatcher.Request("", null, "/", Map.of(), Map.of(), "");

    private final String listenerArn;
    private final RouteTable routes;
    private final TargetLocator locator;
    private final ExecutorService relays;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Told when a connection opens and closes: the clock does not jump while one is open. */
    private final Runnable opened;
    private final Runnable closed;

    TcpListener(String host, String listenerArn, RouteTable routes, TargetLocator locator, ExecutorService relays,
                Runnable opened, Runnable closed) throws IOException {
        this.listenerArn = listenerArn;
        this.routes = routes;
        this.locator = locator;
        this.relays = relays;
        this.opened = opened;
        this.closed = closed;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(host, 0), 128);
        Thread acceptor = new Thread(this::accept, "nlb-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int localPort() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                try {
                    relays.execute(() -> serve(client));
                } catch (RejectedExecutionException shuttingDown) {
                    quietly(client);
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debug("Listener {} could not accept a connection: {}", listenerArn, e.toString());
                }
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        opened.run();
        try (client) {
            client.setTcpNoDelay(true);
            ListenerRoute.Decision decision = routes.route(listenerArn, locator).decide(CONNECTION);
            if (decision instanceof ListenerRoute.Forward forward && forward.endpoint() instanceof TargetEndpoint.Local local) {
                relay(client, local.localPort());
            } else if (decision instanceof ListenerRoute.Forward forward
                    && forward.endpoint() instanceof TargetEndpoint.Simulated simulated) {
                answerAsWebServer(client, simulated);
            }
            // anything else (no target, nothing listening there): the connection is closed, as an NLB resets it
        } catch (IOException e) {
            LOG.debug("A connection to listener {} ended: {}", listenerArn, e.toString());
        } finally {
            open.remove(client);
            closed.run();
        }
    }

    /** Relays bytes both ways between the client and the target until one side closes. */
    private void relay(Socket client, int targetPort) throws IOException {
        try (Socket target = new Socket()) {
            target.setTcpNoDelay(true);
            target.connect(new InetSocketAddress("127.0.0.1", targetPort), 5_000);
            open.add(target);
            try {
                Thread upstream = new Thread(() -> copy(client, target), "nlb-relay-up");
                upstream.setDaemon(true);
                upstream.start();
                copy(target, client);
                upstream.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.remove(target);
            }
        }
    }

    /** Copies until {@code from} ends, then half-closes {@code to}, so that the other direction may still finish. */
    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (SocketException closedMeanwhile) {
            quietly(to); // one side reset or closed: the relay ends
        } catch (IOException e) {
            quietly(to);
        }
    }

    /** A simulated web server's answer to the first request on the connection, then the connection closes. */
    private static void answerAsWebServer(Socket client, TargetEndpoint.Simulated simulated) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
        String requestLine = reader.readLine();
        if (requestLine == null) {
            return;
        }
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            // the headers are read and dropped: the simulated server answers by path alone
        }
        String[] parts = requestLine.split(" ");
        TargetEndpoint.SimulatedAnswer answer = simulated.answer(parts.length > 1 ? parts[1] : "/");
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + answer.status() + (answer.status() == 200 ? " OK" : " Not Found") + "\r\n"
                + "Content-Type: text/html\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!parts[0].equals("HEAD")) {
            out.write(body);
        }
        out.flush();
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // a socket nobody will use again
        }
    }

    @Override
    public void close() {
        quietly(server);
        open.forEach(TcpListener::quietly);
    }

    private static void quietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a listener that goes away
        }
    }
}
