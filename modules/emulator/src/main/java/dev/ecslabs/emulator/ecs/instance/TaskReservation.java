package dev.ecslabs.emulator.ecs.instance;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

/**
 * What a task holds on its container instance from the moment it is placed until it is STOPPED:
 * CPU units, MiB of memory, host ports (TCP and UDP), and for an awsvpc task one network
 * interface (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html).
 */
public record TaskReservation(int cpu, int memory, Set<Integer> tcpPorts, Set<Integer> udpPorts, int networkInterfaces) {
    public static final TaskReservation NONE = new TaskReservation(0, 0, Set.of(), Set.of(), 0);

    /** What a placed task reserves, read from the task: its cpu and memory, and its containers' host ports. */
    public static TaskReservation of(Task task) {
        Set<Integer> tcp = new TreeSet<>();
        Set<Integer> udp = new TreeSet<>();
        for (Container container : task.containers()) {
            for (NetworkBinding binding : container.networkBindings()) {
                if (binding.hostPort() == null) {
                    continue;
                }
                (binding.protocol() == TransportProtocol.UDP ? udp : tcp).add(binding.hostPort());
            }
        }
        int enis = task.attachments().stream().anyMatch(a -> "ElasticNetworkInterface".equals(a.type())) ? 1 : 0;
        return new TaskReservation(parse(task.cpu()), parse(task.memory()), tcp, udp, enis);
    }

    public static TaskReservation sum(Collection<TaskReservation> reservations) {
        int cpu = 0;
        int memory = 0;
        int enis = 0;
        Set<Integer> tcp = new TreeSet<>();
        Set<Integer> udp = new TreeSet<>();
        for (TaskReservation r : reservations) {
            cpu += r.cpu;
            memory += r.memory;
            enis += r.networkInterfaces;
            tcp.addAll(r.tcpPorts);
            udp.addAll(r.udpPorts);
        }
        return new TaskReservation(cpu, memory, tcp, udp, enis);
    }

    public List<Integer> allPorts() {
        return tcpPorts.stream().toList();
    }

    private static int parse(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
