package dev.ecslabs.emulator.ecs.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.AttributeLimitExceededException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.NoUpdateAvailableException;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.TargetNotFoundException;
import software.amazon.awssdk.services.ecs.model.TargetType;

/**
 * Container instances through the real SDK, as the ECS API reference describes them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterContainerInstance.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListContainerInstances.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class ContainerInstanceApiTest {
    static final String ACCOUNT = "123456789012";
    Emulator emulator;
    EcsClient ecs;

    @BeforeEach
    void cluster() {
        ecs.createCluster(b -> b.clusterName("ec2"));
    }

    @Test
    @DisplayName("A launched t3.micro registers ACTIVE with its CPU, MEMORY, the agent's PORTS and the ecs.* attributes; the cluster counts it")
    void launchRegisters() {
        String arn = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.micro", 1, "").get(0);

        ContainerInstance instance = ecs.describeContainerInstances(b -> b.cluster("ec2").containerInstances(arn))
                .containerInstances().get(0);
        assertThat(arn).matches("arn:aws:ecs:us-east-1:123456789012:container-instance/ec2/[0-9a-f]{32}");
        assertThat(instance.status()).isEqualTo("ACTIVE");
        assertThat(instance.agentConnected()).isTrue();
        assertThat(instance.ec2InstanceId()).matches("i-[0-9a-f]{17}");
        assertThat(integer(instance.registeredResources(), "CPU")).isEqualTo(2048);
        assertThat(integer(instance.registeredResources(), "MEMORY")).isEqualTo(1024 - 128);
        assertThat(instance.registeredResources()).filteredOn(r -> r.name().equals("PORTS")).singleElement()
                .satisfies(r -> assertThat(r.stringSetValue()).containsExactly("22", "2375", "2376", "51678", "51679"));
        assertThat(instance.remainingResources()).isEqualTo(instance.registeredResources());
        assertThat(instance.versionInfo().agentVersion()).isNotBlank();
        assertThat(instance.attributes()).extracting(Attribute::name, Attribute::value).contains(
                org.assertj.core.groups.Tuple.tuple("ecs.instance-type", "t3.micro"),
                org.assertj.core.groups.Tuple.tuple("ecs.availability-zone", "us-east-1a"),
                org.assertj.core.groups.Tuple.tuple("ecs.cpu-architecture", "x86_64"),
                org.assertj.core.groups.Tuple.tuple("ecs.os-type", "linux"));
        assertThat(ecs.describeClusters(b -> b.clusters("ec2")).clusters().get(0).registeredContainerInstancesCount())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("RegisterContainerInstance, as the agent calls it, takes the identity document's instance type, zone and AMI")
    void agentRegisters() {
        String document = "{\"instanceId\":\"i-0123456789abcdef0\",\"instanceType\":\"c6g.large\",\"availabilityZone\":"
                + "\"us-east-1b\",\"imageId\":\"ami-0abcdef1234567890\",\"architecture\":\"arm64\",\"region\":\"us-east-1\"}";

        ContainerInstance instance = ecs.registerContainerInstance(b -> b.cluster("ec2").instanceIdentityDocument(document)
                .attributes(Attribute.builder().name("stack").value("prod").build())).containerInstance();

        assertThat(instance.ec2InstanceId()).isEqualTo("i-0123456789abcdef0");
        assertThat(integer(instance.registeredResources(), "CPU")).isEqualTo(2048);
        assertThat(instance.attributes()).extracting(Attribute::name, Attribute::value).contains(
                org.assertj.core.groups.Tuple.tuple("ecs.cpu-architecture", "arm64"),
                org.assertj.core.groups.Tuple.tuple("ecs.ami-id", "ami-0abcdef1234567890"),
                org.assertj.core.groups.Tuple.tuple("stack", "prod"));
        assertThatThrownBy(() -> ecs.registerContainerInstance(b -> b.cluster("ec2").instanceIdentityDocument("{}")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("instance identity document");
    }

    @Test
    @DisplayName("ListContainerInstances filters with the cluster query language and by status; a bad expression is InvalidParameterException")
    void listFilters() {
        List<String> micro = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.micro", 3, "");
        List<String> large = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "m5.large", 1, "&attribute=stack:prod");
        ecs.updateContainerInstancesState(b -> b.cluster("ec2").containerInstances(micro.get(0)).status(ContainerInstanceStatus.DRAINING));

        assertThat(list("attribute:ecs.instance-type == t3.micro")).containsExactlyInAnyOrderElementsOf(micro);
        assertThat(list("attribute:ecs.instance-type =~ m5.*")).containsExactlyElementsOf(large);
        assertThat(list("attribute:stack exists")).containsExactlyElementsOf(large);
        assertThat(list("attribute:ecs.availability-zone in [us-east-1a, us-east-1b] and not(attribute:stack exists)"))
                .hasSize(2).isSubsetOf(micro);
        assertThat(list("ec2InstanceId == nothing || runningTasksCount == 0")).hasSize(4);
        assertThat(ecs.listContainerInstances(b -> b.cluster("ec2").status(ContainerInstanceStatus.DRAINING))
                .containerInstanceArns()).containsExactly(micro.get(0));
        assertThatThrownBy(() -> list("attribute:ecs.instance-type ==="))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("cluster query");
    }

    @Test
    @DisplayName("PutAttributes adds custom attributes (at most 10), ListAttributes lists them by name and value, DeleteAttributes removes them")
    void attributes() {
        String arn = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.small", 1, "").get(0);

        ecs.putAttributes(b -> b.cluster("ec2").attributes(Attribute.builder().name("team").value("shop").targetId(arn).build()));
        assertThat(ecs.listAttributes(b -> b.cluster("ec2").targetType(TargetType.CONTAINER_INSTANCE).attributeName("team")
                .attributeValue("shop")).attributes()).singleElement().satisfies(a -> assertThat(a.targetId()).isEqualTo(arn));
        assertThatThrownBy(() -> ecs.putAttributes(b -> b.cluster("ec2").attributes(java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> Attribute.builder().name("a" + i).targetId(arn).build()).toList())))
                .isInstanceOf(AttributeLimitExceededException.class);
        assertThatThrownBy(() -> ecs.putAttributes(b -> b.cluster("ec2").attributes(Attribute.builder().name("x")
                .targetId("0123456789abcdef0123456789abcdef").build())))
                .isInstanceOf(TargetNotFoundException.class);

        ecs.deleteAttributes(b -> b.cluster("ec2").attributes(Attribute.builder().name("team").targetId(arn).build()));
        assertThat(ecs.listAttributes(b -> b.cluster("ec2").targetType(TargetType.CONTAINER_INSTANCE).attributeName("team"))
                .attributes()).isEmpty();
    }

    @Test
    @DisplayName("DeregisterContainerInstance leaves it INACTIVE: describable, no longer listed or counted; the agent is already the latest (NoUpdateAvailableException)")
    void deregisterAndAgent() {
        String arn = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.micro", 1, "").get(0);
        assertThatThrownBy(() -> ecs.updateContainerAgent(b -> b.cluster("ec2").containerInstance(arn)))
                .isInstanceOf(NoUpdateAvailableException.class);

        ContainerInstance gone = ecs.deregisterContainerInstance(b -> b.cluster("ec2").containerInstance(arn)).containerInstance();

        assertThat(gone.status()).isEqualTo("INACTIVE");
        assertThat(ecs.listContainerInstances(b -> b.cluster("ec2")).containerInstanceArns()).isEmpty();
        assertThat(ecs.describeClusters(b -> b.clusters("ec2")).clusters().get(0).registeredContainerInstancesCount()).isZero();
        assertThat(ecs.describeContainerInstances(b -> b.cluster("ec2").containerInstances(arn)).containerInstances().get(0)
                .status()).isEqualTo("INACTIVE");
    }

    @Test
    @DisplayName("The launch route refuses an unknown instance type and an unknown cluster with 400 and a reason")
    void launchRefusals() {
        assertThat(Ec2Instances.post(emulator, ACCOUNT, "?cluster=ec2&instanceType=z9.huge").body())
                .contains("no instance type 'z9.huge'");
        assertThat(Ec2Instances.post(emulator, ACCOUNT, "?cluster=nope").statusCode()).isEqualTo(400);
        assertThat(ecs.listContainerInstances(b -> b.cluster("ec2")).containerInstanceArns()).isEmpty();
    }

    @Test
    @DisplayName("The agent's actions: DiscoverPollEndpoint answers the region's endpoints, SubmitTaskStateChange checks the task it names")
    void agentActions() {
        assertThat(ecs.discoverPollEndpoint(b -> b.cluster("ec2")).endpoint()).isEqualTo("https://ecs-a-1.us-east-1.amazonaws.com/");
        assertThatThrownBy(() -> ecs.submitTaskStateChange(b -> b.cluster("ec2").task("0123456789abcdef0123456789abcdef")
                .status("RUNNING"))).isInstanceOf(InvalidParameterException.class).hasMessageContaining("task was not found");
    }

    @Test
    @DisplayName("An action left unserved says why and what to use instead: ListDaemons names the DAEMON scheduling strategy")
    void unservedSaysWhy() {
        assertThatThrownBy(() -> ecs.listDaemons(b -> b.clusterArn("ec2")))
                .isInstanceOf(software.amazon.awssdk.services.ecs.model.UnsupportedFeatureException.class)
                .hasMessageContaining("schedulingStrategy DAEMON");
    }

    private List<String> list(String filter) {
        return ecs.listContainerInstances(b -> b.cluster("ec2").filter(filter)).containerInstanceArns();
    }

    static int integer(List<Resource> resources, String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().integerValue();
    }
}
