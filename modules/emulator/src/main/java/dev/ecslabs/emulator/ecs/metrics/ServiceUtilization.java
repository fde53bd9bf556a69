package dev.ecslabs.emulator.ecs.metrics;

import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.cloudwatch.metrics.Metrics;
import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.TaskStatus;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.state.AccountRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * ECS's service utilisation metrics: every minute, {@code AWS/ECS CPUUtilization} and
 * {@code MemoryUtilization} of each ACTIVE service with RUNNING tasks, with the dimensions
 * {@code ClusterName} and {@code ServiceName}, unit Percent, one statistic set over its tasks for the
 * minute that ended (so Average, Minimum and Maximum are over tasks, as ECS's are:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_utilization.html).
 *
 * <p>A task whose containers run as real processes is measured: CPU time used since the last
 * minute over the real time passed and the task's vCPUs, and the processes' resident memory over
 * the task's memory. A simulated task follows the load model, from the requests per second set
 * with {@code POST /_emulator/load}, shared evenly by the service's running tasks:
 * {@code CPUUtilization = min(100, 2 + 100 × (requests per second per task) / (200 × vCPU))} (a
 * vCPU serves 200 requests a second at full load; an idle task shows 2 %), and
 * {@code MemoryUtilization = min(100, 20 + 0.3 × CPUUtilization)}.
 *
 * <p>It publishes only while the account-region uses CloudWatch (its metrics were written or read,
 * an alarm exists) or has load set: an emulator nobody asks for metrics does no work each minute.
 */
public final class ServiceUtilization implements EveryMinute.Step {
    public static final String NAMESPACE = "AWS/ECS";
    static final double REQUESTS_PER_VCPU = 200;
    static final double IDLE_CPU = 2;

    private record Sample(long cpuNanos, long realNanos) {
    }

    private final Fargate fargate;
    private final Map<Long, Sample> lastSamples = new ConcurrentHashMap<>();

    public ServiceUtilization(Fargate fargate) {
        this.fargate = fargate;
    }

    @Override
    public boolean run(AccountRegion region, Instant minute) {
        boolean loaded = region.existingArea(ServiceLoad.class).filter(load -> !load.isEmpty()).isPresent();
        if (region.existingArea(Metrics.class).isEmpty() && !loaded) {
            return false;
        }
        Services services = region.existingArea(Services.class).orElse(null);
        Tasks tasks = region.existingArea(Tasks.class).orElse(null);
        if (services == null || tasks == null) {
            return loaded;
        }
        ServiceLoad load = ServiceLoad.of(region);
        Instant ended = minute.minus(Duration.ofMinutes(1));
        for (Services.ServiceSummary service : services.summaries()) {
            if (!service.isActive()) {
                continue;
            }
            String clusterName = clusterName(service.clusterArn());
            List<TaskRun> running = new ArrayList<>();
            for (TaskRun run : tasks.inCluster(service.clusterArn())) {
                if (run.status() == TaskStatus.RUNNING && ("service:" + service.serviceName()).equals(run.task().group())) {
                    running.add(run);
                }
            }
            if (running.isEmpty()) {
                continue; // no task, no datapoint: the alarm sees missing data, as on AWS
            }
            double perTask = load.of(clusterName, service.serviceName()) / running.size();
            List<double[]> utilisation = new ArrayList<>();
            for (TaskRun run : running) {
                utilisation.add(measure(region, run, perTask));
            }
            List<Dimension> dimensions = List.of(Dimension.builder().name("ClusterName").value(clusterName).build(),
                    Dimension.builder().name("ServiceName").value(service.serviceName()).build());
            publish(region, "CPUUtilization", dimensions, ended, utilisation, 0);
            publish(region, "MemoryUtilization", dimensions, ended, utilisation, 1);
        }
        return true;
    }

    private static void publish(AccountRegion region, String name, List<Dimension> dimensions, Instant at,
                                List<double[]> utilisation, int index) {
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double[] task : utilisation) {
            sum += task[index];
            min = Math.min(min, task[index]);
            max = Math.max(max, task[index]);
        }
        Metrics.of(region).publish(NAMESPACE, name, dimensions, at, false, utilisation.size(), sum, min, max, "Percent");
    }

    /** The task's CPU and memory utilisation in percent: measured from its processes, else the load model's. */
    private double[] measure(AccountRegion region, TaskRun run, double requestsPerSecond) {
        double vcpu = units(run.task().cpu(), 256) / 1024.0;
        double memoryMiB = units(run.task().memory(), 512);
        List<ProcessHandle> processes = fargate.processes(region, run);
        if (!processes.isEmpty()) {
            double cpu = 0;
            double residentMiB = 0;
            for (ProcessHandle process : processes) {
                cpu += cpuShare(process);
                residentMiB += residentMiB(process);
            }
            return new double[] {Math.min(100, 100 * cpu / vcpu), Math.min(100, 100 * residentMiB / memoryMiB)};
        }
        double cpu = Math.min(100, IDLE_CPU + 100 * requestsPerSecond / (REQUESTS_PER_VCPU * vcpu));
        return new double[] {cpu, Math.min(100, 20 + 0.3 * cpu)};
    }

    /** The share of one CPU the process used since it was last measured (since it started, the first time). */
    private double cpuShare(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        long cpu = info.totalCpuDuration().map(Duration::toNanos).orElse(0L);
        long now = System.nanoTime();
        Sample last = lastSamples.put(process.pid(), new Sample(cpu, now));
        if (last == null) {
            long lived = info.startInstant().map(start -> Duration.between(start, Instant.now()).toNanos()).orElse(0L);
            return lived <= 0 ? 0 : (double) cpu / lived;
        }
        long real = now - last.realNanos();
        return real <= 0 ? 0 : (double) (cpu - last.cpuNanos()) / real;
    }

    /** The process's resident memory in MiB, from Linux's {@code /proc/<pid>/status}; 0 where that is not readable. */
    private static double residentMiB(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static double units(String value, double fallback) {
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static String clusterName(String clusterArn) {
        return clusterArn.substring(clusterArn.indexOf('/') + 1);
    }
}
