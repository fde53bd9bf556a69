package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.state.AccountRegion;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Health checks on the emulator's clock, as the ALB guide describes them
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html):
 * every {@code HealthCheckIntervalSeconds} each target of a target group a load balancer uses is
 * sent a GET of the health check path (a TCP connect for a TCP check); a newly registered target must
 * pass one check to be healthy; {@code UnhealthyThresholdCount} failures in a row make it unhealthy
 * ({@code Target.ResponseCodeMismatch}, {@code Target.Timeout}, {@code Target.FailedHealthChecks}),
 * {@code HealthyThresholdCount} passes in a row healthy again. A real process is asked over HTTP off
 * the account-region's lock, its answer applied under it; a simulated one answers at once.
 */
public final class TargetHealthChecks {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final TargetLocator locator;
    /** Told when a target turns healthy or unhealthy: a service counts or replaces its task. */
    private volatile HealthListener listener = (region, groupArn, target) -> { };

    /** Hears targets turning healthy or unhealthy (the target's new {@code state}), under the account-region's lock. */
    @FunctionalInterface
    public interface HealthListener {
        void healthChanged(AccountRegion region, String targetGroupArn, RegisteredTarget target);
    }

    void onHealthChanged(HealthListener listener) {
        this.listener = listener;
    }
    /** The target groups with a check scheduled, per account-region: one chain of checks each. */
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

    public TargetHealthChecks(TargetLocator locator) {
        this.locator = locator;
    }

    TargetLocator locator() {
        return locator;
    }

    /** Starts the chain of checks of a target group unless it runs; the first check comes at once. */
    void ensureChecking(AccountRegion region, String targetGroupArn) {
        if (scheduled.add(key(region, targetGroupArn))) {
            region.schedule(Duration.ZERO, () -> check(region, targetGroupArn));
        }
    }

    private static String key(AccountRegion region, String arn) {
        return region.accountId() + " " + arn;
    }

    /** One round of checks; schedules the next unless the target group is gone. */
    private void check(AccountRegion region, String arn) {
        TargetGroups groups = TargetGroups.of(region);
        var found = groups.find(arn);
        if (found.isEmpty()) {
            scheduled.remove(key(region, arn));
            return;
        }
        TargetGroup group = found.get().targetGroup();
        region.schedule(Duration.ofSeconds(group.healthCheckIntervalSeconds()), () -> check(region, arn));
        for (RegisteredTarget target : found.get().targets()) {
            if (target.state().equals(RegisteredTarget.DRAINING) || target.state().equals(RegisteredTarget.UNUSED)) {
                continue;
            }
            if (!Boolean.TRUE.equals(group.healthCheckEnabled())) {
                apply(region, arn, target, Outcome.PASS, listener);
                continue;
            }
            int port = "traffic-port".equals(group.healthCheckPort()) ? target.port() : Integer.parseInt(group.healthCheckPort());
            TargetEndpoint endpoint = locator.locate(region, target.id(), port);
            probe(group, endpoint).whenComplete((outcome, failure) -> {
                Outcome result = failure != null ? Outcome.failed("Target.FailedHealthChecks", "Health checks failed") : outcome;
                region.locked(() -> apply(region, arn, target, result, listener));
            });
        }
    }

    /** What one health check found: a pass, or AWS's reason code and description of the failure. */
    record Outcome(boolean passed, String reason, String description) {
        static final Outcome PASS = new Outcome(true, null, null);

        static Outcome failed(String reason, String description) {
            return new Outcome(false, reason, description);
        }
    }

    static CompletableFuture<Outcome> probe(TargetGroup group, TargetEndpoint endpoint) {
        boolean http = group.healthCheckProtocolAsString().startsWith("HTTP");
        HealthCheckMatcher matcher = http ? HealthCheckMatcher.parse(group.matcher() == null ? "200" : group.matcher().httpCode()) : null;
        if (endpoint instanceof TargetEndpoint.Nothing) {
            return CompletableFuture.completedFuture(Outcome.failed("Target.FailedHealthChecks", "Health checks failed"));
        }
        if (endpoint instanceof TargetEndpoint.Simulated simulated) {
            if (!http) {
                return CompletableFuture.completedFuture(Outcome.PASS);
            }
            return CompletableFuture.completedFuture(judge(matcher, simulated.answer(group.healthCheckPath()).status()));
        }
        int localPort = ((TargetEndpoint.Local) endpoint).localPort();
        if (!http) {
            return CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", localPort), group.healthCheckTimeoutSeconds() * 1000);
                    return Outcome.PASS;
                } catch (IOException e) {
                    return Outcome.failed("Target.FailedHealthChecks", "Health checks failed");
                }
            });
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + group.healthCheckPath()))
                .timeout(Duration.ofSeconds(group.healthCheckTimeoutSeconds()))
                .header("User-Agent", "ELB-HealthChecker/2.0").GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> judge(matcher, response.statusCode()))
                .exceptionally(e -> e.getCause() instanceof HttpTimeoutException
                        ? Outcome.failed("Target.Timeout", "Request timed out")
                        : e.getCause() instanceof ConnectException
                        ? Outcome.failed("Target.FailedHealthChecks", "Health checks failed")
                        : Outcome.failed("Target.FailedHealthChecks", "Health checks failed"));
    }

    private static Outcome judge(HealthCheckMatcher matcher, int status) {
        return matcher.matches(status) ? Outcome.PASS
                : Outcome.failed("Target.ResponseCodeMismatch", "Health checks failed with these codes: [" + status + "]");
    }

    /** Counts one check of a target, still registered as it was, against the thresholds. */
    private static void apply(AccountRegion region, String arn, RegisteredTarget checked, Outcome outcome,
                              HealthListener listener) {
        TargetGroups groups = TargetGroups.of(region);
        var found = groups.find(arn);
        if (found.isEmpty()) {
            return;
        }
        TargetGroup group = found.get().targetGroup();
        List<RegisteredTarget> targets = new ArrayList<>(found.get().targets());
        List<RegisteredTarget> turned = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            RegisteredTarget target = targets.get(i);
            if (!target.is(checked.id(), checked.port()) || target.state().equals(RegisteredTarget.DRAINING)
                    || target.state().equals(RegisteredTarget.UNUSED)) {
                continue;
            }
            RegisteredTarget after = next(group, target, outcome);
            targets.set(i, after);
            if (!after.state().equals(target.state())) {
                turned.add(after);
            }
        }
        groups.putByClock(found.get().withTargets(targets));
        turned.forEach(target -> listener.healthChanged(region, arn, target));
    }

    static RegisteredTarget next(TargetGroup group, RegisteredTarget target, Outcome outcome) {
        if (outcome.passed()) {
            int passes = target.passes() + 1;
            boolean healthy = target.state().equals(RegisteredTarget.HEALTHY)
                    || target.state().equals(RegisteredTarget.INITIAL) // a new target must pass one check
                    || passes >= group.healthyThresholdCount();
            return healthy ? target.withHealth(RegisteredTarget.HEALTHY, null, null, passes, 0)
                    : target.withHealth(target.state(), target.reason(), target.description(), passes, 0);
        }
        int failures = target.failures() + 1;
        if (failures >= group.unhealthyThresholdCount() || target.state().equals(RegisteredTarget.UNHEALTHY)) {
            return target.withHealth(RegisteredTarget.UNHEALTHY, outcome.reason(), outcome.description(), 0, failures);
        }
        return target.withHealth(target.state(), target.reason(), target.description(), 0, failures);
    }
}
