package dev.ecslabs.emulator.ecs.taskdefinition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The task sizes Fargate runs: each CPU value with the memory values it allows, as the table in
 * "Task CPU and memory" lists them
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html).
 */
public final class FargateSizes {

    /** The memory values (MiB) one CPU value allows, as the table words them. */
    private record MemoryValues(List<Integer> values, String described, boolean linuxOnly) {
        static MemoryValues of(int... values) {
            String described = Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(", "))
                    + " MiB";
            return new MemoryValues(Arrays.stream(values).boxed().toList(), described, false);
        }

        static MemoryValues range(int minGb, int maxGb, int stepGb, boolean linuxOnly) {
            List<Integer> values = new ArrayList<>();
            for (int gb = minGb; gb <= maxGb; gb += stepGb) {
                values.add(gb * 1024);
            }
            return new MemoryValues(List.copyOf(values), "between " + minGb * 1024 + " and " + maxGb * 1024 + " MiB ("
                    + minGb + " and " + maxGb + " GB) in steps of " + stepGb * 1024 + " MiB", linuxOnly);
        }
    }

    private static final Map<Integer, MemoryValues> BY_CPU = new LinkedHashMap<>();

    static {
        BY_CPU.put(256, MemoryValues.of(512, 1024, 2048));
        BY_CPU.put(512, MemoryValues.of(1024, 2048, 3072, 4096));
        BY_CPU.put(1024, MemoryValues.of(2048, 3072, 4096, 5120, 6144, 7168, 8192));
        BY_CPU.put(2048, MemoryValues.range(4, 16, 1, false));
        BY_CPU.put(4096, MemoryValues.range(8, 30, 1, false));
        // 8 and 16 vCPU need Linux platform version 1.4.0 or later.
        BY_CPU.put(8192, MemoryValues.range(16, 60, 4, true));
        BY_CPU.put(16384, MemoryValues.range(32, 120, 8, true));
    }

    private FargateSizes() {
    }

    /** Whether Fargate runs a task of {@code cpu} units with {@code memory} MiB. */
    public static boolean supports(int cpu, int memory) {
        MemoryValues allowed = BY_CPU.get(cpu);
        return allowed != null && allowed.values().contains(memory);
    }

    /** Whether the size is offered for Linux only (8 and 16 vCPU are not offered for Windows). */
    static boolean linuxOnly(int cpu) {
        MemoryValues allowed = BY_CPU.get(cpu);
        return allowed != null && allowed.linuxOnly();
    }

    /** A sentence naming what Fargate allows for {@code cpu}, for error messages a learner can act on. */
    public static String allowedFor(int cpu) {
        MemoryValues allowed = BY_CPU.get(cpu);
        if (allowed == null) {
            return "Fargate's CPU values are " + BY_CPU.keySet().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " units; " + cpu + " is not one of them.";
        }
        return "With " + cpu + " CPU units Fargate allows memory of " + allowed.described() + ".";
    }
}
