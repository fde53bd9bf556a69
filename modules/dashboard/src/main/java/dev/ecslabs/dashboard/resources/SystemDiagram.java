package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Pages;
import dev.ecslabs.dashboard.resources.LoadBalancersSection.LoadBalancerView;
import dev.ecslabs.dashboard.resources.LoadBalancersSection.TargetGroupView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The running system as one picture, for the projector: who a request from the internet meets
 * (load balancers), the ECS services behind them with each task as a dot coloured by its
 * {@code lastStatus} and ringed by its health in the target group, and who reaches whom by name
 * (Service Connect aliases, Cloud Map names). Drawn from the APIs only, so it shows the same on any
 * backend. The APIs do not say which program looks up a Cloud Map name; a service whose task
 * definition's environment names it is drawn as the caller, else "any task in the VPC" is.
 */
public record SystemDiagram(List<Node> nodes, List<Edge> edges, int width, int height) {
    static final int NODE_WIDTH = 230;
    static final int COLUMN_GAP = 140;
    static final int ROW_GAP = 36;
    static final int MARGIN = 20;
    static final int TASKS_PER_ROW = 10;
    static final int TASK_SIZE = 16;

    /**
     * One box: the internet, a load balancer, an ECS service or the VPC's anonymous callers.
     *
     * @param kind    {@code internet}, {@code load-balancer}, {@code service} or {@code vpc}
     * @param details lines under the name (scheme and local URL, running/desired and rollout state)
     */
    public record Node(String id, String kind, String name, List<String> details, List<TaskDot> tasks, int x, int y, int height) {
        public int width() {
            return NODE_WIDTH;
        }

        /** Where the task dots start: below the name and the detail lines. */
        public int tasksTop() {
            return y + 26 + 16 * details.size();
        }

        /** The dot's top-left corner, ten to a row. */
        public int taskX(int index) {
            return x + 10 + (index % TASKS_PER_ROW) * (TASK_SIZE + 5);
        }

        public int taskY(int index) {
            return tasksTop() + (index / TASKS_PER_ROW) * (TASK_SIZE + 5);
        }
    }

    /**
     * A task: its id's last part, {@code lastStatus}, and its health in the service's target groups
     * ({@code healthy}, {@code unhealthy}, {@code draining}, {@code initial}…; null when it is in none).
     */
    public record TaskDot(String id, String status, String health, String address) {
        /** The browser's tooltip: what the dot is. */
        public String title() {
            return "task " + id + " · " + status + (health == null ? "" : " · target " + health) + (address == null ? "" : " · " + address);
        }
    }

    /**
     * An arrow, with how the request travels it.
     *
     * @param via {@code internet}, {@code target-group}, {@code service-connect} or {@code cloud-map}
     */
    public record Edge(String from, String to, String label, String via, int x1, int y1, int x2, int y2) {
        /** A curve from the right side of one box to the left side of the other. */
        public String path() {
            int bend = Math.max(30, (x2 - x1) / 2);
            return "M" + x1 + "," + y1 + " C" + (x1 + bend) + "," + y1 + " " + (x2 - bend) + "," + y2 + " " + x2 + "," + y2;
        }

        public int labelX() {
            return (x1 + x2) / 2;
        }

        public int labelY() {
            return (y1 + y2) / 2 - 6;
        }
    }

    /** Nothing to draw: no load balancer and no service. */
    public boolean isEmpty() {
        return nodes.stream().noneMatch(n -> n.kind().equals("service") || n.kind().equals("load-balancer"));
    }

    public String render() {
        return Pages.render("resources/systemDiagram.jte", this);
    }

    /**
     * Draws what was read: the clusters, the load balancers (with target health) and the named
     * connections; {@code environmentOf} answers a task definition ARN's environment values (empty
     * when unknown).
     */
    static SystemDiagram of(List<ClusterView> clusters, LoadBalancersSection balancers, ConnectionsSection connections,
                            Function<String, List<String>> environmentOf) {
        Graph graph = new Graph();
        Map<String, TargetGroupView> groups = new HashMap<>();
        boolean internetFacing = false;
        for (LoadBalancerView balancer : balancers.loadBalancers()) {
            String id = "lb:" + balancer.loadBalancer().loadBalancerName();
            List<String> details = new ArrayList<>();
            details.add(balancer.loadBalancer().typeAsString() + " · " + balancer.loadBalancer().schemeAsString()
                    + " · " + (balancer.loadBalancer().state() == null ? "?" : balancer.loadBalancer().state().codeAsString()));
            balancer.listeners().forEach(l -> details.add(l.listener().protocolAsString() + ":" + l.listener().port()
                    + (l.localUrl() == null ? "" : " → " + l.localUrl())));
            graph.node(id, "load-balancer", balancer.loadBalancer().loadBalancerName(), details, List.of());
            if ("internet-facing".equals(balancer.loadBalancer().schemeAsString())) {
                internetFacing = true;
                graph.edge("internet", id, "HTTP", "internet");
            }
            balancer.targetGroups().forEach(g -> groups.put(g.group().targetGroupArn(), g));
        }
        if (internetFacing) {
            graph.node("internet", "internet", "the internet", List.of("clients"), List.of());
        }
        Map<String, String> serviceIds = new HashMap<>();
        for (ClusterView cluster : clusters) {
            for (Service service : cluster.services()) {
                if (!"ACTIVE".equals(service.status())) {
                    continue;
                }
                String id = "service:" + cluster.cluster().clusterName() + "/" + service.serviceName();
                serviceIds.putIfAbsent(service.serviceName(), id);
                List<TargetHealthDescription> targets = service.loadBalancers().stream().map(l -> groups.get(l.targetGroupArn()))
                        .filter(Objects::nonNull).flatMap(g -> g.targets().stream()).toList();
                List<TaskDot> dots = cluster.tasksOf(service).stream().filter(t -> !"STOPPED".equals(t.lastStatus()))
                        .map(t -> dot(t, targets)).toList();
                List<String> details = List.of(cluster.cluster().clusterName() + " · " + service.runningCount() + "/"
                        + service.desiredCount() + " running", rollout(service));
                graph.node(id, "service", service.serviceName(), details, dots);
                for (var balancer : service.loadBalancers()) {
                    TargetGroupView group = groups.get(balancer.targetGroupArn());
                    if (group != null) {
                        group.group().loadBalancerArns().forEach(lb -> balancers.loadBalancers().stream()
                                .filter(b -> b.loadBalancer().loadBalancerArn().equals(lb)).findFirst()
                                .ifPresent(b -> graph.edge("lb:" + b.loadBalancer().loadBalancerName(), id,
                                        "target group " + group.group().targetGroupName(), "target-group")));
                    }
                }
            }
        }
        Map<String, List<String>> environments = new HashMap<>();
        clusters.forEach(c -> c.services().forEach(s -> {
            String id = serviceIds.get(s.serviceName());
            if (id != null && s.taskDefinition() != null) {
                environments.put(id, environmentOf.apply(s.taskDefinition()));
            }
        }));
        for (List<ConnectionsSection.Edge> edges : connections.byNamespace().values()) {
            for (ConnectionsSection.Edge edge : edges) {
                String to = serviceIds.get(edge.to());
                if (to == null) {
                    continue;
                }
                String from = serviceIds.get(edge.from());
                if (from != null) {
                    graph.edge(from, to, edge.name(), "service-connect");
                    continue;
                }
                List<String> callers = callersNaming(edge.name(), environments);
                if (callers.isEmpty()) {
                    graph.node("vpc", "vpc", "any task in the VPC", List.of("by DNS or DiscoverInstances"), List.of());
                    graph.edge("vpc", to, edge.name(), "cloud-map");
                }
                callers.stream().filter(caller -> !caller.equals(to)).forEach(caller -> graph.edge(caller, to, edge.name(), "cloud-map"));
            }
        }
        return graph.layout();
    }

    /**
     * The services whose environment names a Cloud Map name: {@code orders.shop.local} (in a URL, or as the course
     * app's {@code BACKEND_DISCOVERY=shop.local/orders}), or the service name of "orders (DiscoverInstances)" next to
     * its namespace.
     */
    static List<String> callersNaming(String name, Map<String, List<String>> environments) {
        String bare = name.replace(" (DiscoverInstances)", "");
        int dot = bare.indexOf('.');
        String discovery = dot > 0 ? bare.substring(dot + 1) + "/" + bare.substring(0, dot) : null;
        return environments.entrySet().stream().filter(e -> e.getValue().stream()
                        .anyMatch(value -> dot > 0 ? value.contains(bare) || value.equals(discovery) : value.equals(bare)))
                .map(Map.Entry::getKey).toList();
    }

    private static TaskDot dot(Task task, List<TargetHealthDescription> targets) {
        String address = task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> "privateIPv4Address".equals(d.name())).map(d -> d.value()).findFirst().orElse(null);
        String health = targets.stream().filter(t -> t.target() != null && address != null && address.equals(t.target().id()))
                .map(t -> t.targetHealth() == null ? null : t.targetHealth().stateAsString()).filter(Objects::nonNull)
                .findFirst().orElse(null);
        String arn = task.taskArn();
        return new TaskDot(arn.substring(arn.lastIndexOf('/') + 1), task.lastStatus(), health, address);
    }

    private static String rollout(Service service) {
        return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
                .map(d -> "rollout " + (d.rolloutStateAsString() == null ? "?" : d.rolloutStateAsString().toLowerCase())
                        + (service.deployments().size() > 1 ? " · " + service.deployments().size() + " deployments" : ""))
                .orElse("no deployment");
    }

    /** Nodes and edges as they are found; {@link #layout()} places them in columns by how far a request travels to reach them. */
    private static final class Graph {
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final List<String[]> edges = new ArrayList<>();

        void node(String id, String kind, String name, List<String> details, List<TaskDot> tasks) {
            nodes.putIfAbsent(id, new Node(id, kind, name, details, tasks, 0, 0, 0));
        }

        void edge(String from, String to, String label, String via) {
            if (edges.stream().noneMatch(e -> e[0].equals(from) && e[1].equals(to) && e[2].equals(label))) {
                edges.add(new String[] {from, to, label, via});
            }
        }

        /** Column = the longest chain of arrows leading to the box (cycles cut); rows in the order found. */
        SystemDiagram layout() {
            Map<String, Integer> column = new HashMap<>();
            nodes.keySet().forEach(id -> column.put(id, 0));
            for (int round = 0; round < nodes.size(); round++) {
                boolean moved = false;
                for (String[] edge : edges) {
                    if (nodes.containsKey(edge[0]) && nodes.containsKey(edge[1]) && column.get(edge[1]) < column.get(edge[0]) + 1
                            && column.get(edge[0]) + 1 < nodes.size()) {
                        column.put(edge[1], column.get(edge[0]) + 1);
                        moved = true;
                    }
                }
                if (!moved) {
                    break;
                }
            }
            Map<Integer, Integer> nextY = new HashMap<>();
            Map<String, Node> placed = new LinkedHashMap<>();
            int width = MARGIN;
            int height = MARGIN;
            for (Node node : nodes.values()) {
                int c = column.get(node.id());
                int x = MARGIN + c * (NODE_WIDTH + COLUMN_GAP);
                int y = nextY.getOrDefault(c, MARGIN);
                int rows = (node.tasks().size() + TASKS_PER_ROW - 1) / TASKS_PER_ROW;
                int boxHeight = 34 + 16 * node.details().size() + rows * (TASK_SIZE + 5);
                placed.put(node.id(), new Node(node.id(), node.kind(), node.name(), node.details(), node.tasks(), x, y, boxHeight));
                nextY.put(c, y + boxHeight + ROW_GAP);
                width = Math.max(width, x + NODE_WIDTH + MARGIN);
                height = Math.max(height, y + boxHeight + MARGIN);
            }
            List<Edge> drawn = new ArrayList<>();
            for (String[] edge : edges) {
                Node from = placed.get(edge[0]);
                Node to = placed.get(edge[1]);
                if (from != null && to != null) {
                    drawn.add(new Edge(from.id(), to.id(), edge[2], edge[3], from.x() + NODE_WIDTH, from.y() + 18,
                            to.x(), to.y() + 18));
                }
            }
            return new SystemDiagram(List.copyOf(placed.values()), drawn, width, height);
        }
    }
}
