package dev.ecslabs.emulator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.elb.LoadBalancedWeb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The request-count loop on the clock the labs run on (jumping, 20 times real time): steady traffic
 * from a client thread through the load balancer's URL, not a hand-driven clock, scales the service
 * out; the traffic is client activity, so the clock does not jump over the minutes it fills.
 */
@EmulatorTest(account = "787878787878", clock = EmulatorTest.Clock.JUMPING)
class RequestCountScalingJumpingTest {
    /**
     * Requests per target per minute to keep: 20, so that the one client thread's traffic exceeds it on a machine
     * busy with other work too (at x20, 2 targets x 20 a minute is 14 requests a real second; at load 36 the thread
     * sent 21 a second, short of the 67 that a target of 100 needed).
     */
    private static final double TARGET_REQUESTS = 20.0;
    Emulator emulator;
    EmulatorClock clock;
    EcsClient ecs;
    ElasticLoadBalancingV2Client elb;
    ApplicationAutoScalingClient autoScaling;

    @Test
    @DisplayName("Traffic through the ALB's URL on the jumping clock scales the service out within 3 emulated minutes of alarm")
    void trafficScalesOut() throws Exception {
        LoadBalancedWeb web = LoadBalancedWeb.create(elb, ecs, clock, "jump", "web", 2);
        autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/jump/web")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(10));
        autoScaling.putScalingPolicy(b -> b.policyName("rps").serviceNamespace(ServiceNamespace.ECS).resourceId("service/jump/web")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(TARGET_REQUESTS).predefinedMetricSpecification(p -> p
                        .predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET).resourceLabel(web.resourceLabel()))));
        HttpRequest request = HttpRequest.newBuilder(URI.create(web.url(emulator, "787878787878") + "/")).build();
        HttpClient http = HttpClient.newHttpClient();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        AtomicLong maxGap = new AtomicLong();
        AtomicLong maxRequest = new AtomicLong();
        Thread traffic = new Thread(() -> {
            while (running.get()) {
                try {
                    long t0 = System.nanoTime();
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                    long t1 = System.nanoTime();
                    maxRequest.accumulateAndGet(t1 - t0, Math::max);
                    sent.incrementAndGet();
                    Thread.sleep(4);
                    maxGap.accumulateAndGet(System.nanoTime() - t1, Math::max);
                } catch (Exception e) {
                    return;
                }
            }
        });
        traffic.start();
        java.time.Instant start = clock.now();
        long realStart = System.nanoTime();
        int desired = 2;
        try {
            while (desired <= 2 && System.nanoTime() - realStart < Duration.ofSeconds(40).toNanos()) {
                Thread.sleep(100);
                desired = ecs.describeServices(b -> b.cluster("jump").services("web")).services().get(0).desiredCount();
            }
        } finally {
            running.set(false);
            traffic.join();
        }
        String measured = sent.get() + " requests in " + (System.nanoTime() - realStart) / 1_000_000 + " ms real, "
                + Duration.between(start, clock.now()) + " emulated, longest gap between requests " + maxGap.get() / 1_000_000
                + " ms, longest request " + maxRequest.get() / 1_000_000 + " ms";
        assertThat(desired).as("scaled out by the requests per target (" + measured + ")").isGreaterThan(2);
    }
}
