package dev.ecslabs.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.fixtures.HeadlessChromium;
import dev.ecslabs.dashboard.fixtures.RunningDashboard;
import dev.ecslabs.dashboard.fixtures.ServiceConnectBackend;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.dashboard.fixtures.TinyImages;
import dev.ecslabs.dashboard.fixtures.Workloads;
import dev.ecslabs.dashboard.resources.BackendConnection;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.ecs.metrics.LoadRoute;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * The resources page and the guides in a real browser (Debian's chromium, headless), on a laptop's
 * 1280×900 window: a full account stays a page one can read, folded parts stay as the learner left
 * them while the page follows along, the clean button empties the account, the system page draws the
 * running system live, load balancers, auto scaling (its chart an SVG) and container instances
 * render, and no guide needs scrolling sideways.
 */
class ResourcesBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** One browser for the class (starting Chromium is the slow part); each test has its own dashboard, so its own origin. */
    static WebDriver browser;

    @TempDir
    Path dir;

    RunningDashboard running;

    @BeforeAll
    static void startBrowser(@TempDir Path profile) {
        browser = HeadlessChromium.start(profile.resolve("chromium-profile"));
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void laptopWindow() {
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    /** The dashboard over an emulator on a scaled clock, as {@code lab start} runs it. */
    private RunningDashboard dashboard() {
        running = new RunningDashboard(dir.resolve("course"));
        return running;
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    @DisplayName("40 clusters and a 100-image repository make a page of a few screens with the rollout drawn, and a group the "
            + "learner opened stays open as the page refreshes itself")
    void aFullAccountStaysReadable() throws Exception {
        dashboard();
        try (EcsClient ecs = running.learnerEcs(); EcsWaiter waiter = Workloads.waiter(ecs); EcrClient ecr = running.learnerEcr()) {
            for (int i = 1; i <= 39; i++) {
                String name = String.format("idle-%02d", i);
                ecs.createCluster(b -> b.clusterName(name));
            }
            ecs.createCluster(b -> b.clusterName("shop"));
            Workloads.service(ecs, waiter, "shop", "web", Workloads.register(ecs, "web"), 2);
            Workloads.roll(ecs, waiter, "shop", "web", Workloads.register(ecs, "web"));
            TinyImages.push(ecr, "shop/api", 100);
        }

        browser.get(running.url("/resources").toString());

        WebElement chart = browser.findElement(By.cssSelector("svg.rollout-chart[data-service='web']"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.getSize().getWidth()).as("the chart's width in pixels").isGreaterThan(200);
        assertThat(chart.findElements(By.cssSelector("polyline"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.findElements(By.cssSelector(".chip[data-status=RUNNING]")).stream().filter(WebElement::isDisplayed))
                .hasSize(2);
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        saveScreenshot("resources-full-account.png");
        assertThat(height).as("the page's height in pixels, with 40 clusters and 100 images").isLessThan(4 * 900);

        WebElement idle = browser.findElement(By.cssSelector("details.idle"));
        assertThat(idle.getAttribute("open")).as("idle clusters start folded").isNull();
        idle.findElement(By.tagName("summary")).click();
        // The live part is redrawn every 2 s: wait for a redraw, then look again.
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.stalenessOf(idle));
        assertThat(browser.findElement(By.cssSelector("details.idle")).getAttribute("open")).as("still open after a redraw")
                .isNotNull();
        assertThat(browser.findElement(By.cssSelector("article.cluster[data-name='idle-01']")).isDisplayed()).isTrue();
    }

    @Test
    @DisplayName("The clean button says what it will delete, and after the confirmation the page shows an empty account")
    void cleanButton() {
        dashboard();
        try (EcsClient ecs = running.learnerEcs()) {
            ecs.createCluster(b -> b.clusterName("left-over"));
        }
        browser.get(running.url("/resources").toString());

        browser.findElement(By.id("clean")).click();
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".clean-what"), "1 cluster"));
        browser.findElement(By.id("clean-confirm")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".clean-done"), "Deleted 1 cluster"));
        browser.findElement(By.linkText("Back to the resources")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ecs"), "No clusters yet."));
    }

    @Test
    @DisplayName("No guide's code or drawing needs scrolling sideways in the lab page's column")
    void guidesFitTheColumn() throws Exception {
        dashboard();
        Path readme = running.course.root().resolve("labs").resolve(TempCourse.LAB).resolve("README.md");
        List<Path> guides;
        try (Stream<Path> labs = Files.list(TempCourse.REAL_ROOT.resolve("labs"))) {
            guides = labs.map(lab -> lab.resolve("README.md")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(guides).hasSizeGreaterThanOrEqualTo(7);
        for (Path guide : guides) {
            Files.copy(guide, readme, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            browser.get(running.url("/labs/00").toString());

            Object overflowing = js("return [...document.querySelectorAll('.guide pre, .guide')]"
                    + ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim().slice(0, 80))");
            assertThat((List<?>) overflowing).as("blocks wider than the column in " + guide.getParent().getFileName()).isEmpty();
            List<WebElement> drawings = browser.findElements(By.cssSelector(".guide pre.diagram"));
            for (WebElement drawing : drawings) {
                assertThat(Double.parseDouble(drawing.getCssValue("font-size").replace("px", "")))
                        .as("a drawing's font stays readable").isGreaterThanOrEqualTo(7.0);
            }
        }
    }

    @Test
    @DisplayName("A load balancer with its listener's local URL and healthy targets, a scalable service with its chart (an SVG "
            + "with desired, running and a point per minute of CPU), and container instances with their bars render on the page")
    void loadBalancingScalingAndCapacity() throws Exception {
        long t0 = System.nanoTime();
        ManualClock clock = new ManualClock(Instant.now());
        running = new RunningDashboard(dir.resolve("course"), clock);
        BackendConnection learner = BackendConnection.learnerAccount("the course's emulator", running.emulator.url());
        try (EcsClient ecs = learner.ecs(); ElasticLoadBalancingV2Client elb = learner.elb();
             ApplicationAutoScalingClient autoScaling = learner.autoScaling()) {
            LoadBalancer alb = elb.createLoadBalancer(r -> r.name("shop").subnets(DefaultVpc.SUBNET_IDS.subList(0, 2))).loadBalancers().get(0);
            TargetGroup group = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(80).vpcId(DefaultVpc.VPC_ID).targetType("ip"))
                    .targetGroups().get(0);
            elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(group.targetGroupArn())));
            ecs.createCluster(r -> r.clusterName("shop"));
            String web = ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(c -> c.name("web")
                            .image("public.ecr.aws/nginx/nginx:1.27").portMappings(p -> p.containerPort(80))))
                    .taskDefinition().taskDefinitionArn();
            ecs.createService(r -> r.cluster("shop").serviceName("web").taskDefinition(web).desiredCount(2).launchType(LaunchType.FARGATE)
                    .loadBalancers(l -> l.targetGroupArn(group.targetGroupArn()).containerName("web").containerPort(80))
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
            clock.advance(Duration.ofMinutes(2));
            autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/shop/web")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(6));
            autoScaling.putScalingPolicy(b -> b.policyName("cpu50").serviceNamespace(ServiceNamespace.ECS).resourceId("service/shop/web")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                    .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(50.0).predefinedMetricSpecification(p -> p
                            .predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
            post(learner, LoadRoute.PATH, "{\"cluster\":\"shop\",\"service\":\"web\",\"requestsPerSecond\":100}");
            ecs.createCluster(r -> r.clusterName("capacity"));
            post(learner, "/_emulator/container-instances?cluster=capacity&instanceType=t3.medium&count=2", "");
            clock.advance(Duration.ofMinutes(6));
        }

        browser.get(running.url("/resources").toString());

        WebElement loadBalancer = browser.findElement(By.cssSelector("#load-balancers article.load-balancer[data-name=shop]"));
        assertThat(loadBalancer.isDisplayed()).isTrue();
        assertThat(loadBalancer.findElement(By.cssSelector("a.local-url")).getAttribute("href")).startsWith("http://127.0.0.1:");
        assertThat(loadBalancer.findElements(By.cssSelector("tr.target[data-state=healthy]"))).hasSizeGreaterThanOrEqualTo(2);

        WebElement chart = browser.findElement(By.cssSelector("#auto-scaling svg.scaling-chart[data-resource='service/shop/web']"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.getSize().getWidth()).as("the chart's width in pixels").isGreaterThan(200);
        assertThat(chart.findElement(By.cssSelector("polyline.running")).getAttribute("points").split(" ")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(chart.findElement(By.cssSelector("polyline.desired")).getAttribute("points")).isNotBlank();
        List<WebElement> points = chart.findElements(By.cssSelector("circle.datapoint"));
        assertThat(points).as("a CPU datapoint a minute").hasSizeGreaterThanOrEqualTo(4);
        assertThat(chart.findElement(By.cssSelector("polyline.metric")).getAttribute("points").split(" ")).hasSameSizeAs(points);
        assertThat(points.get(0).getRect().getWidth()).as("a point is drawn").isPositive();

        List<WebElement> instances = browser.findElements(By.cssSelector("#container-instances div.instances-of[data-cluster=capacity] "
                + "article.container-instance"));
        assertThat(instances).hasSize(2);
        assertThat(instances.get(0).findElement(By.cssSelector(".usage[data-resource=CPU] .bar")).getSize().getWidth()).isGreaterThan(50);
        assertThat(browser.findElements(By.cssSelector("#not-yet"))).as("every section has something to show").isEmpty();
        browser.manage().window().setSize(new Dimension(1280, 2400));
        js("document.getElementById('load-balancers').scrollIntoView()");
        saveScreenshot("resources-capacity-sections.png");
    }

    @Test
    @DisplayName("The system page draws the running system live: the internet, the load balancer, the service behind it with a "
            + "square per task ringed by its target health, the Service Connect alias and the Cloud Map name it calls, and a "
            + "scale-out appears without reloading")
    void systemDiagram() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        running = new RunningDashboard(dir.resolve("course"), clock);
        BackendConnection learner = BackendConnection.learnerAccount("the course's emulator", running.emulator.url());
        try (EcsClient ecs = learner.ecs(); ElasticLoadBalancingV2Client elb = learner.elb();
             ServiceDiscoveryClient cloudMap = learner.cloudMap()) {
            ServiceConnectBackend.create(ecs);
            String operation = cloudMap.createPrivateDnsNamespace(r -> r.name("shop.local").vpc(DefaultVpc.VPC_ID)).operationId();
            clock.advance(Duration.ofMinutes(1));
            String namespace = cloudMap.getOperation(r -> r.operationId(operation)).operation().targetsAsStrings().get("NAMESPACE");
            String registry = cloudMap.createService(r -> r.name("orders").namespaceId(namespace)
                    .dnsConfig(d -> d.dnsRecords(rec -> rec.type(RecordType.A).ttl(10L)))).service().arn();
            ecs.createService(r -> r.cluster(ServiceConnectBackend.CLUSTER).serviceName("orders").taskDefinition(Workloads.register(ecs, "orders"))
                    .desiredCount(1).launchType(LaunchType.FARGATE).serviceRegistries(s -> s.registryArn(registry))
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
            LoadBalancer alb = elb.createLoadBalancer(r -> r.name("shop").subnets(DefaultVpc.SUBNET_IDS.subList(0, 2))).loadBalancers().get(0);
            TargetGroup group = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(80).vpcId(DefaultVpc.VPC_ID).targetType("ip"))
                    .targetGroups().get(0);
            elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(group.targetGroupArn())));
            String web = ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(c -> c.name("web")
                            .image(Workloads.IMAGE).portMappings(p -> p.containerPort(80))
                            .environment(e -> e.name("ORDERS_URL").value("http://orders.shop.local:80"))))
                    .taskDefinition().taskDefinitionArn();
            ecs.createService(r -> r.cluster(ServiceConnectBackend.CLUSTER).serviceName("web").taskDefinition(web).desiredCount(2)
                    .launchType(LaunchType.FARGATE).serviceConnectConfiguration(sc -> sc.enabled(true))
                    .loadBalancers(l -> l.targetGroupArn(group.targetGroupArn()).containerName("web").containerPort(80))
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
            clock.advance(Duration.ofMinutes(3));

            browser.get(running.url("/system").toString());

            // The diagram is redrawn every 2 s: read it, and where its boxes stand, in one go.
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> drawn = (java.util.Map<String, Object>) js("const svg = document.querySelector('svg.system-diagram');"
                    + "const x = s => svg.querySelector(s).getBoundingClientRect().x;"
                    + "return {html: svg.outerHTML, width: svg.getBoundingClientRect().width, internet: x('g.node[data-kind=internet]'),"
                    + " balancer: x('g.node[data-kind=load-balancer]'), service: x('g.node[data-name=web]')};");
            assertThat(((Number) drawn.get("width")).doubleValue()).as("the diagram's width in pixels").isGreaterThan(600);
            assertThat(((Number) drawn.get("internet")).doubleValue()).as("the internet left of the load balancer")
                    .isLessThan(((Number) drawn.get("balancer")).doubleValue());
            assertThat(((Number) drawn.get("balancer")).doubleValue()).as("the load balancer left of its service")
                    .isLessThan(((Number) drawn.get("service")).doubleValue());
            Element diagram = Jsoup.parse((String) drawn.get("html"), "", Parser.xmlParser()).selectFirst("svg");
            assertThat(diagram.select("g.edge[data-from=internet][data-to='lb:shop']")).hasSize(1);
            assertThat(diagram.select("g.edge[data-from='lb:shop'][data-to='service:connect/web'][data-via=target-group]")).hasSize(1);
            Element alias = diagram.selectFirst("g.edge[data-from='service:connect/web'][data-to='service:connect/api']");
            assertThat(alias.attr("data-via")).isEqualTo("service-connect");
            assertThat(alias.text()).isEqualTo("backend:8080");
            assertThat(diagram.selectFirst("g.edge[data-from='service:connect/web'][data-to='service:connect/orders']").attr("data-via"))
                    .as("the Cloud Map name web's environment names").isEqualTo("cloud-map");
            assertThat(diagram.select("g.node[data-kind=service][data-name=web] rect.task[data-status=RUNNING][data-health=healthy]"))
                    .hasSize(2);
            assertThat(diagram.selectFirst("g.node[data-kind=load-balancer][data-name=shop]").text()).contains("HTTP:80 → http://127.0.0.1:");
            saveScreenshot("system-diagram.png");

            ecs.updateService(r -> r.cluster(ServiceConnectBackend.CLUSTER).service("web").desiredCount(3));
            clock.advance(Duration.ofMinutes(3));
            new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector(
                    "svg.system-diagram g.node[data-name=web] rect.task[data-status=RUNNING][data-health=healthy]")).size() == 3);
        }
    }

    /** A POST to the emulator's own routes, signed with the learner's keys as the dashboard signs its calls. */
    private static void post(BackendConnection learner, String pathAndQuery, String json) throws Exception {
        HttpRequest request = SignedRequests.signed("POST", URI.create(learner.endpoint() + pathAndQuery), learner.accessKeyId(),
                        learner.secretAccessKey(), learner.region().id())
                .header("Content-Type", "application/json").method("POST", HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery + " answered " + response.body()).isEqualTo(200);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** For a person looking at the build: what the page looked like. */
    private void saveScreenshot(String name) throws Exception {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
