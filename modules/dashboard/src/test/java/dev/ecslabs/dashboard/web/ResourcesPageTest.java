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
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
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

        Document page = page("/fragments/resources");

        Element ecsSection = section(page, "ecs");
        assertThat(ecsSection.select("h2 > span.count").text()).isEqualTo("40 clusters, 1 in use");
        assertThat(ecsSection.select("> article.cluster").eachAttr("data-name")).as("the cluster in use comes first, open")
                .containsExactly("busy");
        assertThat(ecsSection.select("> article.cluster[data-name=busy] > details[open]")).hasSize(1);
        Element idle = ecsSection.selectFirst("> details.idle[data-key=idle-clusters]");
        assertThat(idle).isNotNull();
        assertThat(idle.hasAttr("open")).isFalse();
        assertThat(idle.select("> summary").text()).isEqualTo("39 clusters with nothing running, newest first");
        List<String> idleNames = idle.select("> article.cluster").eachAttr("data-name");
        assertThat(idleNames).hasSize(39).startsWith("idle-39").endsWith("idle-01");
        Element repository = section(page, "ecr").selectFirst("article.repository[data-name=\"shop/api\"]");
        assertThat(repository).isNotNull();
        assertThat(repository.select("summary span.meta").text()).startsWith("100 images");
        List<String> newest = repository.select("> details > table.images > tbody > tr > td:eq(0)").eachText();
        assertThat(newest).as("the newest ten pushes first").hasSize(10).contains("v100", "v91");
        assertThat(newest.indexOf("v100")).isLessThan(newest.indexOf("v91"));
        assertThat(repository.select("> details > table.images td.size").eachText()).containsOnly("12 B");
        Element older = repository.selectFirst("details.older");
        assertThat(older).isNotNull();
        assertThat(older.select("> summary").text()).isEqualTo("90 older images");
        assertThat(older.select("table.images > tbody > tr > td:eq(0)").eachText()).as("older images are folded")
                .hasSize(90).contains("v90", "v1").doesNotContain("v100");
    }

    @Test
    @DisplayName("Times read on any clock: the page says once that AWS time runs 20× faster, and a task's steps are durations "
            + "after the one before")
    void timesAreDurations() throws Exception {
        ecs.createCluster(b -> b.clusterName("timed"));
        String task = Workloads.runTask(ecs, "timed", Workloads.register(ecs, "job"));
        waiter.waitUntilTasksRunning(b -> b.cluster("timed").tasks(task));

        Document page = page("/fragments/resources");

        assertThat(page.select("p.time-note")).as("said once").singleElement()
                .satisfies(note -> assertThat(note.text()).startsWith("AWS time runs 20× faster here"))
                .satisfies(note -> assertThat(note.attr("data-speed")).isEqualTo("20"));
        Element timeline = page.selectFirst("article.cluster[data-name=timed] div.task ol.timeline");
        assertThat(timeline).isNotNull();
        Element provisioning = timeline.selectFirst("> li[data-step=PROVISIONING]");
        assertThat(provisioning.text()).matches("PROVISIONING \\d+ (ms|s) ago \\(\\d\\d:\\d\\d:\\d\\d\\)");
        assertThat(provisioning.select("> time[datetime]").attr("title")).startsWith("AWS time ");
        assertThat(provisioning.select("> span.real")).hasSize(1);
        assertThat(timeline.select("> li[data-step=RUNNING] > span.after").text()).matches("\\d+ (ms|s) after PULLED");
        assertThat(timeline.select("> li.now").text()).isEqualTo("now RUNNING");
    }

    @Test
    @DisplayName("Each service is drawn with its tasks (state, IP, revision) and its rollout: running tasks per deployment")
    void servicesAndRollouts() throws Exception {
        ecs.createCluster(b -> b.clusterName("shop"));
        Workloads.service(ecs, waiter, "shop", "web", Workloads.register(ecs, "web"), 2);
        Workloads.roll(ecs, waiter, "shop", "web", Workloads.register(ecs, "web"));

        Element box = page("/fragments/resources").selectFirst("div.box.ecs-service[data-service=web]");
        assertThat(box).isNotNull();
        Element chart = box.selectFirst("figure.rollout > svg.rollout-chart[data-service=web]");
        assertThat(chart).isNotNull();
        Element primary = chart.selectFirst("polyline.deployment.primary[data-status=PRIMARY][data-revision=\"web:2\"]");
        assertThat(primary).isNotNull();
        assertThat(primary.attr("data-deployment")).matches("ecs-svc/\\d+");
        assertThat(primary.attr("data-running-now")).isEqualTo("2");
        Element first = chart.selectFirst("polyline.deployment[data-revision=\"web:1\"]");
        assertThat(first).isNotNull();
        assertThat(first.attr("data-running-now")).isEqualTo("0");
        assertThat(box.select("figcaption ul.legend > li.primary").text()).isEqualTo("PRIMARY web:2 · 2 running");
        Elements chips = box.select("ul.chips > li.chip[data-status=RUNNING]");
        assertThat(chips).as("the new revision's two running tasks, each with its IP").hasSize(2).allSatisfy(chip -> {
            assertThat(chip.attr("title")).isEqualTo("task " + chip.attr("data-task"));
            assertThat(chip.select("> span.state").text()).isEqualTo("RUNNING");
            assertThat(chip.select("> span.ip").text()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(chip.select("> span.revision").text()).isEqualTo("web:2");
        });
    }

    @Test
    @DisplayName("A task stopped with StopTask (UserInitiated) is a normal stop, not an error in red")
    void normalStopIsNotAnError() throws Exception {
        ecs.createCluster(b -> b.clusterName("stops"));
        String task = Workloads.runTask(ecs, "stops", Workloads.register(ecs, "job"));
        waiter.waitUntilTasksRunning(b -> b.cluster("stops").tasks(task));
        ecs.stopTask(b -> b.cluster("stops").task(task).reason("Done with it"));
        waiter.waitUntilTasksStopped(b -> b.cluster("stops").tasks(task));

        Document page = page("/fragments/resources");

        Element stop = page.selectFirst("article.cluster[data-name=stops] div.task[data-status=STOPPED] > p.stop");
        assertThat(stop).isNotNull();
        assertThat(stop.classNames()).containsExactlyInAnyOrder("stop", "stop-normal");
        assertThat(stop.attr("data-stop-kind")).isEqualTo("NORMAL");
        assertThat(stop.select("> strong").text()).isEqualTo("UserInitiated");
        assertThat(stop.text()).startsWith("UserInitiated: Done with it");
        assertThat(page.select(".stop-error")).isEmpty();
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

        Element edge = section(page("/fragments/resources"), "connections")
                .selectFirst("div.connections[data-namespace=shop] > ul.edges > li.edge[data-from=web][data-to=api][data-name=\"backend:8080\"]");
        assertThat(edge).isNotNull();
        assertThat(edge.select("> span.node.from").text()).isEqualTo("web");
        assertThat(edge.select("> span.arrow > code").text()).isEqualTo("backend:8080");
        assertThat(edge.select("> span.node.to").text()).isEqualTo("api");
        assertThat(edge.select("> span.endpoints").text()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+:80");
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

        Element namespace = section(page("/fragments/resources"), "connections").selectFirst("div.connections[data-namespace=\"orders.internal\"]");
        assertThat(namespace).isNotNull();
        assertThat(namespace.select("li.edge[data-name=\"db.orders.internal\"]")).singleElement().satisfies(edge -> {
            assertThat(edge.attr("data-from")).isEqualTo("any program in the VPC");
            assertThat(edge.attr("data-to")).isEqualTo("1 registered instance");
        });
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

        Document confirm = page(CleanPage.PATH);

        Element what = confirm.selectFirst("main p.clean-what");
        assertThat(what).isNotNull();
        assertThat(what.text()).startsWith("This deletes everything in").contains("account 000000000000");
        assertThat(what.select("> strong").text())
                .isEqualTo("1 cluster, 1 service, 1 task, 1 task definition revision, 1 repository (3 images)");
        assertThat(confirm.select("form.clean[method=post][action=\"/resources/clean\"] > button#clean-confirm[type=submit]")).hasSize(1);
        assertThat(post(CleanPage.PATH, null).statusCode()).as("a POST from elsewhere").isEqualTo(403);
        assertThat(page("/fragments/resources").select("article.cluster[data-name=left-over]")).as("nothing deleted yet").hasSize(1);

        HttpResponse<String> done = post(CleanPage.PATH, running.dashboard.url().toString());

        assertThat(done.statusCode()).isEqualTo(200);
        Document answer = Jsoup.parse(done.body());
        assertThat(answer.select("main p.clean-done").text()).startsWith("Deleted 1 cluster, 1 service");
        assertThat(answer.select(".problem")).isEmpty();
        Document after = page("/fragments/resources");
        assertThat(section(after, "ecs").select("p.empty").text()).isEqualTo("No clusters yet.");
        assertThat(section(after, "task-definitions").select("p.empty").text()).isEqualTo("No task definitions yet.");
        assertThat(section(after, "ecr").select("p.empty").text()).isEqualTo("No repositories yet.");
        assertThat(page(CleanPage.PATH).select("main p.clean-nothing").text()).contains("holds nothing");
    }

    @Test
    @DisplayName("Each task that runs says which runtime its containers got: nginx is simulated, and the page says why")
    void showsEachContainersRuntime() throws Exception {
        ecs.createCluster(b -> b.clusterName("shop"));
        String task = Workloads.runTask(ecs, "shop", Workloads.register(ecs, "web"));
        waiter.waitUntilTasksRunning(r -> r.cluster("shop").tasks(task));

        Element running = section(page("/fragments/resources"), "ecs").selectFirst("div.task[data-status=RUNNING]");

        assertThat(running).as("the running task").isNotNull();
        assertThat(running.select("p.runtime").text()).endsWith(": simulated (the image runs nginx, not java)");
    }

    private static Element section(Document page, String id) {
        Element section = page.selectFirst("section.service#" + id);
        assertThat(section).as("the section " + id).isNotNull();
        return section;
    }

    private Document page(String path) throws IOException, InterruptedException {
        return Jsoup.parse(get(path));
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
