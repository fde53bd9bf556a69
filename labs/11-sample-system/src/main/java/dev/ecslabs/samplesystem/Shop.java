package dev.ecslabs.samplesystem;

import java.util.List;

/**
 * The shop's names and where it lives: every name the program creates is made here from one base
 * name ({@code shop} in a fresh account), so that a second shop in the same account never meets the
 * first, and teardown finds everything again by name alone. Given: nothing to write here.
 *
 * @param name      the base name: the cluster, and the first part of every other name
 * @param vpcId     the VPC the namespace and the target groups belong to
 * @param subnets   the subnets the load balancers and the tasks use (two Availability Zones at least)
 * @param region    the Region (the awslogs driver and the ARNs need it)
 * @param accountId the account (for the ARNs in the execution role's policy)
 */
public record Shop(String name, String vpcId, List<String> subnets, String region, String accountId) {
    public static final String FRONTEND = "frontend";
    public static final String CATALOG = "catalog";
    public static final String ORDERS = "orders";
    /** The three apps, each called by the next: deployed in this order, so that what an app calls is there first. */
    public static final List<String> APPS = List.of(ORDERS, CATALOG, FRONTEND);
    /** The port every app listens on, and the port of the catalog's Service Connect name. */
    public static final int PORT = 8080;
    /** The name of every container port mapping: Service Connect refers to a port by it. */
    public static final String PORT_NAME = "http";
    /** The port of both load balancers' listeners. */
    public static final int LISTENER_PORT = 80;

    public String cluster() {
        return name;
    }

    /** The app's ECR repository, for example {@code shop/catalog}. */
    public String repository(String app) {
        return name + "/" + app;
    }

    public String repositoryArn(String app) {
        return "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + repository(app);
    }

    /** The app's log group, for example {@code /ecs/shop/catalog}. */
    public String logGroup(String app) {
        return "/ecs/" + name + "/" + app;
    }

    public String logGroupArn(String app) {
        return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + logGroup(app);
    }

    /** The app's task definition family, for example {@code shop-catalog}. */
    public String family(String app) {
        return name + "-" + app;
    }

    /** The ECS service of the app: its own name, in the shop's own cluster. */
    public String service(String app) {
        return app;
    }

    /** The role all three tasks are started with (pulls their images, writes their logs). */
    public String executionRole() {
        return name + "-execution";
    }

    /** The catalog's task role: what the catalog app itself may call (DiscoverInstances, to find orders). */
    public String catalogTaskRole() {
        return name + "-catalog";
    }

    /** The task role's ARN, as IAM makes it from the account and the name (path {@code /}). */
    public String catalogTaskRoleArn() {
        return "arn:aws:iam::" + accountId + ":role/" + catalogTaskRole();
    }

    /** The Cloud Map namespace, for example {@code shop.local}: Service Connect's and the orders' DNS names. */
    public String namespace() {
        return name + ".local";
    }

    /** What the catalog discovers orders by ({@code BACKEND_DISCOVERY}): {@code <namespace>/orders}. */
    public String ordersDiscovery() {
        return namespace() + "/" + ORDERS;
    }

    /** The internet-facing load balancer in front of the frontend. */
    public String publicLoadBalancer() {
        return name;
    }

    /** The internal load balancer of the catalog: its target group is what the catalog scales on. */
    public String internalLoadBalancer() {
        return name + "-internal";
    }

    /** The target group of the app's tasks, for example {@code shop-catalog}. */
    public String targetGroup(String app) {
        return name + "-" + app;
    }

    /** The resource id of the catalog's service in Application Auto Scaling. */
    public String catalogScalingResourceId() {
        return "service/" + cluster() + "/" + service(CATALOG);
    }
}
