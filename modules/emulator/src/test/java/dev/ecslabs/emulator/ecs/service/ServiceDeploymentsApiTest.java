package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.primary;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/** ListServiceDeployments, DescribeServiceDeployments and DescribeServiceRevisions: a service's history, as the ECS API reference describes it. */
@EmulatorTest(account = ServiceDeploymentsApiTest.ACCOUNT, scope = EmulatorTest.Scope.EACH_TEST)
class ServiceDeploymentsApiTest {
    static final String ACCOUNT = "123456789012";
    static final String CLUSTER = "history";
    ManualClock clock;
    Emulator emulator;
    EcsClient ecs;

    String web;
    /** A Cloud Map service of the account: CreateService and UpdateService check that a registry exists. */
    String registry;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        web = registerWeb(ecs, "web");
        registry = ServiceFixtures.cloudMapService(emulator, clock, ACCOUNT);
    }

    @Test
    @DisplayName("Each deployment-starting update is a service deployment: newest first, the replaced one STOPPED, filtered and paged")
    void listsServiceDeployments() {
        Service created = create(ecs, CLUSTER, "web", web, 1, r -> { });
        clock.advance(Duration.ofMinutes(2));
        Instant afterFirst = clock.now();
        clock.advance(Duration.ofSeconds(1));
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                .subnets(DefaultVpc.SUBNET_IDS.get(0)))));
        clock.advance(Duration.ofSeconds(5));
        Service third = ecs.updateService(r -> r.cluster(CLUSTER).service("web").serviceRegistries(s -> s.registryArn(registry)))
                .service();
        clock.advance(Duration.ofMinutes(2));

        List<ServiceDeploymentBrief> all = ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service("web")).serviceDeployments();
        List<ServiceDeploymentBrief> paged = everyPage(1);
        List<ServiceDeploymentBrief> stopped = ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service("web")
                .status(ServiceDeploymentStatus.STOPPED)).serviceDeployments();
        List<ServiceDeploymentBrief> recent = ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service("web")
                .createdAt(c -> c.after(afterFirst))).serviceDeployments();

        assertThat(all).extracting(ServiceDeploymentBrief::statusAsString).containsExactly("SUCCESSFUL", "STOPPED", "SUCCESSFUL");
        assertThat(all.get(0).serviceDeploymentArn()).isEqualTo(third.currentServiceDeployment());
        assertThat(all.get(2).serviceDeploymentArn()).isEqualTo(created.currentServiceDeployment());
        assertThat(all).allSatisfy(d -> assertThat(d.serviceArn()).isEqualTo(created.serviceArn()));
        assertThat(paged).isEqualTo(all);
        assertThat(stopped).singleElement().satisfies(d -> assertThat(d.statusReason()).contains("newer service deployment"));
        assertThat(recent).hasSize(2);
        ServiceRevision revision = ecs.describeServiceRevisions(r -> r.serviceRevisionArns(all.get(0).targetServiceRevisionArn()))
                .serviceRevisions().get(0);
        assertThat(revision.serviceRegistries()).singleElement().satisfies(s -> assertThat(s.registryArn()).isEqualTo(registry));
        assertThat(revision.networkConfiguration().awsvpcConfiguration().subnets()).containsExactly(DefaultVpc.SUBNET_IDS.get(0));
        assertThat(primary(third).id()).isNotEqualTo(primary(created).id());
    }

    @Test
    @DisplayName("DescribeServiceDeployments shows a rollout in progress with its tasks as they are now, and its source revisions")
    void describesAServiceDeployment() {
        create(ecs, CLUSTER, "web", web, 2, r -> { });
        clock.advance(Duration.ofMinutes(2));
        String v2 = registerWeb(ecs, "web");
        Service updated = ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(v2)).service();
        clock.advance(Duration.ofSeconds(25));

        ServiceDeployment rolling = ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(
                updated.currentServiceDeployment())).serviceDeployments().get(0);

        assertThat(rolling.statusAsString()).isEqualTo("IN_PROGRESS");
        assertThat(rolling.targetServiceRevision().requestedTaskCount()).isEqualTo(2);
        assertThat(rolling.targetServiceRevision().runningTaskCount()).isEqualTo(2);
        assertThat(rolling.sourceServiceRevisions()).singleElement().satisfies(source -> {
            assertThat(source.runningTaskCount()).isEqualTo(2);
            assertThat(source.arn()).isNotEqualTo(rolling.targetServiceRevision().arn());
        });
        assertThat(rolling.deploymentCircuitBreaker().statusAsString()).isEqualTo("DISABLED");
        assertThat(rolling.deploymentConfiguration().maximumPercent()).isEqualTo(200);
    }

    @Test
    @DisplayName("Unknown service deployments and revisions are MISSING failures; ListServiceDeployments of an unknown service is ServiceNotFoundException")
    void reportsMissing() {
        String unknown = "arn:aws:ecs:us-east-1:123456789012:service-deployment/" + CLUSTER + "/web/NCWGC2ZR-taawPAYrIaU5";

        DescribeServiceDeploymentsResponse response = ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(unknown));

        assertThat(response.serviceDeployments()).isEmpty();
        assertThat(response.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo(unknown);
            assertThat(f.reason()).isEqualTo("MISSING");
        });
        assertThat(ecs.describeServiceRevisions(r -> r.serviceRevisionArns(unknown.replace("service-deployment", "service-revision")))
                .failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
        assertThatThrownBy(() -> ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service("nope")))
                .isInstanceOf(ServiceNotFoundException.class);
    }

    /** Every service deployment of "web", page by page (the SDK has no paginator for this action). */
    private List<ServiceDeploymentBrief> everyPage(int pageSize) {
        List<ServiceDeploymentBrief> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListServiceDeploymentsResponse page = ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service("web")
                    .maxResults(pageSize).nextToken(next));
            assertThat(page.serviceDeployments()).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page.serviceDeployments());
            token = page.nextToken();
        } while (token != null);
        return all;
    }
}
