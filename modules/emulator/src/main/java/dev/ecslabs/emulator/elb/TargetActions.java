package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * RegisterTargets, DeregisterTargets and DescribeTargetHealth: a registered target starts
 * {@code initial} and is health-checked on the clock (or is {@code unused} while no load balancer
 * forwards to its group); a deregistered one is {@code draining} for the group's deregistration
 * delay, then gone (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-health).
 */
public final class TargetActions implements ActionGroup {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern INSTANCE_ID = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");

    private final TargetHealthChecks healthChecks;

    public TargetActions(TargetHealthChecks healthChecks) {
        this.healthChecks = healthChecks;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ELB_V2, "RegisterTargets", RegisterTargetsRequest::builder, this::registerTargets)
                .add(AwsService.ELB_V2, "DeregisterTargets", DeregisterTargetsRequest::builder, this::deregisterTargets)
                .add(AwsService.ELB_V2, "DescribeTargetHealth", DescribeTargetHealthRequest::builder, this::describeTargetHealth);
    }

    RegisterTargetsResponse registerTargets(RequestContext context, RegisterTargetsRequest request) {
        TargetGroups groups = TargetGroups.of(context.state());
        TargetGroupRecord record = groups.require(request.targetGroupArn());
        boolean inUse = TargetUse.usage(context.state()).containsKey(record.arn());
        List<RegisteredTarget> targets = new ArrayList<>(record.targets());
        for (TargetDescription target : request.targets()) {
            int port = port(record.targetGroup(), target);
            checkId(record.targetGroup(), target.id());
            targets.removeIf(t -> t.is(target.id(), port) && t.state().equals(RegisteredTarget.DRAINING));
            if (targets.stream().noneMatch(t -> t.is(target.id(), port))) {
                targets.add(RegisteredTarget.registered(target.id(), port, target.availabilityZone(), inUse));
            }
        }
        groups.put(record.withTargets(targets));
        healthChecks.ensureChecking(context.state(), record.arn());
        return RegisterTargetsResponse.builder().build();
    }

    private static int port(TargetGroup group, TargetDescription target) {
        int port = target.port() != null ? target.port() : group.port();
        if (port < 1 || port > 65535) {
            throw ElbErrors.validation("Target port " + port + " is out of range: a port is from 1 to 65535.");
        }
        return port;
    }

    private static void checkId(TargetGroup group, String id) {
        boolean ip = group.targetTypeAsString().equals("ip");
        if (ip && !IPV4.matcher(id).matches()) {
            throw new AwsException("InvalidTargetException", "The IP address '" + id + "' is not a valid IPv4 address: "
                    + "a target group of target type ip takes the private IPs of awsvpc tasks, such as 172.31.3.14.");
        }
        if (!ip && !INSTANCE_ID.matcher(id).matches()) {
            throw new AwsException("InvalidTargetException", "The instance ID '" + id + "' is not valid: a target group of "
                    + "target type instance takes EC2 instance ids (i-0123456789abcdef0); use target type ip for Fargate tasks.");
        }
    }

    DeregisterTargetsResponse deregisterTargets(RequestContext context, DeregisterTargetsRequest request) {
        TargetGroups groups = TargetGroups.of(context.state());
        TargetGroupRecord record = groups.require(request.targetGroupArn());
        for (TargetDescription target : request.targets()) {
            int port = port(record.targetGroup(), target);
            if (record.targets().stream().noneMatch(t -> t.is(target.id(), port))) {
                throw new AwsException("InvalidTargetException", "The target " + target.id() + ":" + port
                        + " is not registered with target group " + record.name() + ".");
            }
        }
        groups.put(deregister(context.state(), record, request.targets().stream()
                .map(t -> new TargetKey(t.id(), port(record.targetGroup(), t))).toList()));
        return DeregisterTargetsResponse.builder().build();
    }

    /** A target by its id and port. */
    record TargetKey(String id, int port) {
    }

    /**
     * The group with these targets draining (for the deregistration delay, then forgotten on the
     * clock), or forgotten at once when the group takes no traffic or the delay is 0.
     */
    static TargetGroupRecord deregister(AccountRegion region, TargetGroupRecord record, List<TargetKey> keys) {
        int delay = record.deregistrationDelaySeconds();
        Instant until = region.now().plusSeconds(delay);
        List<RegisteredTarget> targets = new ArrayList<>();
        for (RegisteredTarget target : record.targets()) {
            boolean leaving = keys.stream().anyMatch(k -> target.is(k.id(), k.port()));
            if (!leaving) {
                targets.add(target);
            } else if (delay > 0 && !target.state().equals(RegisteredTarget.UNUSED)) {
                targets.add(target.state().equals(RegisteredTarget.DRAINING) ? target : target.draining(until));
            }
        }
        for (TargetKey key : keys) {
            scheduleDrainEnd(region, record.arn(), key, Duration.ofSeconds(delay));
        }
        return record.withTargets(targets);
    }

    /** Forgets a draining target when its delay is over; also what resumes a drain after a restart. */
    static void scheduleDrainEnd(AccountRegion region, String groupArn, TargetKey key, Duration delay) {
        region.schedule(delay, () -> TargetGroups.of(region).find(groupArn).ifPresent(group -> {
            List<RegisteredTarget> left = group.targets().stream()
                    .filter(t -> !(t.is(key.id(), key.port()) && t.state().equals(RegisteredTarget.DRAINING)
                            && !t.drainingUntil().isAfter(region.now())))
                    .toList();
            if (left.size() != group.targets().size()) {
                TargetGroups.of(region).putByClock(group.withTargets(left));
            }
        }));
    }

    DescribeTargetHealthResponse describeTargetHealth(RequestContext context, DescribeTargetHealthRequest request) {
        TargetGroupRecord record = TargetGroups.of(context.state()).require(request.targetGroupArn());
        List<TargetHealthDescription> descriptions = new ArrayList<>();
        if (request.hasTargets()) {
            for (TargetDescription asked : request.targets()) {
                int port = port(record.targetGroup(), asked);
                descriptions.add(record.targets().stream().filter(t -> t.is(asked.id(), port)).findFirst()
                        .map(t -> describe(record.targetGroup(), t))
                        .orElseGet(() -> TargetHealthDescription.builder()
                                .target(t -> t.id(asked.id()).port(port))
                                .targetHealth(TargetHealth.builder().state("unused").reason("Target.NotRegistered")
                                        .description("Target is not registered to the target group").build()).build()));
            }
        } else {
            record.targets().forEach(t -> descriptions.add(describe(record.targetGroup(), t)));
        }
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(descriptions).build();
    }

    private static TargetHealthDescription describe(TargetGroup group, RegisteredTarget target) {
        return TargetHealthDescription.builder()
                .target(t -> t.id(target.id()).port(target.port()).availabilityZone(target.availabilityZone()))
                .healthCheckPort("traffic-port".equals(group.healthCheckPort()) ? String.valueOf(target.port()) : group.healthCheckPort())
                .targetHealth(TargetHealth.builder().state(target.state()).reason(target.reason())
                        .description(target.description()).build())
                .build();
    }
}
