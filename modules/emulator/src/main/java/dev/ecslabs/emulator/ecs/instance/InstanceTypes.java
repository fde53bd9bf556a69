package dev.ecslabs.emulator.ecs.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 instance types a simulated container instance can be, with what ECS registers for
 * them: CPU units (1,024 per vCPU), memory in MiB, the network interfaces an awsvpc task can take
 * (the type's ENI limit less the primary one; with {@code awsvpcTrunking} the trunk's branch
 * limit), architecture and GPUs. Sizes and ENI limits are EC2's
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/eni-trunking-supported-instance-types.html).
 * The memory registered is the instance's less what the operating system and the agent keep: the
 * emulator keeps 6 % of it (at least 128 MiB), the order of what the ECS-optimized AMI leaves
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html).
 */
public final class InstanceTypes {
    /** One instance type. {@code trunkEnis} is 0 for a type that does not support ENI trunking. */
    public record InstanceType(String name, int vcpus, int memoryGib, int maxEnis, int trunkEnis, String architecture,
                               int gpus) {
        public int cpuUnits() {
            return vcpus * 1024;
        }

        public int registeredMemoryMib() {
            int total = memoryGib * 1024;
            return total - Math.max(128, total * 6 / 100);
        }

        /** How many awsvpc tasks the instance can hold at once. */
        public int awsvpcTasks(boolean trunking) {
            return trunking && trunkEnis > 0 ? trunkEnis : maxEnis - 1;
        }
    }

    private static final Map<String, InstanceType> TYPES = new LinkedHashMap<>();

    static {
        add("t3.micro", 2, 1, 2, 0, "x86_64", 0);
        add("t3.small", 2, 2, 3, 0, "x86_64", 0);
        add("t3.medium", 2, 4, 3, 0, "x86_64", 0);
        add("t3.large", 2, 8, 3, 0, "x86_64", 0);
        add("m5.large", 2, 8, 3, 10, "x86_64", 0);
        add("m5.xlarge", 4, 16, 4, 18, "x86_64", 0);
        add("m5.2xlarge", 8, 32, 4, 38, "x86_64", 0);
        add("c5.large", 2, 4, 3, 10, "x86_64", 0);
        add("c5.xlarge", 4, 8, 4, 18, "x86_64", 0);
        add("r5.large", 2, 16, 3, 10, "x86_64", 0);
        add("c6g.medium", 1, 2, 2, 4, "arm64", 0);
        add("c6g.large", 2, 4, 3, 10, "arm64", 0);
        add("c6g.xlarge", 4, 8, 4, 18, "arm64", 0);
        add("g4dn.xlarge", 4, 16, 3, 0, "x86_64", 1);
    }

    private InstanceTypes() {
    }

    private static void add(String name, int vcpus, int memoryGib, int maxEnis, int trunkEnis, String architecture, int gpus) {
        TYPES.put(name, new InstanceType(name, vcpus, memoryGib, maxEnis, trunkEnis, architecture, gpus));
    }

    public static Optional<InstanceType> find(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    /** Every type the emulator knows, in the table's order. */
    public static Iterable<String> names() {
        return TYPES.keySet();
    }
}
