package dev.ecslabs.labkit.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.servicediscovery.model.CreatePrivateDnsNamespaceRequest;

/** The tags the aws backend adds to each kind of create request, the caller's own kept; other requests untouched. */
class RunTagsTest {
    private static final String RUN = "20261203T142000Z-abcd";
    private final RunTags tags = new RunTags("04", RUN);

    @Test
    @DisplayName("RunTask, CreateService and RegisterTaskDefinition get both tags next to the caller's own")
    void ecsRequests() {
        RunTaskRequest run = (RunTaskRequest) tags.tagged(RunTaskRequest.builder().cluster("c").taskDefinition("web")
                .tags(Tag.builder().key("team").value("shop").build()).build());
        CreateServiceRequest service = (CreateServiceRequest) tags.tagged(CreateServiceRequest.builder().serviceName("web").build());
        RegisterTaskDefinitionRequest definition = (RegisterTaskDefinitionRequest) tags.tagged(
                RegisterTaskDefinitionRequest.builder().family("web").build());

        assertThat(ecs(run.tags())).containsExactlyInAnyOrderEntriesOf(Map.of("team", "shop", RunTags.LAB, "04", RunTags.RUN, RUN));
        assertThat(run.cluster()).isEqualTo("c");
        assertThat(ecs(service.tags())).containsEntry(RunTags.LAB, "04");
        assertThat(ecs(definition.tags())).containsEntry(RunTags.RUN, RUN);
    }

    @Test
    @DisplayName("A Cloud Map namespace and a log group are tagged; a caller's own value of ecs-labs:lab wins; a describe is untouched")
    void otherServices() {
        CreatePrivateDnsNamespaceRequest namespace = (CreatePrivateDnsNamespaceRequest) tags.tagged(
                CreatePrivateDnsNamespaceRequest.builder().name("shop.local").vpc("vpc-1").build());
        CreateLogGroupRequest group = (CreateLogGroupRequest) tags.tagged(CreateLogGroupRequest.builder().logGroupName("/ecs/web")
                .tags(Map.of(RunTags.LAB, "mine")).build());
        DescribeClustersRequest describe = DescribeClustersRequest.builder().clusters("c").build();

        assertThat(namespace.tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactlyInAnyOrder(RunTags.LAB + "=04", RunTags.RUN + "=" + RUN);
        assertThat(group.tags()).containsEntry(RunTags.LAB, "mine").containsEntry(RunTags.RUN, RUN);
        assertThat(tags.tagged(describe)).isSameAs(describe);
    }

    private static Map<String, String> ecs(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
