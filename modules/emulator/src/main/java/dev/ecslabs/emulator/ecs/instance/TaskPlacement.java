package dev.ecslabs.emulator.ecs.instance;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.account.AccountSettings;
import dev.ecslabs.emulator.ecs.task.InstancePlacement;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

/**
 * Task placement on the EC2 launch type, as the ECS developer guide describes it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html): of the
 * cluster's ACTIVE container instances (never a DRAINING one), those that have the attributes the task definition
 * requires, satisfy the placement constraints (distinctInstance, memberOf with the cluster query
 * language) and have the CPU, memory, host ports and (awsvpc) network interfaces the task needs;
 * among them the strategies pick, in order (binpack on cpu or memory, spread on an attribute or
 * instanceId, random), the rest of the ties broken by ARN. Each task placed reserves its share
 * before the next is placed. A task that fits nowhere gets, for every instance, the reason it
 * was turned down: ATTRIBUTE, "MemberOf placement constraint unsatisfied.",
 * "DistinctInstance placement constraint unsatisfied.", RESOURCE:CPU, RESOURCE:MEMORY,
 * RESOURCE:PORTS, RESOURCE:ENI (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/api_failures_messages.html).
 */
public final class TaskPlacement {
    /** "Dynamic host ports are chosen from the ephemeral port range" (PortMapping, ECS API reference): 32768–65535 on current AMIs. */
    public static final int EPHEMERAL_FIRST = 32768;
    public static final int EPHEMERAL_LAST = 65535;
    public static final String NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";
    static final String MEMBER_OF = "MemberOf placement constraint unsatisfied.";
    static final String DISTINCT_INSTANCE = "DistinctInstance placement constraint unsatisfied.";

    /** What one task needs of an instance. */
    record Need(int cpu, int memory, NetworkMode networkMode, List<ContainerDefinition> containers, List<String> requiredAttributes,
                String architecture) {
    }

    /** The tasks placed (in order), and the failures when not all could be. */
    public record Outcome(List<InstancePlacement> placed, List<Failure> failures) {
        /** The closest instance's reason, for a service event; empty when every task was placed. */
        public Optional<Failure> closest() {
            return failures.stream().reduce((a, b) -> rank(b.reason()) > rank(a.reason()) ? b : a);
        }
    }

    private TaskPlacement() {
    }

    /**
     * Places {@code count} tasks of {@code definition} in the task group {@code group} on the cluster's
     * instances ({@code only} limits them to those, for StartTask), or says why not.
     */
    public static Outcome place(AccountRegion region, Cluster cluster, TaskDefinition definition, Integer cpuOverride,
                                Integer memoryOverride, int count, String group, List<PlacementConstraint> constraints,
                                List<PlacementStrategy> strategies, List<Subnet> subnets, Optional<List<String>> only) {
        List<ContainerInstance> instances = new ArrayList<>();
        for (ContainerInstance instance : ContainerInstances.of(region).inCluster(cluster.clusterName())) {
            // A DRAINING instance takes no new tasks (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-draining.html).
            boolean active = ContainerInstances.ACTIVE.equals(instance.status());
            if (active && (only.isEmpty() || only.get().contains(instance.containerInstanceArn()))) {
                instances.add(instance);
            }
        }
        if (instances.isEmpty()) {
            return new Outcome(List.of(), List.of(Failure.builder().reason(NO_CONTAINER_INSTANCES).build()));
        }
        Need need = need(definition, cpuOverride, memoryOverride);
        Map<String, List<Task>> tasksOn = new HashMap<>();
        Map<String, TaskReservation> reserved = new HashMap<>();
        for (ContainerInstance instance : instances) {
            List<Task> on = ContainerInstanceViews.tasksOn(region, instance);
            tasksOn.put(instance.containerInstanceArn(), new ArrayList<>(on));
            reserved.put(instance.containerInstanceArn(), TaskReservation.sum(on.stream().map(TaskReservation::of).toList()));
        }
        boolean trunking = "enabled".equals(AccountSettings.of(region).accountValue(SettingName.AWSVPC_TRUNKING));
        Map<String, Double> randomKeys = new HashMap<>();
        instances.forEach(i -> randomKeys.put(i.containerInstanceArn(), ThreadLocalRandom.current().nextDouble()));
        List<InstancePlacement> placed = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Map<String, String> refused = new LinkedHashMap<>();
            List<ContainerInstance> fit = new ArrayList<>();
            for (ContainerInstance instance : instances) {
                String arn = instance.containerInstanceArn();
                Optional<String> reason = refusal(instance, need, group, constraints, tasksOn.get(arn), reserved.get(arn),
                        trunking);
                reason.ifPresentOrElse(r -> refused.put(arn, r), () -> fit.add(instance));
            }
            if (fit.isEmpty()) {
                List<Failure> failures = new ArrayList<>();
                refused.forEach((arn, reason) -> failures.add(Failure.builder().arn(arn).reason(reason).build()));
                return new Outcome(placed, failures);
            }
            fit.sort(order(strategies, need, group, tasksOn, reserved, randomKeys, instances));
            ContainerInstance chosen = fit.get(0);
            String arn = chosen.containerInstanceArn();
            InstancePlacement placement = placement(region, chosen, need, reserved.get(arn), subnets);
            placed.add(placement);
            Task pending = pendingTask(placement, group, need);
            tasksOn.get(arn).add(pending);
            reserved.put(arn, TaskReservation.sum(List.of(reserved.get(arn), TaskReservation.of(pending))));
        }
        return new Outcome(placed, List.of());
    }

    /** Checks a strategy and a constraint list as CreateService and RunTask do, before anything is placed. */
    public static void check(List<PlacementConstraint> constraints, List<PlacementStrategy> strategies) {
        if (constraints.size() > 10) {
            throw EcsErrors.invalidParameter("You can specify up to 10 placement constraints per task, not " + constraints.size() + ".");
        }
        if (strategies.size() > 5) {
            throw EcsErrors.invalidParameter("You can specify up to 5 placement strategy rules, not " + strategies.size() + ".");
        }
        for (PlacementConstraint constraint : constraints) {
            if (constraint.type() == PlacementConstraintType.MEMBER_OF) {
                if (constraint.expression() == null || constraint.expression().isBlank()) {
                    throw EcsErrors.invalidParameter("A memberOf placement constraint needs an expression in the cluster query language.");
                }
                ClusterQuery.parse(constraint.expression());
            } else if (constraint.type() == PlacementConstraintType.DISTINCT_INSTANCE) {
                if (constraint.expression() != null && !constraint.expression().isEmpty()) {
                    throw EcsErrors.invalidParameter("A distinctInstance placement constraint takes no expression.");
                }
            } else {
                throw EcsErrors.invalidParameter("Placement constraint type must be distinctInstance or memberOf, not "
                        + constraint.typeAsString() + ".");
            }
        }
        for (PlacementStrategy strategy : strategies) {
            String field = strategy.field() == null ? "" : strategy.field();
            switch (strategy.type() == null ? PlacementStrategyType.UNKNOWN_TO_SDK_VERSION : strategy.type()) {
                case BINPACK -> {
                    if (!field.equalsIgnoreCase("cpu") && !field.equalsIgnoreCase("memory")) {
                        throw EcsErrors.invalidParameter("The binpack placement strategy packs on cpu or memory, not '" + field + "'.");
                    }
                }
                case SPREAD -> {
                    if (!field.equalsIgnoreCase("instanceId") && !field.equalsIgnoreCase("host") && !field.startsWith("attribute:")) {
                        throw EcsErrors.invalidParameter("The spread placement strategy spreads on instanceId, host or "
                                + "attribute:<name> (for example attribute:ecs.availability-zone), not '" + field + "'.");
                    }
                }
                case RANDOM -> { }
                default -> throw EcsErrors.invalidParameter("Placement strategy type must be random, spread or binpack, not "
                        + strategy.typeAsString() + ".");
            }
        }
    }

    /** Why the instance can't take the task, in the order ECS checks; empty when it can. */
    private static Optional<String> refusal(ContainerInstance instance, Need need, String group,
                                            List<PlacementConstraint> constraints, List<Task> tasks, TaskReservation reserved,
                                            boolean trunking) {
        Set<String> attributes = new TreeSet<>();
        instance.attributes().forEach(a -> attributes.add(a.name()));
        if (!attributes.containsAll(need.requiredAttributes())
                || !QueryTargets.attribute(instance, "ecs.cpu-architecture").orElse("x86_64").equals(need.architecture())) {
            return Optional.of("ATTRIBUTE");
        }
        for (PlacementConstraint constraint : constraints) {
            if (constraint.type() == PlacementConstraintType.MEMBER_OF) {
                Predicate<ClusterQuery.Target> member = ClusterQuery.parse(constraint.expression());
                if (!member.test(QueryTargets.of(instance, tasks))) {
                    return Optional.of(MEMBER_OF);
                }
            } else if (constraint.type() == PlacementConstraintType.DISTINCT_INSTANCE
                    && tasks.stream().anyMatch(t -> group.equals(t.group()))) {
                return Optional.of(DISTINCT_INSTANCE);
            }
        }
        List<software.amazon.awssdk.services.ecs.model.Resource> registered = instance.registeredResources();
        if (ContainerInstanceViews.integer(registered, "CPU") - reserved.cpu() < need.cpu()) {
            return Optional.of("RESOURCE:CPU");
        }
        if (ContainerInstanceViews.integer(registered, "MEMORY") - reserved.memory() < need.memory()) {
            return Optional.of("RESOURCE:MEMORY");
        }
        if (need.networkMode() != NetworkMode.AWSVPC) {
            Set<Integer> takenTcp = new TreeSet<>(ContainerInstanceViews.ports(registered, "PORTS"));
            takenTcp.addAll(reserved.tcpPorts());
            Set<Integer> takenUdp = new TreeSet<>(ContainerInstanceViews.ports(registered, "PORTS_UDP"));
            takenUdp.addAll(reserved.udpPorts());
            for (PortMapping mapping : staticPorts(need)) {
                Set<Integer> taken = mapping.protocol() == TransportProtocol.UDP ? takenUdp : takenTcp;
                if (!taken.add(hostPort(need, mapping))) {
                    return Optional.of("RESOURCE:PORTS");
                }
            }
        } else {
            int limit = InstanceTypes.find(QueryTargets.attribute(instance, "ecs.instance-type").orElse(""))
                    .map(t -> t.awsvpcTasks(trunking && QueryTargets.attribute(instance, "ecs.awsvpc-trunk-id").isPresent()))
                    .orElse(1);
            if (reserved.networkInterfaces() >= limit) {
                return Optional.of("RESOURCE:ENI");
            }
        }
        return Optional.empty();
    }

    private static Comparator<ContainerInstance> order(List<PlacementStrategy> strategies, Need need, String group,
                                                       Map<String, List<Task>> tasksOn, Map<String, TaskReservation> reserved,
                                                       Map<String, Double> randomKeys, List<ContainerInstance> all) {
        Comparator<ContainerInstance> order = (a, b) -> 0;
        for (PlacementStrategy strategy : strategies) {
            String field = strategy.field() == null ? "" : strategy.field();
            switch (strategy.type()) {
                case BINPACK -> {
                    String resource = field.equalsIgnoreCase("cpu") ? "CPU" : "MEMORY";
                    order = order.thenComparingInt(i -> ContainerInstanceViews.integer(i.registeredResources(), resource)
                            - ("CPU".equals(resource) ? reserved.get(i.containerInstanceArn()).cpu()
                            : reserved.get(i.containerInstanceArn()).memory()));
                }
                case SPREAD -> order = order.thenComparingLong(i -> groupTasksWithSameValue(i, field, group, tasksOn, all));
                case RANDOM -> order = order.thenComparingDouble(i -> randomKeys.get(i.containerInstanceArn()));
                default -> { }
            }
        }
        return order.thenComparing(ContainerInstance::containerInstanceArn);
    }

    /** For spread: how many tasks of the group run on instances whose {@code field} has this instance's value. */
    private static long groupTasksWithSameValue(ContainerInstance instance, String field, String group,
                                                Map<String, List<Task>> tasksOn, List<ContainerInstance> all) {
        Optional<String> value = valueOf(instance, field);
        long count = 0;
        for (ContainerInstance other : all) {
            if (valueOf(other, field).equals(value)) {
                count += tasksOn.get(other.containerInstanceArn()).stream().filter(t -> group.equals(t.group())).count();
            }
        }
        return count;
    }

    private static Optional<String> valueOf(ContainerInstance instance, String field) {
        if (field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host")) {
            return Optional.of(instance.containerInstanceArn());
        }
        return QueryTargets.attribute(instance, field.substring("attribute:".length()));
    }

    private static InstancePlacement placement(AccountRegion region, ContainerInstance instance, Need need,
                                               TaskReservation reserved, List<Subnet> subnets) {
        String zone = QueryTargets.attribute(instance, "ecs.availability-zone").orElse(region.region() + "a");
        Subnet subnet = null;
        if (need.networkMode() == NetworkMode.AWSVPC) {
            // The task's interface goes in a subnet of the instance's zone among those given, else the instance's own.
            subnet = subnets.stream().filter(s -> s.availabilityZone().equals(zone)).findFirst()
                    .or(() -> QueryTargets.attribute(instance, "ecs.subnet-id").flatMap(id -> DefaultVpc.subnet(region.region(), id)))
                    .orElseGet(() -> DefaultVpc.subnet(region.region(), DefaultVpc.SUBNET_IDS.get(0)).orElseThrow());
        }
        Map<String, List<NetworkBinding>> bindings = new LinkedHashMap<>();
        if (need.networkMode() != NetworkMode.AWSVPC) {
            Set<Integer> taken = new TreeSet<>(ContainerInstanceViews.ports(instance.registeredResources(), "PORTS"));
            taken.addAll(reserved.tcpPorts());
            Set<Integer> takenUdp = new TreeSet<>(reserved.udpPorts());
            for (ContainerDefinition container : need.containers()) {
                List<NetworkBinding> containerBindings = new ArrayList<>();
                for (PortMapping mapping : container.portMappings()) {
                    boolean udp = mapping.protocol() == TransportProtocol.UDP;
                    Set<Integer> used = udp ? takenUdp : taken;
                    int host = isDynamic(need, mapping) ? firstFree(used) : hostPort(need, mapping);
                    used.add(host);
                    containerBindings.add(NetworkBinding.builder().bindIP("0.0.0.0").containerPort(mapping.containerPort())
                            .hostPort(host).protocol(udp ? TransportProtocol.UDP : TransportProtocol.TCP).build());
                }
                bindings.put(container.name(), containerBindings);
            }
        }
        return new InstancePlacement(instance.containerInstanceArn(), zone, subnet, need.cpu(), need.memory(), bindings);
    }

    /** A stand-in for a task just placed, so that the next placement of the same call sees what it holds. */
    private static Task pendingTask(InstancePlacement placement, String group, Need need) {
        List<software.amazon.awssdk.services.ecs.model.Container> containers = new ArrayList<>();
        placement.bindings().forEach((name, bindings) -> containers.add(software.amazon.awssdk.services.ecs.model.Container
                .builder().name(name).networkBindings(bindings).build()));
        Task.Builder task = Task.builder().group(group).cpu(String.valueOf(placement.cpu()))
                .memory(String.valueOf(placement.memory())).containers(containers).lastStatus("PROVISIONING");
        if (need.networkMode() == NetworkMode.AWSVPC) {
            task.attachments(a -> a.type("ElasticNetworkInterface"));
        }
        return task.build();
    }

    /** The CPU units and MiB one task of the definition reserves on an instance. */
    public static int[] reservation(TaskDefinition definition) {
        Need need = need(definition, null, null);
        return new int[] {need.cpu(), need.memory()};
    }

    /** The cluster's instances that an Auto Scaling group capacity provider launched (their capacityProviderName), by ARN. */
    public static List<String> instancesOf(AccountRegion region, Cluster cluster, String capacityProvider) {
        return ContainerInstances.of(region).inCluster(cluster.clusterName()).stream()
                .filter(i -> capacityProvider.equals(i.capacityProviderName())).map(ContainerInstance::containerInstanceArn).toList();
    }

    private static Need need(TaskDefinition definition, Integer cpuOverride, Integer memoryOverride) {
        int cpu = cpuOverride != null ? cpuOverride : parse(definition.cpu());
        if (cpu == 0) {
            cpu = definition.containerDefinitions().stream().mapToInt(c -> c.cpu() == null ? 0 : c.cpu()).sum();
        }
        int memory = memoryOverride != null ? memoryOverride : parse(definition.memory());
        if (memory == 0) {
            memory = definition.containerDefinitions().stream()
                    .mapToInt(c -> c.memory() != null ? c.memory() : c.memoryReservation() == null ? 0 : c.memoryReservation()).sum();
        }
        NetworkMode mode = definition.networkMode() == null ? NetworkMode.BRIDGE : definition.networkMode();
        List<String> required = definition.requiresAttributes().stream().map(Attribute::name).toList();
        String architecture = definition.runtimePlatform() != null
                && definition.runtimePlatform().cpuArchitecture() == CPUArchitecture.ARM64 ? "arm64" : "x86_64";
        return new Need(cpu, memory, mode, definition.containerDefinitions(), required, architecture);
    }

    private static List<PortMapping> staticPorts(Need need) {
        List<PortMapping> ports = new ArrayList<>();
        need.containers().forEach(c -> c.portMappings().stream().filter(m -> !isDynamic(need, m)).forEach(ports::add));
        return ports;
    }

    /** Bridge mode with no hostPort (or 0): a dynamic host port. Host mode: the container port is the host port. */
    private static boolean isDynamic(Need need, PortMapping mapping) {
        return need.networkMode() == NetworkMode.BRIDGE && (mapping.hostPort() == null || mapping.hostPort() == 0);
    }

    private static int hostPort(Need need, PortMapping mapping) {
        return need.networkMode() == NetworkMode.HOST || mapping.hostPort() == null ? mapping.containerPort() : mapping.hostPort();
    }

    private static int firstFree(Set<Integer> used) {
        for (int port = EPHEMERAL_FIRST; port <= EPHEMERAL_LAST; port++) {
            if (!used.contains(port)) {
                return port;
            }
        }
        return EPHEMERAL_FIRST;
    }

    /** How far an instance got through the checks: the closest matching one failed latest. */
    private static int rank(String reason) {
        return switch (reason) {
            case "ATTRIBUTE" -> 1;
            case MEMBER_OF, DISTINCT_INSTANCE -> 2;
            case "RESOURCE:CPU" -> 3;
            case "RESOURCE:MEMORY" -> 4;
            case "RESOURCE:PORTS", "RESOURCE:ENI" -> 5;
            default -> 0;
        };
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
