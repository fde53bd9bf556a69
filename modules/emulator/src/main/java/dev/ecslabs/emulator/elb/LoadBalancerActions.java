package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;

/**
 * The load balancer actions of the ELB v2 API reference: CreateLoadBalancer (application or network,
 * in subnets of the default VPC, {@code provisioning} then {@code active} on the clock, idempotent
 * for the same settings), DescribeLoadBalancers, DeleteLoadBalancer (its listeners and rules with it,
 * refused under deletion protection) and the attributes.
 */
public final class LoadBalancerActions implements ActionGroup {
    private final LoadBalancerDataPlane dataPlane;

    public LoadBalancerActions(LoadBalancerDataPlane dataPlane) {
        this.dataPlane = dataPlane;
    }

    /** How long a new load balancer stays {@code provisioning}: AWS takes a few minutes; the lab clock plays them fast. */
    public static final Duration PROVISIONING = Duration.ofSeconds(90);
    /** "A maximum of 32 characters, alphanumeric characters or hyphens, must not begin or end with a hyphen" (CreateLoadBalancer). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    /** Route 53 hosted zone ids of load balancers in us-east-1 (https://docs.aws.amazon.com/general/latest/gr/elb.html). */
    private static final String ALB_ZONE = "Z35SXDOTRQ7X7K";
    private static final String NLB_ZONE = "Z26RNL4JYFTOTI";

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ELB_V2, "CreateLoadBalancer", CreateLoadBalancerRequest::builder, this::createLoadBalancer)
                .add(AwsService.ELB_V2, "DescribeLoadBalancers", DescribeLoadBalancersRequest::builder, this::describeLoadBalancers)
                .add(AwsService.ELB_V2, "DeleteLoadBalancer", DeleteLoadBalancerRequest::builder, this::deleteLoadBalancer)
                .add(AwsService.ELB_V2, "DescribeLoadBalancerAttributes", DescribeLoadBalancerAttributesRequest::builder,
                        this::describeLoadBalancerAttributes)
                .add(AwsService.ELB_V2, "ModifyLoadBalancerAttributes", ModifyLoadBalancerAttributesRequest::builder,
                        this::modifyLoadBalancerAttributes);
    }

    CreateLoadBalancerResponse createLoadBalancer(RequestContext context, CreateLoadBalancerRequest request) {
        String name = request.name();
        if (!NAME.matcher(name).matches() || name.startsWith("internal-")) {
            throw ElbErrors.validation("The load balancer name '" + name + "' is not valid: at most 32 characters, only "
                    + "letters, digits and hyphens, not beginning or ending with a hyphen, not beginning with 'internal-'.");
        }
        String type = request.typeAsString() == null ? "application" : request.typeAsString();
        if (type.equals("gateway")) {
            throw ElbErrors.operationNotPermitted("Gateway Load Balancers are not served by this emulator; "
                    + "create an application or network load balancer.");
        }
        String scheme = request.schemeAsString() == null ? "internet-facing" : request.schemeAsString();
        List<Subnet> subnets = subnets(context, request, type);
        List<String> securityGroups = new ArrayList<>(request.hasSecurityGroups() ? request.securityGroups() : List.of());
        for (String group : securityGroups) {
            if (!DefaultVpc.isWellFormedSecurityGroupId(group)) {
                throw new dev.ecslabs.emulator.protocol.AwsException("InvalidSecurityGroupException",
                        "Security group '" + group + "' does not exist: a security group id is sg- and 8 or 17 hex digits.");
            }
        }
        if (securityGroups.isEmpty() && type.equals("application")) {
            securityGroups.add(DefaultVpc.SECURITY_GROUP_ID); // an ALB without any gets the VPC's default group
        }
        LoadBalancers loadBalancers = LoadBalancers.of(context.state());
        var existing = loadBalancers.byName(name);
        if (existing.isPresent()) {
            LoadBalancer lb = existing.get().loadBalancer();
            if (lb.typeAsString().equals(type) && lb.schemeAsString().equals(scheme)) {
                return CreateLoadBalancerResponse.builder().loadBalancers(lb).build(); // idempotent, as documented
            }
            throw new dev.ecslabs.emulator.protocol.AwsException("DuplicateLoadBalancerNameException",
                    "A load balancer with the name '" + name + "' already exists with other settings; choose another name.");
        }
        String path = (type.equals("network") ? "net/" : "app/") + name + "/" + ElbIds.id();
        // web-1234567890.us-east-1.elb.amazonaws.com (ALB), net-0123456789abcdef.elb.us-east-1.amazonaws.com (NLB)
        String id = path.substring(path.lastIndexOf('/') + 1);
        String dnsName = (scheme.equals("internal") ? "internal-" : "") + name + "-" + (type.equals("network")
                ? id + ".elb." + context.region() + ".amazonaws.com"
                : Long.toString(Long.parseUnsignedLong(id.substring(0, 8), 16)) + "." + context.region() + ".elb.amazonaws.com");
        List<AvailabilityZone> zones = subnets.stream()
                .map(s -> AvailabilityZone.builder().zoneName(s.availabilityZone()).subnetId(s.subnetId()).build()).toList();
        LoadBalancer lb = LoadBalancer.builder()
                .loadBalancerArn(ElbIds.arn(context.state(), "loadbalancer/" + path))
                .loadBalancerName(name).dnsName(dnsName)
                .canonicalHostedZoneId(type.equals("network") ? NLB_ZONE : ALB_ZONE)
                .createdTime(context.now()).scheme(scheme).type(type).vpcId(subnets.get(0).vpcId())
                .state(s -> s.code(LoadBalancerStateEnum.PROVISIONING))
                .availabilityZones(zones).securityGroups(securityGroups)
                .ipAddressType(request.ipAddressTypeAsString() == null ? "ipv4" : request.ipAddressTypeAsString())
                .build();
        ElbTags.check(request.hasTags() ? request.tags() : List.of());
        LoadBalancerRecord record = new LoadBalancerRecord(lb, LoadBalancerAttributes.defaults(type),
                request.hasTags() ? request.tags() : List.of());
        loadBalancers.put(record);
        scheduleActivation(context.state(), lb.loadBalancerArn(), PROVISIONING);
        return CreateLoadBalancerResponse.builder().loadBalancers(lb).build();
    }

    /** Turns a provisioning load balancer active after {@code delay}; also what resumes one after a restart. */
    static void scheduleActivation(AccountRegion region, String arn, Duration delay) {
        region.schedule(delay, () -> LoadBalancers.of(region).find(arn)
                .filter(r -> r.loadBalancer().state().code() == LoadBalancerStateEnum.PROVISIONING)
                .ifPresent(r -> LoadBalancers.of(region).putByClock(r.with(r.loadBalancer().toBuilder()
                        .state(s -> s.code(LoadBalancerStateEnum.ACTIVE)).build()))));
    }

    private static List<Subnet> subnets(RequestContext context, CreateLoadBalancerRequest request, String type) {
        List<String> ids = new ArrayList<>();
        if (request.hasSubnets()) {
            ids.addAll(request.subnets());
        }
        if (request.hasSubnetMappings()) {
            if (!ids.isEmpty()) {
                throw ElbErrors.validation("Specify either Subnets or SubnetMappings, not both.");
            }
            request.subnetMappings().stream().map(SubnetMapping::subnetId).forEach(ids::add);
        }
        List<Subnet> subnets = new ArrayList<>();
        Set<String> zones = new HashSet<>();
        for (String id : ids) {
            Subnet subnet = DefaultVpc.subnet(context.region(), id).orElseThrow(() -> new dev.ecslabs.emulator.protocol.AwsException(
                    "SubnetNotFoundException", "The subnet ID '" + id + "' is not valid: a subnet id is subnet- and 8 or 17 "
                    + "hex digits; the default VPC's are " + String.join(", ", DefaultVpc.SUBNET_IDS) + "."));
            if (!zones.add(subnet.availabilityZone())) {
                throw ElbErrors.invalidConfiguration("You can specify only one subnet per Availability Zone; "
                        + id + " is a second one in " + subnet.availabilityZone() + ".");
            }
            if (!subnets.isEmpty() && !subnets.get(0).vpcId().equals(subnet.vpcId())) {
                throw new dev.ecslabs.emulator.protocol.AwsException("InvalidSubnetException",
                        "All subnets must be in the same VPC: " + id + " is in " + subnet.vpcId() + ", " + subnets.get(0).subnetId()
                                + " in " + subnets.get(0).vpcId() + ".");
            }
            subnets.add(subnet);
        }
        if (type.equals("application") && subnets.size() < 2) {
            throw ElbErrors.validation("At least two subnets in two different Availability Zones must be specified "
                    + "(the default VPC has " + String.join(", ", DefaultVpc.SUBNET_IDS) + ").");
        }
        if (subnets.isEmpty()) {
            throw ElbErrors.validation("At least one subnet must be specified (the default VPC has "
                    + String.join(", ", DefaultVpc.SUBNET_IDS) + ").");
        }
        return subnets;
    }

    DescribeLoadBalancersResponse describeLoadBalancers(RequestContext context, DescribeLoadBalancersRequest request) {
        LoadBalancers loadBalancers = LoadBalancers.of(context.state());
        if (request.hasLoadBalancerArns() && request.hasNames()) {
            throw ElbErrors.validation("Specify either LoadBalancerArns or Names, not both.");
        }
        List<LoadBalancerRecord> found = new ArrayList<>();
        if (request.hasLoadBalancerArns()) {
            for (String arn : request.loadBalancerArns()) {
                found.add(loadBalancers.require(arn));
            }
        } else if (request.hasNames()) {
            for (String name : request.names()) {
                found.add(loadBalancers.byName(name).orElseThrow(() -> ElbErrors.loadBalancerNotFound("'" + name + "'")));
            }
        } else {
            found.addAll(loadBalancers.all());
        }
        Pages.Page<LoadBalancerRecord> page = Pages.page(found, LoadBalancerRecord::arn, request.marker(), request.pageSize(),
                400, 400, ElbErrors.VALIDATION);
        return DescribeLoadBalancersResponse.builder()
                .loadBalancers(page.items().stream().map(LoadBalancerRecord::loadBalancer).toList())
                .nextMarker(page.nextToken()).build();
    }

    DeleteLoadBalancerResponse deleteLoadBalancer(RequestContext context, DeleteLoadBalancerRequest request) {
        LoadBalancers loadBalancers = LoadBalancers.of(context.state());
        var found = loadBalancers.find(request.loadBalancerArn());
        if (found.isEmpty()) {
            if (ElbIds.resource(context.state(), request.loadBalancerArn()).filter(r -> r.startsWith("loadbalancer/")).isEmpty()) {
                throw ElbErrors.validation("'" + request.loadBalancerArn() + "' is not a load balancer ARN of this account and region.");
            }
            return DeleteLoadBalancerResponse.builder().build(); // deleting a deleted load balancer succeeds
        }
        if ("true".equals(found.get().attributes().get("deletion_protection.enabled"))) {
            throw ElbErrors.operationNotPermitted("Load balancer '" + request.loadBalancerArn() + "' cannot be deleted "
                    + "because deletion protection is enabled: set deletion_protection.enabled to false first.");
        }
        Listeners listeners = Listeners.of(context.state());
        for (ListenerRecord listener : listeners.of(request.loadBalancerArn())) {
            listeners.remove(listener.arn());
        }
        loadBalancers.remove(request.loadBalancerArn());
        TargetUse.refresh(context.state());
        dataPlane.sync(context.state());
        return DeleteLoadBalancerResponse.builder().build();
    }

    DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(RequestContext context,
                                                                          DescribeLoadBalancerAttributesRequest request) {
        LoadBalancerRecord record = LoadBalancers.of(context.state()).require(request.loadBalancerArn());
        return DescribeLoadBalancerAttributesResponse.builder().attributes(attributes(record.attributes())).build();
    }

    ModifyLoadBalancerAttributesResponse modifyLoadBalancerAttributes(RequestContext context,
                                                                      ModifyLoadBalancerAttributesRequest request) {
        LoadBalancers loadBalancers = LoadBalancers.of(context.state());
        LoadBalancerRecord record = loadBalancers.require(request.loadBalancerArn());
        Map<String, String> changed = new LinkedHashMap<>(record.attributes());
        for (LoadBalancerAttribute attribute : request.attributes()) {
            LoadBalancerAttributes.check(record.loadBalancer().typeAsString(), attribute.key(), attribute.value());
            changed.put(attribute.key(), attribute.value());
        }
        LoadBalancerRecord updated = record.withAttributes(changed);
        loadBalancers.put(updated);
        RouteTable.invalidate(context.state()); // the routes carry the attributes' header processing
        return ModifyLoadBalancerAttributesResponse.builder().attributes(attributes(updated.attributes())).build();
    }

    private static List<LoadBalancerAttribute> attributes(Map<String, String> attributes) {
        return attributes.entrySet().stream()
                .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
