package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

/** DescribeServices, ListServices, the service's tags, and ListTasks' serviceName, as the ECS API reference describes them. */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class DescribeListServicesTest {
    static final String CLUSTER = "list";
    EcsClient ecs;

    String web;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER).capacityProviders("FARGATE"));
        web = registerWeb(ecs, "web");
    }

    @Test
    @DisplayName("DescribeServices takes names or ARNs, shows tags only with include TAGS, and reports unknown services as MISSING")
    void describes() {
        String arn = create(ecs, CLUSTER, "web", web, 1, r -> r.tags(t -> t.key("team").value("web"))).serviceArn();

        DescribeServicesResponse plain = ecs.describeServices(r -> r.cluster(CLUSTER).services("web", "nope"));
        DescribeServicesResponse tagged = ecs.describeServices(r -> r.cluster(CLUSTER).services(arn).include(ServiceField.TAGS));

        assertThat(plain.services()).singleElement().satisfies(s -> assertThat(s.hasTags()).isFalse());
        assertThat(plain.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/" + CLUSTER + "/nope");
            assertThat(f.reason()).isEqualTo("MISSING");
        });
        assertThat(tagged.services().get(0).tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=web");
        assertThatThrownBy(() -> ecs.describeServices(r -> r.cluster(CLUSTER).services("a", "b", "c", "d", "e", "f", "g", "h",
                "i", "j", "k"))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    @DisplayName("TagResource, UntagResource and ListTagsForResource work on a service ARN")
    void tagsAService() {
        String arn = create(ecs, CLUSTER, "web", web, 1, r -> { }).serviceArn();

        ecs.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("stage").value("test"), t -> t.key("team").value("web")));
        ecs.untagResource(r -> r.resourceArn(arn).tagKeys("team"));

        assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("stage=test");
    }

    @Test
    @DisplayName("ListServices answers the cluster's ACTIVE services, ten a page unless asked, filtered by launch type and scheduling strategy")
    void lists() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            created.add(create(ecs, CLUSTER, String.format("web-%02d", i), web, 0, r -> {
                if (n % 3 == 0) {
                    r.launchType((String) null).capacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(1));
                }
            }).serviceArn());
        }

        ListServicesResponse first = ecs.listServices(r -> r.cluster(CLUSTER));
        List<String> all = ecs.listServicesPaginator(r -> r.cluster(CLUSTER).maxResults(5)).serviceArns().stream().toList();
        List<String> fargate = ecs.listServicesPaginator(r -> r.cluster(CLUSTER).launchType("FARGATE")).serviceArns()
                .stream().toList();

        assertThat(first.serviceArns()).hasSize(10);
        assertThat(first.nextToken()).isNotNull();
        assertThat(all).containsExactlyElementsOf(created);
        assertThat(fargate).hasSize(8);
        assertThat(ecs.listServices(r -> r.cluster(CLUSTER).schedulingStrategy("DAEMON")).serviceArns()).isEmpty();
        assertThatThrownBy(() -> ecs.listServices(r -> r.cluster(CLUSTER).maxResults(101)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    @DisplayName("ListTasks with the serviceName of a service the cluster doesn't have is ServiceNotFoundException")
    void listTasksOfAnUnknownService() {
        create(ecs, CLUSTER, "web", web, 0, r -> { });

        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("web")).taskArns()).isEmpty();
        assertThatThrownBy(() -> ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("nope")))
                .isInstanceOf(ServiceNotFoundException.class);
    }
}
