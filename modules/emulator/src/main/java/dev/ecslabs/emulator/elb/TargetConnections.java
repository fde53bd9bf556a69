package dev.ecslabs.emulator.elb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Kept-alive HTTP/1.1 connections from the data plane to the targets' local ports, pooled per port
 * as an ALB keeps connections to its targets open between requests: a request takes an idle
 * connection of its target or opens one, and gives it back once the answer was read in full. A
 * kept-alive connection the target closed meanwhile is noticed before anything was answered on it,
 * and the request is sent again on a new one.
 */
final class TargetConnections implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};
    private final Map<Integer, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private volatile boolean closed;

    /** A target's answer: its status, its headers in order (as name, value pairs) and its body. */
    record Answer(int status, List<String[]> headers, byte[] body) {
    }

    TargetConnections(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutMillis = (int) readTimeout.toMillis();
    }

    /**
     * Sends one request to 127.0.0.1:{@code port} and reads the answer. Throws
     * {@link java.net.ConnectException} when nothing listens there and
     * {@link java.net.SocketTimeoutException} when the target does not answer in the read timeout.
     */
    Answer send(int port, String method, String target, List<String[]> headers, byte[] body) throws IOException {
        Connection reused = idle.getOrDefault(port, EMPTY).pollFirst();
        if (reused != null) {
            try {
                return finish(port, reused, reused.exchange(port, method, target, headers, body));
            } catch (StaleConnection stale) {
                reused.close(); // the target closed it while it was idle: a new connection gets the request
            } catch (IOException e) {
                reused.close();
                throw e;
            }
        }
        Connection fresh = new Connection(port, connectTimeoutMillis, readTimeoutMillis);
        try {
            return finish(port, fresh, fresh.exchange(port, method, target, headers, body));
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
    }

    private static final Deque<Connection> EMPTY = new ConcurrentLinkedDeque<>();

    private Answer finish(int port, Connection connection, Exchanged exchanged) {
        if (exchanged.keepAlive() && !closed) {
            idle.computeIfAbsent(port, p -> new ConcurrentLinkedDeque<>()).offerFirst(connection);
        } else {
            connection.close();
        }
        return exchanged.answer();
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(connections -> connections.forEach(Connection::close));
        idle.clear();
    }

    private record Exchanged(Answer answer, boolean keepAlive) {
    }

    /** A kept-alive connection that turned out closed before any byte of an answer came. */
    private static final class StaleConnection extends IOException {
        StaleConnection(String message) {
            super(message);
        }
    }

    /** One connection to a target, used by one request at a time. */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(int port, int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
            socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), connectTimeoutMillis);
                socket.setSoTimeout(readTimeoutMillis);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        Exchanged exchange(int port, String method, String target, List<String[]> headers, byte[] body) throws IOException {
            try {
                writeLine(method + " " + target + " HTTP/1.1");
                writeLine("Host: 127.0.0.1:" + port);
                for (String[] header : headers) {
                    writeLine(header[0] + ": " + header[1]);
                }
                if (body.length > 0 || !(method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")
                        || method.equals("OPTIONS"))) {
                    writeLine("Content-Length: " + body.length);
                }
                out.write(CRLF);
                out.write(body);
                out.flush();
            } catch (java.net.SocketException broken) {
                throw new StaleConnection("the connection broke while the request was sent: " + broken.getMessage());
            }

            String statusLine = readLine(true);
            int status = status(statusLine);
            List<String[]> answerHeaders = readHeaders();
            while (status >= 100 && status < 200 && status != 101) { // interim answers (100 Continue) precede the real one
                status = status(readLine(false));
                answerHeaders = readHeaders();
            }
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            String connection = header(answerHeaders, "connection");
            boolean keepAlive = http10 ? "keep-alive".equalsIgnoreCase(connection) : !"close".equalsIgnoreCase(connection);
            byte[] answerBody;
            String length = header(answerHeaders, "content-length");
            if (method.equals("HEAD") || status == 204 || status == 304 || (status >= 100 && status < 200)) {
                answerBody = new byte[0];
            } else if ("chunked".equalsIgnoreCase(header(answerHeaders, "transfer-encoding"))) {
                answerBody = readChunked();
            } else if (length != null) {
                answerBody = in.readNBytes(Integer.parseInt(length.trim()));
                if (answerBody.length < Integer.parseInt(length.trim())) {
                    throw new EOFException("the target closed the connection in the middle of its answer");
                }
            } else {
                answerBody = in.readAllBytes(); // the body ends when the target closes the connection
                keepAlive = false;
            }
            return new Exchanged(new Answer(status, answerHeaders, answerBody), keepAlive);
        }

        private static int status(String statusLine) throws IOException {
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("the target answered something that is not HTTP/1.x: " + statusLine);
            }
            try {
                return Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("the target answered a status line without a status code: " + statusLine, e);
            }
        }

        private static String header(List<String[]> headers, String lowerCaseName) {
            for (String[] header : headers) {
                if (header[0].toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
                    return header[1];
                }
            }
            return null;
        }

        private List<String[]> readHeaders() throws IOException {
            List<String[]> headers = new ArrayList<>();
            for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
                }
            }
            return headers;
        }

        private byte[] readChunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(false);
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (!readLine(false).isEmpty()) {
                        // trailers are dropped, as hop-by-hop framing
                    }
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size) {
                    throw new EOFException("the target closed the connection in the middle of a chunk");
                }
                body.write(chunk);
                readLine(false);
            }
        }

        /** One line without its CRLF; {@code first}: the answer's first line, where an end of stream means a stale connection. */
        private String readLine(boolean first) throws IOException {
            StringBuilder line = new StringBuilder(64);
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketException reset) {
                if (first) {
                    throw new StaleConnection("the target reset the kept-alive connection: " + reset.getMessage());
                }
                throw reset;
            }
            if (b < 0) {
                if (first) {
                    throw new StaleConnection("the target closed the kept-alive connection");
                }
                throw new EOFException("the target closed the connection in the middle of its answer");
            }
            while (b >= 0 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
                b = in.read();
            }
            return line.toString();
        }

        private void writeLine(String line) throws IOException {
            out.write(line.getBytes(StandardCharsets.ISO_8859_1));
            out.write(CRLF);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection nobody will use again: nothing to do about a failure
            }
        }
    }
}
