package dev.ecslabs.labkit.cleanup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of resources in one account, by kind: what a test class created (recorded as it goes) or
 * what an account holds (listed for {@code ./lab clean}). Safe to add to from several threads.
 */
public final class ResourceSet {

    /** An ECS service, or a task, in its cluster. */
    public record InCluster(String cluster, String arn) {
    }

    /** A Cloud Map instance of a Cloud Map service. */
    public record Instance(String serviceId, String instanceId) {
    }

    private final Set<String> clusters = new LinkedHashSet<>();
    private final Set<InCluster> services = new LinkedHashSet<>();
    private final Set<InCluster> tasks = new LinkedHashSet<>();
    private final Set<String> taskDefinitions = new LinkedHashSet<>();
    private final Map<String, Integer> repositories = new LinkedHashMap<>();
    private final Set<String> namespaceIds = new LinkedHashSet<>();
    private final Set<String> namespaceNames = new LinkedHashSet<>();
    private final Set<String> cloudMapServices = new LinkedHashSet<>();
    private final Set<Instance> instances = new LinkedHashSet<>();
    private final Set<String> roles = new LinkedHashSet<>();
    private final Set<String> logGroups = new LinkedHashSet<>();
    private final Set<String> loadBalancers = new LinkedHashSet<>();
    private final Set<String> targetGroups = new LinkedHashSet<>();
    private final Set<String> listeners = new LinkedHashSet<>();

    public synchronized void addCluster(String arn) {
        clusters.add(arn);
    }

    public synchronized void addService(String cluster, String serviceArn) {
        services.add(new InCluster(cluster, serviceArn));
    }

    public synchronized void addTask(String cluster, String taskArn) {
        tasks.add(new InCluster(cluster, taskArn));
    }

    /** A task definition revision, by its ARN ({@code …:task-definition/family:revision}). */
    public synchronized void addTaskDefinition(String arn) {
        taskDefinitions.add(arn);
    }

    /** A repository, with how many images it holds when that is known (else -1). */
    public synchronized void addRepository(String name, int images) {
        repositories.merge(name, images, Math::max);
    }

    /** A Cloud Map namespace by its id ({@code ns-…}). */
    public synchronized void addNamespaceId(String id) {
        namespaceIds.add(id);
    }

    /** A Cloud Map namespace by its name: creating one answers only an operation, not the namespace's id. */
    public synchronized void addNamespaceName(String name) {
        namespaceNames.add(name);
    }

    public synchronized void addCloudMapService(String id) {
        cloudMapServices.add(id);
    }

    public synchronized void addInstance(String serviceId, String instanceId) {
        instances.add(new Instance(serviceId, instanceId));
    }

    /** An IAM role, by its name (IAM is global: one per account, whatever the Region). */
    public synchronized void addRole(String name) {
        roles.add(name);
    }

    /** A CloudWatch Logs group, by its name. */
    public synchronized void addLogGroup(String name) {
        logGroups.add(name);
    }

    public synchronized List<String> roles() {
        return List.copyOf(roles);
    }

    public synchronized List<String> logGroups() {
        return List.copyOf(logGroups);
    }

    /** An Elastic Load Balancing load balancer, by ARN. */
    public synchronized void addLoadBalancer(String arn) {
        loadBalancers.add(arn);
    }

    /** An Elastic Load Balancing listener, by ARN (deleted before its load balancer, as AWS's order goes). */
    public synchronized void addListener(String arn) {
        listeners.add(arn);
    }

    public synchronized List<String> listeners() {
        return List.copyOf(listeners);
    }

    /** An Elastic Load Balancing target group, by ARN. */
    public synchronized void addTargetGroup(String arn) {
        targetGroups.add(arn);
    }

    public synchronized List<String> loadBalancers() {
        return List.copyOf(loadBalancers);
    }

    public synchronized List<String> targetGroups() {
        return List.copyOf(targetGroups);
    }

    public synchronized List<String> clusters() {
        return List.copyOf(clusters);
    }

    public synchronized List<InCluster> services() {
        return List.copyOf(services);
    }

    public synchronized List<InCluster> tasks() {
        return List.copyOf(tasks);
    }

    public synchronized List<String> taskDefinitions() {
        return List.copyOf(taskDefinitions);
    }

    public synchronized List<String> repositories() {
        return List.copyOf(repositories.keySet());
    }

    public synchronized List<String> namespaceIds() {
        return List.copyOf(namespaceIds);
    }

    public synchronized List<String> namespaceNames() {
        return List.copyOf(namespaceNames);
    }

    public synchronized List<String> cloudMapServices() {
        return List.copyOf(cloudMapServices);
    }

    public synchronized List<Instance> instances() {
        return List.copyOf(instances);
    }

    public synchronized boolean isEmpty() {
        return clusters.isEmpty() && services.isEmpty() && tasks.isEmpty() && taskDefinitions.isEmpty()
                && repositories.isEmpty() && namespaceIds.isEmpty() && namespaceNames.isEmpty()
                && cloudMapServices.isEmpty() && instances.isEmpty() && roles.isEmpty() && logGroups.isEmpty()
                && loadBalancers.isEmpty() && targetGroups.isEmpty() && listeners.isEmpty();
    }

    /**
     * In words, for a confirmation: "3 clusters, 2 services, 5 tasks, 12 task definition revisions,
     * 2 repositories (101 images), 1 Cloud Map namespace, 2 Cloud Map services, 4 instances, 1 IAM role,
     * 1 log group".
     */
    public synchronized String describe() {
        if (isEmpty()) {
            return "nothing";
        }
        List<String> parts = new ArrayList<>();
        count(parts, clusters.size(), "cluster", "clusters");
        count(parts, services.size(), "service", "services");
        count(parts, tasks.size(), "task", "tasks");
        count(parts, taskDefinitions.size(), "task definition revision", "task definition revisions");
        if (!repositories.isEmpty()) {
            int images = repositories.values().stream().filter(n -> n > 0).mapToInt(Integer::intValue).sum();
            boolean known = repositories.values().stream().allMatch(n -> n >= 0);
            parts.add(plural(repositories.size(), "repository", "repositories")
                    + (known ? " (" + plural(images, "image", "images") + ")" : ""));
        }
        count(parts, namespaceIds.size() + namespaceNames.size(), "Cloud Map namespace", "Cloud Map namespaces");
        count(parts, cloudMapServices.size(), "Cloud Map service", "Cloud Map services");
        count(parts, instances.size(), "Cloud Map instance", "Cloud Map instances");
        count(parts, roles.size(), "IAM role", "IAM roles");
        count(parts, logGroups.size(), "log group", "log groups");
        count(parts, loadBalancers.size(), "load balancer", "load balancers");
        count(parts, listeners.size(), "listener", "listeners");
        count(parts, targetGroups.size(), "target group", "target groups");
        return String.join(", ", parts);
    }

    private static void count(List<String> parts, int n, String one, String many) {
        if (n > 0) {
            parts.add(plural(n, one, many));
        }
    }

    static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    @Override
    public String toString() {
        return describe();
    }
}
