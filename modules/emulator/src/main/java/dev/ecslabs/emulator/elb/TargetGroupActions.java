package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/**
 * The target group actions of the ELB v2 API reference: Create (with AWS's health-check defaults per
 * protocol, idempotent for the same settings), Describe (its {@code LoadBalancerArns} from the
 * listeners and rules that forward to it), Modify (health checks), Delete (refused while in use) and
 * the attributes ({@code deregistration_delay.timeout_seconds}, stickiness, the algorithm).
 */
public final class TargetGroupActions implements ActionGroup {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    private static final Set<String> LAYER_4 = Set.of("TCP", "UDP", "TLS", "TCP_UDP");

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ELB_V2, "CreateTargetGroup", CreateTargetGroupRequest::builder, this::createTargetGroup)
                .add(AwsService.ELB_V2, "DescribeTargetGroups", DescribeTargetGroupsRequest::builder, this::describeTargetGroups)
                .add(AwsService.ELB_V2, "ModifyTargetGroup", ModifyTargetGroupRequest::builder, this::modifyTargetGroup)
                .add(AwsService.ELB_V2, "DeleteTargetGroup", DeleteTargetGroupRequest::builder, this::deleteTargetGroup)
                .add(AwsService.ELB_V2, "DescribeTargetGroupAttributes", DescribeTargetGroupAttributesRequest::builder,
                        this::describeTargetGroupAttributes)
                .add(AwsService.ELB_V2, "ModifyTargetGroupAttributes", ModifyTargetGroupAttributesRequest::builder,
                        this::modifyTargetGroupAttributes);
    }

    CreateTargetGroupResponse createTargetGroup(RequestContext context, CreateTargetGroupRequest request) {
        String name = request.name();
        if (!NAME.matcher(name).matches()) {
            throw ElbErrors.validation("The target group name '" + name + "' is not valid: at most 32 characters, only letters, "
                    + "digits and hyphens, not beginning or ending with a hyphen.");
        }
        String targetType = request.targetTypeAsString() == null ? "instance" : request.targetTypeAsString();
        if (targetType.equals("lambda") || targetType.equals("alb")) {
            throw ElbErrors.operationNotPermitted("Target type " + targetType + " is not served by this emulator; use ip "
                    + "(awsvpc tasks, Fargate) or instance.");
        }
        String protocol = request.protocolAsString();
        if (protocol == null || request.port() == null || request.vpcId() == null) {
            throw ElbErrors.validation("A target group of target type " + targetType + " needs a Protocol, a Port and a VpcId.");
        }
        if (!DefaultVpc.isWellFormedVpcId(request.vpcId())) {
            // AWS's words for a VPC it does not know (ansible/ansible#31919 quotes them); a malformed id is one.
            throw ElbErrors.validation("The VPC ID '" + request.vpcId() + "' is not found. A VPC ID is vpc- and 8 or 17 "
                    + "hex digits; the emulator's default VPC is " + DefaultVpc.VPC_ID + ".");
        }
        boolean layer4 = LAYER_4.contains(protocol);
        String checkProtocol = request.healthCheckProtocolAsString() != null ? request.healthCheckProtocolAsString()
                : layer4 ? "TCP" : protocol;
        boolean httpCheck = checkProtocol.startsWith("HTTP");
        if (!httpCheck && (request.healthCheckPath() != null || request.matcher() != null)) {
            throw ElbErrors.validation("A health check path and matcher apply only to HTTP and HTTPS health checks, not " + checkProtocol + ".");
        }
        TargetGroup.Builder group = TargetGroup.builder()
                .targetGroupName(name).protocol(protocol).port(request.port()).vpcId(request.vpcId()).targetType(targetType)
                .protocolVersion(layer4 ? null : request.protocolVersion() == null ? "HTTP1" : request.protocolVersion())
                .healthCheckEnabled(request.healthCheckEnabled() == null || request.healthCheckEnabled())
                .healthCheckProtocol(checkProtocol)
                .healthCheckPort(request.healthCheckPort() == null ? "traffic-port" : request.healthCheckPort())
                .healthCheckIntervalSeconds(or(request.healthCheckIntervalSeconds(), 30))
                .healthCheckTimeoutSeconds(or(request.healthCheckTimeoutSeconds(), httpCheck ? (layer4 ? 6 : 5) : 10))
                .healthyThresholdCount(or(request.healthyThresholdCount(), 5))
                .unhealthyThresholdCount(or(request.unhealthyThresholdCount(), 2))
                .ipAddressType(request.ipAddressTypeAsString() == null ? "ipv4" : request.ipAddressTypeAsString());
        if (httpCheck) {
            group.healthCheckPath(request.healthCheckPath() == null ? "/" : request.healthCheckPath())
                    .matcher(request.matcher() == null ? Matcher.builder().httpCode("200").build() : request.matcher());
        }
        checkHealthCheck(group.build());
        TargetGroups groups = TargetGroups.of(context.state());
        var existing = groups.all().stream().filter(g -> g.name().equals(name)).findFirst();
        if (existing.isPresent()) {
            TargetGroup had = existing.get().targetGroup();
            if (had.equals(group.targetGroupArn(had.targetGroupArn()).build())) {
                return CreateTargetGroupResponse.builder().targetGroups(described(context, existing.get())).build();
            }
            throw new AwsException("DuplicateTargetGroupNameException", "A target group with the name '" + name
                    + "' already exists with other settings; choose another name.");
        }
        TargetGroup created = group.targetGroupArn(ElbIds.arn(context.state(), "targetgroup/" + name + "/" + ElbIds.id())).build();
        ElbTags.check(request.hasTags() ? request.tags() : List.of());
        TargetGroupRecord record = new TargetGroupRecord(created, TargetGroupAttributes.defaults(targetType, protocol),
                request.hasTags() ? request.tags() : List.of(), List.of());
        groups.put(record);
        return CreateTargetGroupResponse.builder().targetGroups(described(context, record)).build();
    }

    static void checkHealthCheck(TargetGroup group) {
        int interval = group.healthCheckIntervalSeconds();
        int timeout = group.healthCheckTimeoutSeconds();
        if (timeout >= interval) {
            throw ElbErrors.validation("Health check timeout (" + timeout + " s) must be smaller than the interval ("
                    + interval + " s).");
        }
        if (group.matcher() != null && group.matcher().httpCode() != null) {
            HealthCheckMatcher.parse(group.matcher().httpCode()); // throws on a matcher AWS refuses
        }
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** The target group as Describe answers it: with the load balancers that send it traffic. */
    static TargetGroup described(RequestContext context, TargetGroupRecord record) {
        Set<String> users = TargetUse.usage(context.state()).getOrDefault(record.arn(), Set.of());
        return record.targetGroup().toBuilder().loadBalancerArns(List.copyOf(users)).build();
    }

    DescribeTargetGroupsResponse describeTargetGroups(RequestContext context, DescribeTargetGroupsRequest request) {
        TargetGroups groups = TargetGroups.of(context.state());
        List<TargetGroupRecord> found = new ArrayList<>();
        if (request.hasTargetGroupArns()) {
            for (String arn : request.targetGroupArns()) {
                found.add(groups.require(arn));
            }
        } else if (request.hasNames()) {
            for (String name : request.names()) {
                found.add(groups.all().stream().filter(g -> g.name().equals(name)).findFirst()
                        .orElseThrow(() -> ElbErrors.targetGroupNotFound("'" + name + "'")));
            }
        } else {
            found.addAll(groups.all());
        }
        if (request.loadBalancerArn() != null) {
            LoadBalancers.of(context.state()).require(request.loadBalancerArn());
            Map<String, Set<String>> usage = TargetUse.usage(context.state());
            found.removeIf(g -> !usage.getOrDefault(g.arn(), Set.of()).contains(request.loadBalancerArn()));
        }
        Pages.Page<TargetGroupRecord> page = Pages.page(found, TargetGroupRecord::arn, request.marker(), request.pageSize(),
                400, 400, ElbErrors.VALIDATION);
        return DescribeTargetGroupsResponse.builder()
                .targetGroups(page.items().stream().map(g -> described(context, g)).toList())
                .nextMarker(page.nextToken()).build();
    }

    ModifyTargetGroupResponse modifyTargetGroup(RequestContext context, ModifyTargetGroupRequest request) {
        TargetGroups groups = TargetGroups.of(context.state());
        TargetGroupRecord record = groups.require(request.targetGroupArn());
        TargetGroup.Builder changed = record.targetGroup().toBuilder();
        if (request.healthCheckProtocolAsString() != null) {
            changed.healthCheckProtocol(request.healthCheckProtocolAsString());
        }
        if (request.healthCheckPort() != null) {
            changed.healthCheckPort(request.healthCheckPort());
        }
        if (request.healthCheckPath() != null) {
            changed.healthCheckPath(request.healthCheckPath());
        }
        if (request.healthCheckEnabled() != null) {
            changed.healthCheckEnabled(request.healthCheckEnabled());
        }
        if (request.healthCheckIntervalSeconds() != null) {
            changed.healthCheckIntervalSeconds(request.healthCheckIntervalSeconds());
        }
        if (request.healthCheckTimeoutSeconds() != null) {
            changed.healthCheckTimeoutSeconds(request.healthCheckTimeoutSeconds());
        }
        if (request.healthyThresholdCount() != null) {
            changed.healthyThresholdCount(request.healthyThresholdCount());
        }
        if (request.unhealthyThresholdCount() != null) {
            changed.unhealthyThresholdCount(request.unhealthyThresholdCount());
        }
        if (request.matcher() != null) {
            changed.matcher(request.matcher());
        }
        TargetGroup group = changed.build();
        checkHealthCheck(group);
        TargetGroupRecord updated = record.with(group);
        groups.put(updated);
        return ModifyTargetGroupResponse.builder().targetGroups(described(context, updated)).build();
    }

    DeleteTargetGroupResponse deleteTargetGroup(RequestContext context, DeleteTargetGroupRequest request) {
        TargetGroups groups = TargetGroups.of(context.state());
        if (groups.find(request.targetGroupArn()).isEmpty()) {
            return DeleteTargetGroupResponse.builder().build(); // deleting a deleted target group succeeds
        }
        Set<String> users = TargetUse.usage(context.state()).getOrDefault(request.targetGroupArn(), Set.of());
        if (!users.isEmpty()) {
            throw ElbErrors.resourceInUse("Target group '" + request.targetGroupArn() + "' is currently in use by a "
                    + "listener or a rule of " + String.join(", ", users) + ": delete or change those first.");
        }
        groups.delete(request.targetGroupArn());
        return DeleteTargetGroupResponse.builder().build();
    }

    DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(RequestContext context,
                                                                        DescribeTargetGroupAttributesRequest request) {
        TargetGroupRecord record = TargetGroups.of(context.state()).require(request.targetGroupArn());
        return DescribeTargetGroupAttributesResponse.builder().attributes(attributes(record.attributes())).build();
    }

    ModifyTargetGroupAttributesResponse modifyTargetGroupAttributes(RequestContext context,
                                                                    ModifyTargetGroupAttributesRequest request) {
        TargetGroups groups = TargetGroups.of(context.state());
        TargetGroupRecord record = groups.require(request.targetGroupArn());
        Map<String, String> changed = new LinkedHashMap<>(record.attributes());
        for (TargetGroupAttribute attribute : request.attributes()) {
            TargetGroupAttributes.check(record.attributes(), attribute.key(), attribute.value());
            changed.put(attribute.key(), attribute.value());
        }
        TargetGroupRecord updated = record.withAttributes(changed);
        groups.put(updated);
        return ModifyTargetGroupAttributesResponse.builder().attributes(attributes(updated.attributes())).build();
    }

    private static List<TargetGroupAttribute> attributes(Map<String, String> attributes) {
        return attributes.entrySet().stream()
                .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
