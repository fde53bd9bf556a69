package dev.ecslabs.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.fixtures.RunningDashboard;
import dev.ecslabs.dashboard.fixtures.ServiceConnectBackend;
import dev.ecslabs.dashboard.fixtures.TinyImages;
import dev.ecslabs.dashboard.fixtures.Workloads;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.labkit.cleanup.Poll;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/** The resources page over real HTTP, with the emulator behind it: many resources, pictures, times, and emptying the account. */
class ResourcesPageTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    RunningDashboard running;
    EcsClient ecs;
    EcsWaiter waiter;

    @BeforeEach
    void start() {
        running = new RunningDashboard(dir);
        ecs = running.learnerEcs();
        waiter = Workloads.waiter(ecs);
    }

    @AfterEach
    void stop() {
        waiter.close();
        ecs.close();
        running.close();
    }

    @Test
    @DisplayName("With 40 clusters and a 100-image repository the page stays usable: clusters in use first, the idle ones "
            + "folded into one group newest first, images newest first with the older ones folded, sizes in bytes")
    void manyResources() throws Exception {
        for (int i = 1; i <= 39; i++) {
            String name = String.format("idle-%02d", i);
            ecs.createCluster(b -> b.clusterName(name));
        }
        ecs.createCluster(b -> b.clusterName("busy"));
        Workloads.runTask(ecs, "busy", Workloads.register(ecs, "job"));
        try (EcrClient ecr = running.learnerEcr()) {
            TinyImages.push(ecr, "shop/api", 100);
        }

        String page = get("/fragments/resources");

        assertThat(page).contains("40 clusters, 1 in use", "<details class=\"idle\" data-key=\"idle-clusters\"><summary>39 clusters "
                + "with nothing running, newest first</summary>");
        assertThat(page.indexOf("data-name=\"busy\"")).as("the cluster in use comes first").isLessThan(page.indexOf("data-name=\"idle-"));
        assertThat(page.indexOf("data-name=\"idle-39\"")).as("newest first").isLessThan(page.indexOf("data-name=\"idle-01\""));
        String repository = section(page, "ecr");
        assertThat(repository).contains("100 images", "<summary>90 older images</summary>", "12 B").doesNotContain("0.0 KiB");
        assertThat(repository.indexOf("<td>v100</td>")).as("the newest push first").isPositive()
                .isLessThan(repository.indexOf("<td>v91</td>"));
        assertThat(repository.indexOf("<td>v90</td>")).as("older images are folded").isGreaterThan(repository.indexOf("90 older images"));
    }

    @Test
    @DisplayName("Times read on any clock: the page says once that AWS time runs 20× faster, and a task's steps are durations "
            + "after the one before")
    void timesAreDurations() throws Exception {
        ecs.createCluster(b -> b.clusterName("timed"));
        String task = Workloads.runTask(ecs, "timed", Workloads.register(ecs, "job"));
        waiter.waitUntilTasksRunning(b -> b.cluster("timed").tasks(task));

        String page = get("/fragments/resources");

        assertThat(count(page, "AWS time runs 20× faster here")).isEqualTo(1);
        assertThat(page).containsPattern("<li data-step=\"PROVISIONING\">PROVISIONING <time datetime=\"[^\"]+\" title=\"AWS time "
                + "[^\"]+\">\\d+ (ms|s) ago</time> <span class=\"real\">\\(\\d\\d:\\d\\d:\\d\\d\\)</span></li>");
        assertThat(page).containsPattern("<li data-step=\"RUNNING\">RUNNING <span class=\"after\">\\d+ (ms|s) after PULLED</span></li>");
    }

    @Test
    @DisplayName("Each service is drawn with its tasks (state, IP, revision) and its rollout: running tasks per deployment")
    void servicesAndRollouts() throws Exception {
        ecs.createCluster(b -> b.clusterName("shop"));
        Workloads.service(ecs, waiter, "shop", "web", Workloads.register(ecs, "web"), 2);
        Workloads.roll(ecs, waiter, "shop", "web", Workloads.register(ecs, "web"));

        String page = get("/fragments/resources");

        assertThat(page).contains("<svg class=\"rollout-chart\" data-service=\"web\"");
        assertThat(page).containsPattern("<polyline class=\"deployment primary\" data-deployment=\"ecs-svc/\\d+\" "
                + "data-status=\"PRIMARY\" data-revision=\"web:2\" data-running-now=\"2\"");
        assertThat(page).containsPattern("<polyline class=\"deployment [a-z]+\" data-deployment=\"ecs-svc/\\d+\" "
                + "data-status=\"[A-Z]+\" data-revision=\"web:1\" data-running-now=\"0\"");
        Matcher chips = Pattern.compile("<li class=\"chip\" data-status=\"RUNNING\" data-task=\"[^\"]+\" title=\"[^\"]+\">"
                + "<span class=\"state\">RUNNING</span> <span class=\"ip\">\\d+\\.\\d+\\.\\d+\\.\\d+</span> "
                + "<span class=\"revision\">web:2</span></li>").matcher(page);
        assertThat(chips.results().count()).as("the new revision's two running tasks, each with its IP").isEqualTo(2);
    }

    @Test
    @DisplayName("A task stopped with StopTask (UserInitiated) is a normal stop, not an error in red")
    void normalStopIsNotAnError() throws Exception {
        ecs.createCluster(b -> b.clusterName("stops"));
        String task = Workloads.runTask(ecs, "stops", Workloads.register(ecs, "job"));
        waiter.waitUntilTasksRunning(b -> b.cluster("stops").tasks(task));
        ecs.stopTask(b -> b.cluster("stops").task(task).reason("Done with it"));
        waiter.waitUntilTasksStopped(b -> b.cluster("stops").tasks(task));

        String page = get("/fragments/resources");

        assertThat(page).contains("<p class=\"stop stop-normal\" data-stop-kind=\"NORMAL\"><strong>UserInitiated</strong>: Done with it")
                .doesNotContain("stop-error");
    }

    @Test
    @DisplayName("Who reaches whom: a Service Connect client reaches the backend by its alias, drawn as an arrow to its task")
    void whoReachesWhom() throws Exception {
        ServiceConnectBackend.create(ecs);
        ecs.createService(r -> r.cluster(ServiceConnectBackend.CLUSTER).serviceName("web")
                .taskDefinition(Workloads.register(ecs, "web")).desiredCount(1).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(dev.ecslabs.emulator.network.DefaultVpc.SUBNET_IDS)))
                .serviceConnectConfiguration(sc -> sc.enabled(true)));
        waiter.waitUntilServicesStable(b -> b.cluster(ServiceConnectBackend.CLUSTER).services("web", ServiceConnectBackend.SERVICE));

        String page = get("/fragments/resources");

        assertThat(section(page, "connections")).contains("data-namespace=\"shop\"")
                .containsPattern("<li class=\"edge\" data-from=\"web\" data-to=\"api\" data-name=\"backend:8080\">"
                        + "<span class=\"node from\">web</span><span class=\"arrow\"><code>backend:8080</code></span>"
                        + "<span class=\"node to\">api</span><span class=\"endpoints\">\\d+\\.\\d+\\.\\d+\\.\\d+:80</span></li>");
    }

    @Test
    @DisplayName("Who reaches whom: an instance registered in Cloud Map by hand is reached by its DNS name")
    void instancesRegisteredByHand() throws Exception {
        try (ServiceDiscoveryClient cloudMap = ServiceDiscoveryClient.builder().endpointOverride(running.emulator.url())
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            cloudMap.createPrivateDnsNamespace(r -> r.name("orders.internal").vpc(DefaultVpc.VPC_ID));
            String namespace = awaitNamespace(cloudMap, "orders.internal");
            String service = cloudMap.createService(r -> r.name("db").namespaceId(namespace)
                    .dnsConfig(d -> d.dnsRecords(rec -> rec.type(RecordType.A).ttl(10L)))).service().id();
            cloudMap.registerInstance(r -> r.serviceId(service).instanceId("db-1").attributes(Map.of("AWS_INSTANCE_IPV4", "10.0.0.9")));
            Boolean registered = Poll.every(Duration.ofMillis(200), 300).until(
                    () -> !cloudMap.listInstances(r -> r.serviceId(service)).instances().isEmpty(), done -> done);
            assertThat(registered).isTrue();
        }

        String page = get("/fragments/resources");

        assertThat(section(page, "connections")).contains("data-namespace=\"orders.internal\"", "<li class=\"edge\" "
                + "data-from=\"any program in the VPC\" data-to=\"1 registered instance\" data-name=\"db.orders.internal\">");
    }

    private static String awaitNamespace(ServiceDiscoveryClient cloudMap, String name) {
        return Poll.every(Duration.ofMillis(200), 300).until(() -> cloudMap.listNamespaces().namespaces().stream()
                .filter(ns -> ns.name().equals(name)).map(ns -> ns.id()).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    @Test
    @DisplayName("Emptying the account says what it will delete, deletes only on the page's own confirmation, and leaves nothing")
    void emptiesTheAccount() throws Exception {
        ecs.createCluster(b -> b.clusterName("left-over"));
        Workloads.service(ecs, waiter, "left-over", "web", Workloads.register(ecs, "web"), 1);
        try (EcrClient ecr = running.learnerEcr()) {
            TinyImages.push(ecr, "old/images", 3);
        }

        String confirm = get(CleanPage.PATH);

        assertThat(confirm).contains("This deletes everything in", "account 000000000000", "1 cluster, 1 service, 1 task, "
                + "1 task definition revision, 1 repository (3 images)", "<form method=\"post\" action=\"/resources/clean\"");
        assertThat(post(CleanPage.PATH, null).statusCode()).as("a POST from elsewhere").isEqualTo(403);
        assertThat(get("/fragments/resources")).as("nothing deleted yet").contains("data-name=\"left-over\"");

        HttpResponse<String> done = post(CleanPage.PATH, running.dashboard.url().toString());

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("<p class=\"clean-done\">Deleted 1 cluster, 1 service").doesNotContain("class=\"problem\"");
        String after = get("/fragments/resources");
        assertThat(after).contains("No clusters yet.", "No task definitions yet.", "No repositories yet.");
        assertThat(get(CleanPage.PATH)).contains("holds nothing");
    }

    @Test
    @DisplayName("Each task that runs says which runtime its containers got: nginx is simulated, and the page says why")
    void showsEachContainersRuntime() throws Exception {
        ecs.createCluster(b -> b.clusterName("shop"));
        String task = Workloads.runTask(ecs, "shop", Workloads.register(ecs, "web"));
        waiter.waitUntilTasksRunning(r -> r.cluster("shop").tasks(task));

        String page = section(get("/fragments/resources"), "ecs");

        assertThat(page).contains(": simulated (the image runs nginx, not java)</p>");
    }

    private static String section(String page, String id) {
        int start = page.indexOf("<section class=\"service\" id=\"" + id + "\">");
        assertThat(start).as("the section " + id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    private String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(running.url(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String origin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(running.url(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin.replaceAll("/$", ""));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
