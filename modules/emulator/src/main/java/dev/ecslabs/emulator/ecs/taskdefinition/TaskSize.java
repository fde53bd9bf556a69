package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's {@code cpu} and {@code memory} as ECS stores them: CPU units and MiB. ECS accepts
 * "1 vCPU"/"1 vcpu" and "2 GB"/"2GB" spellings and converts them when the task definition is
 * registered (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html).
 *
 * @param cpu    CPU units (1024 per vCPU), or {@code null} when the task sets none
 * @param memory MiB, or {@code null} when the task sets none
 */
public record TaskSize(Integer cpu, Integer memory) {
    /** "Supported values are between 128 CPU units (0.125 vCPUs) and 196608 CPU units (192 vCPUs)." */
    static final int MIN_CPU = 128;
    static final int MAX_CPU = 196_608;

    private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
    private static final Pattern VCPU = Pattern.compile("(\\d{1,6}(?:\\.\\d+)?|\\.\\d+)\\s*vcpu", Pattern.CASE_INSENSITIVE);
    private static final Pattern GB = Pattern.compile("(\\d{1,6}(?:\\.\\d+)?|\\.\\d+)\\s*gb", Pattern.CASE_INSENSITIVE);
    private static final BigDecimal UNITS_PER_VCPU = BigDecimal.valueOf(1024);
    private static final BigDecimal MIB_PER_GB = BigDecimal.valueOf(1024);

    /** The task size a RegisterTaskDefinition request asks for, or AWS's ClientException for a value it can't read. */
    public static TaskSize parse(String cpu, String memory) {
        return new TaskSize(parseCpu(cpu), parseMemory(memory));
    }

    public boolean hasCpu() {
        return cpu != null;
    }

    public boolean hasMemory() {
        return memory != null;
    }

    /** The cpu as the task definition shows it after registration, for example "1024". */
    String cpuText() {
        return cpu == null ? null : cpu.toString();
    }

    String memoryText() {
        return memory == null ? null : memory.toString();
    }

    private static Integer parseCpu(String text) {
        if (text == null) {
            return null;
        }
        Integer units = convert(text.trim(), VCPU, UNITS_PER_VCPU);
        if (units == null || units < MIN_CPU || units > MAX_CPU) {
            throw EcsErrors.client("Invalid 'cpu' setting for task. Give CPU units between " + MIN_CPU + " and " + MAX_CPU
                    + " (1024 units are 1 vCPU), for example \"256\" or \"1 vCPU\"; '" + text + "' is not.");
        }
        return units;
    }

    private static Integer parseMemory(String text) {
        if (text == null) {
            return null;
        }
        Integer mib = convert(text.trim(), GB, MIB_PER_GB);
        if (mib == null || mib < 1) {
            throw EcsErrors.client("Invalid 'memory' setting for task. Give MiB, for example \"512\", or GB, "
                    + "for example \"2 GB\"; '" + text + "' is not.");
        }
        return mib;
    }

    /** A whole number as it is, or a number with {@code unit} multiplied out; {@code null} if neither or not whole. */
    private static Integer convert(String text, Pattern unit, BigDecimal factor) {
        if (WHOLE.matcher(text).matches()) {
            return Integer.valueOf(text);
        }
        Matcher matcher = unit.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        BigDecimal value = new BigDecimal(matcher.group(1)).multiply(factor);
        try {
            return value.intValueExact();
        } catch (ArithmeticException notWhole) {
            return null;
        }
    }
}
