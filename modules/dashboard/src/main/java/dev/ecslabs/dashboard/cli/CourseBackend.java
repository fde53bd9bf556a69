package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.resources.BackendConnection;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.cloudmap.CloudMapDnsServer;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.LabSettings;
import dev.ecslabs.labkit.LocalStack;
import java.net.URI;
import software.amazon.awssdk.core.exception.SdkException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The backend {@code ./lab start} serves the course on: the course's emulator (the default), a
 * LocalStack container, any AWS-compatible endpoint, or the learner's AWS account; and how to stop it.
 */
final class CourseBackend implements AutoCloseable {
    private final BackendConnection connection;
    private final AutoCloseable running;
    private final String note;
    private final String dns;

    private CourseBackend(BackendConnection connection, AutoCloseable running, String note, String dns) {
        this.connection = connection;
        this.running = running;
        this.note = note;
        this.dns = dns;
    }

    /**
     * The course's emulator on {@code host:port}, keeping the learner's resources in
     * {@code dataDirectory}, with Cloud Map's DNS server on {@code dnsPort} (UDP and TCP; 0 for any
     * free port, negative for none). A DNS port that is taken leaves DNS off with a sentence that
     * says so, instead of keeping the course from starting: 5353 is often the system's mDNS port.
     */
    static CourseBackend emulator(String host, int port, int dnsPort, Path dataDirectory) {
        Emulator.Builder builder = Emulator.builder().host(host).port(port).dataDirectory(dataDirectory)
                // a person watches this one at its speed; a lab check run against it asks it to jump (ClockJumps)
                .jumpsOnRequest(true);
        boolean dnsFree = dnsPort >= 0 && CloudMapDnsServer.canListen(host, dnsPort);
        if (dnsFree) {
            builder.dnsPort(dnsPort);
        }
        Emulator emulator = builder.start();
        String saved = emulator.persistence().map(p -> p.report()).orElse("");
        String dns;
        if (dnsFree) {
            String at = reachable(emulator.url()).getHost();
            dns = "Cloud Map DNS (UDP and TCP): " + at + ":" + emulator.dnsPort() + " (try: dig @" + at + " -p "
                    + emulator.dnsPort() + " <service>.<namespace>)";
        } else if (dnsPort >= 0) {
            dns = "Cloud Map DNS: off, port " + dnsPort + " is already in use (on many systems by the mDNS responder). "
                    + "Start with --dns-port 8053, or any free port, to have it.";
        } else {
            dns = "";
        }
        return new CourseBackend(BackendConnection.learnerAccount("the course's emulator", reachable(emulator.url())), emulator,
                saved, dns);
    }

    /**
     * A URL this machine can call: a server listening on every address ({@code --host 0.0.0.0})
     * is called on 127.0.0.1, since 0.0.0.0 is no address to call on every system.
     */
    static URI reachable(URI url) {
        String host = url.getHost();
        boolean wildcard = "0.0.0.0".equals(host) || "[::]".equals(host) || "[0:0:0:0:0:0:0:0]".equals(host);
        return wildcard ? URI.create(url.getScheme() + "://127.0.0.1:" + url.getPort()) : url;
    }

    /** An AWS-compatible endpoint that runs elsewhere: nothing to start or stop. */
    static CourseBackend endpoint(String endpoint) {
        URI uri = URI.create(endpoint);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--endpoint must be a URL such as http://localhost:4566, not '" + endpoint + "'.");
        }
        return new CourseBackend(BackendConnection.learnerAccount("the endpoint", uri), () -> { }, "", "");
    }

    /**
     * The learner's AWS account: nothing is started, the dashboard reads the account with the
     * credentials and Region the AWS CLI would use (the aws backend's, {@link Backend#aws(String)}).
     */
    static CourseBackend aws(Backend aws) {
        try {
            return new CourseBackend(BackendConnection.aws(aws), () -> { }, "", "");
        } catch (SdkException e) {
            throw new IllegalStateException("--backend aws could not find out which AWS account your credentials are "
                    + "(STS GetCallerIdentity in " + aws.region() + "): " + e.getMessage() + " Check that `aws sts "
                    + "get-caller-identity` answers in this terminal (AWS_PROFILE, aws sso login, AWS_REGION).", e);
        }
    }

    /** LocalStack in Docker, through labkit's LocalStack module: ECS, ECR and Cloud Map need its licensed image and a token. */
    static CourseBackend localstack() {
        LocalStack localStack = LocalStack.find()
                .orElseThrow(() -> new IllegalStateException(LocalStack.missing("--backend localstack")));
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("--backend localstack needs LOCALSTACK_AUTH_TOKEN: LocalStack serves ECS, ECR and "
                    + "Cloud Map only with a licence token. Set it, or start without --backend to use the course's emulator.");
        }
        if (localStack.unavailable().isPresent()) {
            throw new IllegalStateException("--backend localstack needs Docker, and no Docker engine answers here. "
                    + "Start Docker, or start without --backend to use the course's emulator.");
        }
        LocalStack.Running container = localStack.start(LabSettings.localstackImage(), token);
        return new CourseBackend(BackendConnection.learnerAccount("LocalStack", container.endpoint()), container,
                "LocalStack keeps nothing when it stops.", "");
    }

    BackendConnection connection() {
        return connection;
    }

    /** Where Cloud Map's DNS server answers, or why it doesn't; empty when there is nothing to say. */
    Optional<String> dns() {
        return dns.isBlank() ? Optional.empty() : Optional.of(dns);
    }

    /** What happened to the learner's saved resources, for the start-up message; empty when there is nothing to say. */
    Optional<String> note() {
        return note.isBlank() ? Optional.empty() : Optional.of(note);
    }

    @Override
    public void close() throws Exception {
        running.close();
    }
}
