package dev.ecslabs.dashboard.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.fixtures.ManualClockEmulator;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The container instance section read through the SDK from an emulator on a manual clock: simulated
 * EC2 instances registered with a cluster, one of them running a task of the EC2 launch type, as
 * ListContainerInstances and DescribeContainerInstances tell them.
 */
class ContainerInstancesSectionTest {
    static final String ACCOUNT = "212121212121";
    static ManualClockEmulator backend;

    @BeforeAll
    static void start() {
        backend = new ManualClockEmulator();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    @DisplayName("Each instance of a cluster shows its type, Availability Zone and status, registered against remaining CPU and "
            + "memory, and the task running on it; a cluster without instances is left out")
    void instancesOfACluster() {
        BackendConnection account = backend.account(ACCOUNT);
        try (EcsClient ecs = account.ecs()) {
            ecs.createCluster(r -> r.clusterName("capacity"));
            ecs.createCluster(r -> r.clusterName("fargate-only"));
            backend.post(ACCOUNT, "/_emulator/container-instances?cluster=capacity&instanceType=t3.small&count=2", "");
            String definition = ecs.registerTaskDefinition(r -> r.family("worker").requiresCompatibilities(Compatibility.EC2)
                    .networkMode(NetworkMode.BRIDGE).containerDefinitions(c -> c.name("worker").image("public.ecr.aws/nginx/nginx:1.27")
                            .cpu(512).memory(256))).taskDefinition().taskDefinitionArn();
            String task = ecs.runTask(r -> r.cluster("capacity").taskDefinition(definition).launchType(LaunchType.EC2)).tasks().get(0).taskArn();
            backend.advance(Duration.ofMinutes(2));

            ContainerInstancesSection section = ContainerInstancesSection.read(ecs, new EcsReader(ecs, new Unanswered()).read());

            assertThat(section.clusters()).extracting(ContainerInstancesSection.ClusterInstances::cluster).containsExactly("capacity");
            var instances = section.clusters().get(0).instances();
            assertThat(instances).hasSize(2).allSatisfy(i -> {
                assertThat(i.attribute("ecs.instance-type")).isEqualTo("t3.small");
                assertThat(i.attribute("ecs.availability-zone")).startsWith("us-east-1");
                assertThat(i.instance().status()).isEqualTo("ACTIVE");
                assertThat(i.cpu().registered()).isEqualTo(2048);
                assertThat(i.memory().registered()).isPositive();
            });
            assertThat(instances).extracting(i -> i.attribute("ecs.availability-zone")).doesNotHaveDuplicates();
            var busy = instances.stream().filter(i -> !i.tasks().isEmpty()).toList();
            assertThat(busy).as("the one instance the task was placed on").singleElement().satisfies(i -> {
                assertThat(i.tasks()).extracting(t -> t.taskArn()).containsExactly(task);
                assertThat(i.cpu().remaining()).isEqualTo(2048 - 512);
                assertThat(i.memory().remaining()).isEqualTo(i.memory().registered() - 256);
                assertThat(i.cpu().percentUsed()).isEqualTo("25");
            });

            Document html = Jsoup.parse(section.render());
            Element cluster = html.selectFirst("section#container-instances > div.instances-of[data-cluster=capacity]");
            assertThat(cluster).isNotNull();
            assertThat(html.select("div.instances-of[data-cluster=fargate-only]")).isEmpty();
            Element article = cluster.selectFirst("article.container-instance[data-instance=" + busy.get(0).instance().ec2InstanceId() + "]");
            assertThat(article.select(".instance-type").text()).isEqualTo("t3.small");
            assertThat(article.select("div.usage[data-resource=CPU] .used").attr("style")).isEqualTo("width: 25%");
            assertThat(article.select("div.usage[data-resource=CPU] .usage-numbers").text()).isEqualTo("1536 of 2048 CPU units free");
            assertThat(article.select("ul.chips > li.chip .revision").text()).isEqualTo("worker:1");
        }
    }

    @Test
    @DisplayName("An account without container instances has no section; the page says how to register some instead")
    void noInstances() {
        try (ResourcesView view = new ResourcesView(backend.account("212121212122"))) {
            Document page = Jsoup.parse(view.render());

            assertThat(page.select("section#container-instances")).isEmpty();
            assertThat(page.select("section#not-yet li[data-section=container-instances]").text()).contains("/_emulator/container-instances");
            assertThat(page.select("section#not-yet li[data-section=auto-scaling]").text()).contains("RegisterScalableTarget");
        }
    }
}
