package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.state.StateStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;

/**
 * A real DNS server for Cloud Map's DNS namespaces, on UDP and TCP of one local port, so that
 * {@code dig @127.0.0.1 -p 5353 backend.lab.local} and any Java resolver see what Route 53 would
 * answer. Answers come from {@link DnsAnswers}; the wire format is dnsjava's.
 */
public final class CloudMapDnsServer implements AutoCloseable {
    /** A UDP answer may be this long unless the query's EDNS record allows more (RFC 1035, RFC 6891). */
    static final int CLASSIC_UDP_SIZE = 512;
    private static final int UDP_THREADS = 2;
    private static final int TCP_THREADS = 4;
    private static final int TCP_IDLE_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(CloudMapDnsServer.class);

    private final DnsAnswers answers;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService threads;
    private volatile boolean closed;

    private CloudMapDnsServer(DnsAnswers answers, DatagramSocket udp, ServerSocket tcp) {
        this.answers = answers;
        this.udp = udp;
        this.tcp = tcp;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(UDP_THREADS + 1 + TCP_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "cloudmap-dns-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < UDP_THREADS; i++) {
            threads.execute(this::serveUdp);
        }
        threads.execute(this::acceptTcp);
    }

    /** Starts answering on UDP and TCP port {@code port} of {@code host}; port 0 picks a port free for both. */
    public static CloudMapDnsServer start(String host, int port, StateStore store) {
        try {
            InetAddress address = InetAddress.getByName(host);
            for (int attempt = 0; ; attempt++) {
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port));
                try {
                    ServerSocket tcp = new ServerSocket();
                    tcp.bind(new InetSocketAddress(address, udp.getLocalPort()));
                    return new CloudMapDnsServer(new DnsAnswers(store), udp, tcp);
                } catch (BindException e) {
                    udp.close();
                    if (port != 0 || attempt == 10) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The Cloud Map DNS server cannot listen on " + host + ":" + port, e);
        }
    }

    /**
     * Whether this server could listen on UDP and TCP port {@code port} of {@code host} now; port 0
     * always can. Port 5353 is often held by the system's mDNS responder (avahi, mDNSResponder), so
     * a caller that picks a port by default asks first, to start without DNS rather than not at all.
     */
    public static boolean canListen(String host, int port) {
        if (port == 0) {
            return true;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port));
                 ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(address, port));
                return udp.isBound() && tcp.isBound();
            }
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return udp.getLocalPort();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65_535];
        while (!closed) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                Message query = parse(buffer, packet.getLength());
                if (query == null) {
                    continue;
                }
                byte[] answer = answers.answer(query).toWire(udpLimit(query));
                udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException | RuntimeException e) {
                LOG.warn("The Cloud Map DNS server could not answer a UDP query", e);
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            try {
                Socket connection = tcp.accept();
                threads.execute(() -> serveTcp(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** DNS over TCP: each message is preceded by its length in two bytes (RFC 1035 4.2.2); a connection may carry several. */
    private void serveTcp(Socket connection) {
        try (connection) {
            connection.setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (!closed) {
                int length = in.readUnsignedShort();
                byte[] bytes = in.readNBytes(length);
                Message query = parse(bytes, bytes.length);
                if (query == null) {
                    return;
                }
                byte[] answer = answers.answer(query).toWire();
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            // the client closed the connection or went quiet
        } catch (IOException | RuntimeException e) {
            LOG.warn("The Cloud Map DNS server could not answer a TCP query", e);
        }
    }

    /** A query that cannot be parsed gets no answer. */
    private static Message parse(byte[] buffer, int length) {
        byte[] bytes = Arrays.copyOf(buffer, length);
        try {
            return new Message(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static int udpLimit(Message query) {
        OPTRecord opt = query.getOPT();
        return opt == null ? CLASSIC_UDP_SIZE : Math.max(CLASSIC_UDP_SIZE, opt.getPayloadSize());
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("Closing the DNS server's TCP socket failed", e);
        }
        threads.shutdownNow();
    }
}
