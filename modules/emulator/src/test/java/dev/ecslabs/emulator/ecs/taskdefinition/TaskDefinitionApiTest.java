package dev.ecslabs.emulator.ecs.taskdefinition;

import static dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionRequests.fargateWeb;
import static dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionRequests.webContainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

/**
 * Task definitions through the real SDK, as the ECS API reference describes them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html and its
 * siblings, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-definition-state.html).
 * Each test works in an account of its own.
 */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED)
class TaskDefinitionApiTest {
    private static final AtomicLong ACCOUNTS = new AtomicLong(333_000_000_000L);
    static Emulator emulator;
    EcsClient ecs;
    String account;

    @BeforeEach
    void newAccount() {
        account = String.valueOf(ACCOUNTS.incrementAndGet());
        ecs = AwsClients.ecs(emulator, account);
    }

    @AfterEach
    void closeClient() {
        ecs.close();
    }

    @Test
    @DisplayName("RegisterTaskDefinition answers revision 1 of the family, ACTIVE, with what ECS adds to it")
    void registersTheFirstRevision() {
        Instant before = Instant.now().minusSeconds(1);
        TaskDefinition registered = ecs.registerTaskDefinition(fargateWeb().build()).taskDefinition();

        assertThat(registered.taskDefinitionArn()).isEqualTo("arn:aws:ecs:us-east-1:" + account + ":task-definition/web:1");
        assertThat(registered.family()).isEqualTo("web");
        assertThat(registered.revision()).isEqualTo(1);
        assertThat(registered.status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
        assertThat(registered.registeredAt()).isAfter(before);
        assertThat(registered.registeredBy()).isEqualTo("arn:aws:iam::" + account + ":root");
        assertThat(registered.requiresCompatibilities()).containsExactly(Compatibility.FARGATE);
        assertThat(registered.compatibilities()).containsExactly(Compatibility.EC2, Compatibility.FARGATE);
        assertThat(registered.requiresAttributes()).extracting(Attribute::name).contains(
                "ecs.capability.task-eni", "ecs.capability.execution-role-ecr-pull", "com.amazonaws.ecs.capability.ecr-auth",
                "com.amazonaws.ecs.capability.logging-driver.awslogs", "ecs.capability.execution-role-awslogs",
                "ecs.capability.container-health-check");
        assertThat(registered.cpu()).isEqualTo("256");
        assertThat(registered.memory()).isEqualTo("512");
    }

    @Test
    @DisplayName("RegisterTaskDefinition fills in ECS's defaults: cpu 0, essential, tcp, the awsvpc host port, health check timings")
    void fillsInDefaults() {
        ContainerDefinition web = ecs.registerTaskDefinition(fargateWeb()
                        .containerDefinitions(webContainer().essential(null).build()).build())
                .taskDefinition().containerDefinitions().get(0);

        assertThat(web.cpu()).isZero();
        assertThat(web.essential()).isTrue();
        assertThat(web.portMappings()).singleElement().satisfies(port -> {
            assertThat(port.containerPort()).isEqualTo(8080);
            assertThat(port.hostPort()).isEqualTo(8080);
            assertThat(port.protocol()).isEqualTo(TransportProtocol.TCP);
            assertThat(port.name()).isEqualTo("http");
        });
        assertThat(web.healthCheck().interval()).isEqualTo(30);
        assertThat(web.healthCheck().timeout()).isEqualTo(5);
        assertThat(web.healthCheck().retries()).isEqualTo(3);
    }

    @Test
    @DisplayName("cpu and memory written as \"1 vCPU\" and \"2 GB\" are stored as CPU units and MiB")
    void normalisesTaskSize() {
        TaskDefinition oneVcpu = ecs.registerTaskDefinition(fargateWeb().cpu("1 vCPU").memory("2 GB").build()).taskDefinition();
        TaskDefinition halfVcpu = ecs.registerTaskDefinition(fargateWeb().cpu("0.5 vcpu").memory("1GB").build()).taskDefinition();

        assertThat(oneVcpu.cpu()).isEqualTo("1024");
        assertThat(oneVcpu.memory()).isEqualTo("2048");
        assertThat(halfVcpu.cpu()).isEqualTo("512");
        assertThat(halfVcpu.memory()).isEqualTo("1024");
    }

    @Test
    @DisplayName("Revisions count up per family from 1, and never reuse a number")
    void countsRevisionsPerFamily() {
        ecs.registerTaskDefinition(fargateWeb().build());
        ecs.registerTaskDefinition(fargateWeb().build());
        ecs.deregisterTaskDefinition(b -> b.taskDefinition("web:2"));

        assertThat(ecs.registerTaskDefinition(fargateWeb().build()).taskDefinition().revision()).isEqualTo(3);
        assertThat(ecs.registerTaskDefinition(fargateWeb().family("worker").build()).taskDefinition().revision()).isEqualTo(1);
    }

    @Test
    @DisplayName("A task definition that doesn't ask for FARGATE lists the launch types it is compatible with")
    void computesCompatibilities() {
        TaskDefinition bridge = ecs.registerTaskDefinition(b -> b.family("classic").networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(ContainerDefinition.builder().name("app").image("nginx:1.27").memory(256)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build())).taskDefinition();
        TaskDefinition awsvpc = ecs.registerTaskDefinition(fargateWeb().family("portable").requiresCompatibilities(
                (List<Compatibility>) null).build()).taskDefinition();

        assertThat(bridge.compatibilities()).containsExactly(Compatibility.EXTERNAL, Compatibility.EC2);
        assertThat(bridge.hasRequiresCompatibilities()).as("requiresCompatibilities is left out when not given").isFalse();
        assertThat(bridge.containerDefinitions().get(0).portMappings().get(0).hostPort())
                .as("bridge mode leaves the host port to ECS").isNull();
        assertThat(awsvpc.compatibilities()).containsExactly(Compatibility.EC2, Compatibility.FARGATE);
    }

    @Test
    @DisplayName("DescribeTaskDefinition finds a family's latest ACTIVE revision, a family:revision and an ARN")
    void describesByFamilyRevisionAndArn() {
        ecs.registerTaskDefinition(fargateWeb().build());
        String second = ecs.registerTaskDefinition(fargateWeb().build()).taskDefinition().taskDefinitionArn();

        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition().revision()).isEqualTo(2);
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web:1")).taskDefinition().revision()).isEqualTo(1);
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition(second)).taskDefinition().revision()).isEqualTo(2);
    }

    @Test
    @DisplayName("DescribeTaskDefinition shows the tags only when include asks for TAGS")
    void describesTagsOnRequest() {
        ecs.registerTaskDefinition(fargateWeb().tags(tag("team", "payments")).build());

        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web:1")).hasTags()).isFalse();
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web:1").include(TaskDefinitionField.TAGS)).tags())
                .containsExactly(tag("team", "payments"));
    }

    @Test
    @DisplayName("DescribeTaskDefinition answers ClientException 'Unable to describe task definition.' for unknown ones")
    void refusesUnknownTaskDefinitions() {
        ecs.registerTaskDefinition(fargateWeb().build());

        for (String unknown : List.of("api", "web:2", "arn:aws:ecs:us-east-1:" + account + ":task-definition/web:9",
                "arn:aws:ecs:us-east-1:999999999999:task-definition/web:1", "web:0", "not a name")) {
            assertThatThrownBy(() -> ecs.describeTaskDefinition(b -> b.taskDefinition(unknown)))
                    .as(unknown).isInstanceOf(ClientException.class)
                    .hasMessageStartingWith("Unable to describe task definition.");
        }
    }

    @Test
    @DisplayName("DeregisterTaskDefinition makes a revision INACTIVE: still describable by revision, gone from a bare family and the default list")
    void deregisters() {
        ecs.registerTaskDefinition(fargateWeb().build());
        String second = ecs.registerTaskDefinition(fargateWeb().build()).taskDefinition().taskDefinitionArn();

        TaskDefinition deregistered = ecs.deregisterTaskDefinition(b -> b.taskDefinition("web:2")).taskDefinition();

        assertThat(deregistered.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(deregistered.deregisteredAt()).isNotNull();
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web:2")).taskDefinition().status())
                .isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition().revision()).isEqualTo(1);
        assertThat(ecs.listTaskDefinitionsPaginator(b -> { }).taskDefinitionArns()).doesNotContain(second);
        assertThat(ecs.listTaskDefinitionsPaginator(b -> b.status(TaskDefinitionStatus.INACTIVE)).taskDefinitionArns())
                .containsExactly(second);
    }

    @Test
    @DisplayName("DeregisterTaskDefinition needs a revision and a registered one")
    void deregisterNeedsAKnownRevision() {
        ecs.registerTaskDefinition(fargateWeb().build());

        assertThatThrownBy(() -> ecs.deregisterTaskDefinition(b -> b.taskDefinition("web")))
                .isInstanceOf(ClientException.class).hasMessageContaining("needs a revision");
        assertThatThrownBy(() -> ecs.deregisterTaskDefinition(b -> b.taskDefinition("web:5")))
                .isInstanceOf(ClientException.class).hasMessageContaining("The specified task definition does not exist");
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web:1")).taskDefinition().status())
                .isEqualTo(TaskDefinitionStatus.ACTIVE);
    }

    @Test
    @DisplayName("A family whose revisions are all INACTIVE can't be described by its bare name")
    void aFamilyWithoutActiveRevisions() {
        ecs.registerTaskDefinition(fargateWeb().build());
        ecs.deregisterTaskDefinition(b -> b.taskDefinition("web:1"));

        assertThatThrownBy(() -> ecs.describeTaskDefinition(b -> b.taskDefinition("web")))
                .isInstanceOf(ClientException.class)
                .hasMessageStartingWith("Unable to describe task definition. The family 'web' has no ACTIVE revision.");
    }

    @Test
    @DisplayName("DeleteTaskDefinitions deletes INACTIVE revisions (DELETE_IN_PROGRESS) and reports ACTIVE and unknown ones as failures")
    void deletesInactiveRevisionsOnly() {
        ecs.registerTaskDefinition(fargateWeb().build());
        ecs.registerTaskDefinition(fargateWeb().build());
        ecs.deregisterTaskDefinition(b -> b.taskDefinition("web:1"));

        DeleteTaskDefinitionsResponse response = ecs.deleteTaskDefinitions(b -> b.taskDefinitions("web:1", "web:2", "web:7"));

        assertThat(response.taskDefinitions()).singleElement().satisfies(deleted -> {
            assertThat(deleted.revision()).isEqualTo(1);
            assertThat(deleted.status()).isEqualTo(TaskDefinitionStatus.DELETE_IN_PROGRESS);
            assertThat(deleted.deleteRequestedAt()).isNotNull();
        });
        assertThat(response.failures()).extracting(Failure::arn, Failure::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("arn:aws:ecs:us-east-1:" + account + ":task-definition/web:2",
                        "The specified task definition is still in ACTIVE status. Please deregister the target and try again."),
                org.assertj.core.groups.Tuple.tuple("arn:aws:ecs:us-east-1:" + account + ":task-definition/web:7", "MISSING"));
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web:2")).taskDefinition().status())
                .isEqualTo(TaskDefinitionStatus.ACTIVE);
        assertThat(ecs.listTaskDefinitionsPaginator(b -> b.status(TaskDefinitionStatus.DELETE_IN_PROGRESS))
                .taskDefinitionArns()).containsExactly("arn:aws:ecs:us-east-1:" + account + ":task-definition/web:1");
    }

    @Test
    @DisplayName("ListTaskDefinitions sorts by family, then revision as a number, and DESC reverses both")
    void listsInOrder() {
        for (int i = 0; i < 10; i++) {
            ecs.registerTaskDefinition(fargateWeb().build());
        }
        ecs.registerTaskDefinition(fargateWeb().family("api").build());
        ecs.registerTaskDefinition(fargateWeb().family("web2").build());

        List<String> ascending = ecs.listTaskDefinitionsPaginator(b -> b.maxResults(3)).taskDefinitionArns().stream()
                .map(arn -> arn.substring(arn.indexOf('/') + 1)).toList();
        List<String> descending = ecs.listTaskDefinitionsPaginator(b -> b.sort(SortOrder.DESC).maxResults(3))
                .taskDefinitionArns().stream().map(arn -> arn.substring(arn.indexOf('/') + 1)).toList();

        assertThat(ascending).containsExactly("api:1", "web:1", "web:2", "web:3", "web:4", "web:5", "web:6", "web:7",
                "web:8", "web:9", "web:10", "web2:1");
        List<String> reversed = new ArrayList<>(ascending);
        Collections.reverse(reversed);
        assertThat(descending).containsExactlyElementsOf(reversed);
    }

    @Test
    @DisplayName("ListTaskDefinitions' familyPrefix is the full family name; maxResults is at most 100")
    void listsOneFamily() {
        ecs.registerTaskDefinition(fargateWeb().build());
        ecs.registerTaskDefinition(fargateWeb().family("web2").build());

        assertThat(ecs.listTaskDefinitions(b -> b.familyPrefix("web")).taskDefinitionArns())
                .containsExactly("arn:aws:ecs:us-east-1:" + account + ":task-definition/web:1");
        assertThatThrownBy(() -> ecs.listTaskDefinitions(b -> b.maxResults(101)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("maxResults must be between 1 and 100");
    }

    @Test
    @DisplayName("ListTaskDefinitionFamilies filters by prefix and by ACTIVE, INACTIVE or ALL, page by page")
    void listsFamilies() {
        for (String family : List.of("web", "web-worker", "api", "batch")) {
            ecs.registerTaskDefinition(fargateWeb().family(family).build());
        }
        ecs.deregisterTaskDefinition(b -> b.taskDefinition("batch:1"));

        assertThat(ecs.listTaskDefinitionFamiliesPaginator(b -> b.maxResults(1)).families())
                .containsExactly("api", "batch", "web", "web-worker");
        assertThat(ecs.listTaskDefinitionFamiliesPaginator(b -> b.familyPrefix("web")).families())
                .containsExactly("web", "web-worker");
        assertThat(ecs.listTaskDefinitionFamiliesPaginator(b -> b.status(TaskDefinitionFamilyStatus.ACTIVE)).families())
                .containsExactly("api", "web", "web-worker");
        assertThat(ecs.listTaskDefinitionFamiliesPaginator(b -> b.status(TaskDefinitionFamilyStatus.INACTIVE)).families())
                .containsExactly("batch");
    }

    @Test
    @DisplayName("TagResource, UntagResource and ListTagsForResource work on a task definition ARN")
    void tagsTaskDefinitions() {
        String arn = ecs.registerTaskDefinition(fargateWeb().tags(tag("team", "a")).build()).taskDefinition()
                .taskDefinitionArn();

        ecs.tagResource(b -> b.resourceArn(arn).tags(tag("team", "b"), tag("env", "dev")));
        assertThat(ecs.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactly(tag("team", "b"), tag("env", "dev"));
        ecs.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS)).tags())
                .containsExactly(tag("env", "dev"));
        assertThatThrownBy(() -> ecs.listTagsForResource(b -> b.resourceArn(arn.replace("web:1", "web:2"))))
                .isInstanceOf(ClientException.class).hasMessageContaining("The specified task definition does not exist");
    }

    @Test
    @DisplayName("A second revision keeps the first as it was: each revision is its own immutable recipe")
    void revisionsAreIndependent() {
        ecs.registerTaskDefinition(fargateWeb().containerDefinitions(webContainer()
                .environment(KeyValuePair.builder().name("GREETING").value("hello").build()).build()).build());
        ecs.registerTaskDefinition(fargateWeb().containerDefinitions(webContainer()
                .environment(KeyValuePair.builder().name("GREETING").value("bonjour").build()).build()).build());

        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web:1")).taskDefinition().containerDefinitions()
                .get(0).environment()).extracting(KeyValuePair::value).containsExactly("hello");
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition().containerDefinitions()
                .get(0).environment()).extracting(KeyValuePair::value).containsExactly("bonjour");
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
