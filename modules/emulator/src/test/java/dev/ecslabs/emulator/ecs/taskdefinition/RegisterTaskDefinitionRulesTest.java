package dev.ecslabs.emulator.ecs.taskdefinition;

import static dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionRequests.fargateWeb;
import static dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionRequests.web;
import static dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionRequests.webAnd;
import static dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionRequests.webContainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.DockerVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.EnvironmentFile;
import software.amazon.awssdk.services.ecs.model.EnvironmentFileType;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.HostVolumeProperties;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.IpcMode;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.PidMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RuntimePlatform;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.Volume;
import software.amazon.awssdk.services.ecs.model.VolumeFrom;

/**
 * Every rule of RegisterTaskDefinition through the real SDK: a valid Fargate task definition with
 * one thing broken is refused with AWS's exception and message, and nothing is registered
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html).
 */
@DisplayName("RegisterTaskDefinition refuses")
@EmulatorTest(clock = EmulatorTest.Clock.SCALED)
class RegisterTaskDefinitionRulesTest {
    /** Each case runs in an account of its own, so "nothing was registered" means the account has no task definition. */
    private static final AtomicLong ACCOUNTS = new AtomicLong(222_000_000_000L);
    static Emulator emulator;

    /** One broken rule: how the valid request is edited, and what ECS answers. */
    record Case(String rule, Consumer<RegisterTaskDefinitionRequest.Builder> edit, Class<? extends EcsException> type,
                String message) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Case refused(String rule, Consumer<RegisterTaskDefinitionRequest.Builder> edit, String message) {
        return new Case(rule, edit, ClientException.class, message);
    }

    @Test
    @DisplayName("nothing when every rule holds: the base request of these cases is valid")
    void theBaseRequestIsValid() {
        try (EcsClient ecs = AwsClients.ecs(emulator, String.valueOf(ACCOUNTS.incrementAndGet()))) {
            assertThat(ecs.registerTaskDefinition(fargateWeb().build()).taskDefinition().revision()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"familyAndContainers", "resources", "fargate", "executionRole", "ports", "healthChecks",
            "dependencies", "logsAndEnvironment", "taskSettings"})
    @DisplayName("a task definition that breaks a rule, with the exception and message ECS gives, and registers nothing")
    void refusesAndRegistersNothing(Case broken) {
        try (EcsClient ecs = AwsClients.ecs(emulator, String.valueOf(ACCOUNTS.incrementAndGet()))) {
            RegisterTaskDefinitionRequest.Builder request = fargateWeb();
            broken.edit().accept(request);

            assertThatThrownBy(() -> ecs.registerTaskDefinition(request.build()))
                    .isInstanceOf(broken.type())
                    .hasMessageContaining(broken.message());
            assertThat(ecs.listTaskDefinitionFamiliesPaginator(b -> { }).families()).as("families registered").isEmpty();
            assertThat(ecs.listTaskDefinitionsPaginator(b -> { }).taskDefinitionArns()).as("revisions registered").isEmpty();
        }
    }

    static Stream<Case> familyAndContainers() {
        List<ContainerDefinition> eleven = new ArrayList<>();
        IntStream.rangeClosed(1, 11).forEach(i -> eleven.add(webContainer().name("c" + i).portMappings(List.of()).build()));
        return Stream.of(
                refused("a family with a space", r -> r.family("web app"), "Invalid family 'web app'"),
                refused("an empty family", r -> r.family(""), "Invalid family ''"),
                refused("no container", r -> r.containerDefinitions(List.of()), "Container list cannot be empty."),
                refused("eleven containers", r -> r.containerDefinitions(eleven), "Too many containers."),
                refused("a container without a name", web(c -> c.name(null)), "Container.name should not be null or empty."),
                refused("a container name with a dot", web(c -> c.name("web.app")), "Invalid container name 'web.app'"),
                refused("two containers of one name", webAnd(c -> c, "web", c -> c), "Duplicate container name 'web'"),
                refused("a container without an image", web(c -> c.image(null)),
                        "Container.image should not be null or empty."),
                refused("an image digest that is not sha256 with 64 digits", web(c -> c.image("web@sha256:abc")),
                        "Invalid image 'web@sha256:abc'"),
                refused("no essential container", web(c -> c.essential(false)),
                        "A task definition must have at least one essential container."),
                refused("links outside the bridge network mode", web(c -> c.links("db")),
                        "sets links, which are supported only when networkMode=bridge"),
                refused("a hostname in the awsvpc network mode", web(c -> c.hostname("web")),
                        "hostname is not supported on container when networkMode=awsvpc."));
    }

    static Stream<Case> resources() {
        return Stream.of(
                refused("a task cpu that is not a number", r -> r.cpu("lots"), "Invalid 'cpu' setting for task."),
                refused("a task memory in terabytes", r -> r.memory("2 TB"), "Invalid 'memory' setting for task."),
                refused("an EC2 container without memory when the task sets none",
                        r -> r.requiresCompatibilities(Compatibility.EC2).networkMode(NetworkMode.BRIDGE).cpu(null)
                                .memory(null).containerDefinitions(webContainer().portMappings(List.of()).build()),
                        "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be "
                                + "specified"),
                refused("a soft limit above the hard limit", web(c -> c.memory(256).memoryReservation(384)),
                        "'memory' (256 MiB, the hard limit) must be greater than or equal to 'memoryReservation'"),
                refused("a negative container cpu", web(c -> c.cpu(-1)), "Invalid 'cpu' setting for container 'web'."),
                refused("a container memory above the task's", web(c -> c.memory(1024)),
                        "The 'memory' setting for container 'web' is greater than for the task."),
                refused("container reservations above the task memory",
                        webAnd(c -> c.memoryReservation(384), "sidecar", c -> c.memoryReservation(256)),
                        "The sum of all container 'memoryReservation' values cannot be greater than the value of the task "
                                + "'memory'."),
                refused("container cpu above the task cpu", webAnd(c -> c.cpu(200), "sidecar", c -> c.cpu(100)),
                        "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'."));
    }

    static Stream<Case> fargate() {
        return Stream.of(
                refused("the bridge network mode on Fargate", r -> r.networkMode(NetworkMode.BRIDGE)
                        .containerDefinitions(webContainer().build()), "Fargate only supports network mode \u2018awsvpc\u2019."),
                refused("no network mode on Fargate", r -> r.networkMode((NetworkMode) null),
                        "Fargate only supports network mode \u2018awsvpc\u2019."),
                refused("no task cpu on Fargate", r -> r.cpu(null),
                        "Fargate requires that 'cpu' be defined at the task level."),
                refused("no task memory on Fargate", r -> r.memory(null),
                        "Fargate requires that 'memory' be defined at the task level."),
                refused("0.25 vCPU with 4 GB", r -> r.memory("4096"),
                        "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS "
                                + "documentation for the valid values. With 256 CPU units Fargate allows memory of 512, 1024, "
                                + "2048 MiB."),
                refused("a cpu Fargate doesn't offer", r -> r.cpu("768").memory("2048"),
                        "No Fargate configuration exists for given values: 768 CPU, 2048 memory."),
                refused("a host volume with a source path on Fargate",
                        r -> r.volumes(Volume.builder().name("data")
                                .host(HostVolumeProperties.builder().sourcePath("/var/data").build()).build()),
                        "The host sourcePath parameter isn't supported for tasks run on Fargate"),
                refused("a Docker volume on Fargate", r -> r.volumes(Volume.builder().name("data")
                                .dockerVolumeConfiguration(DockerVolumeConfiguration.builder().driver("local").build()).build()),
                        "Docker volumes aren't supported by tasks run on Fargate"),
                refused("the json-file log driver on Fargate",
                        web(c -> c.logConfiguration(LogConfiguration.builder().logDriver(LogDriver.JSON_FILE).build())),
                        "For tasks on Fargate, the supported log drivers are awslogs, splunk, and awsfirelens."),
                refused("awslogs without a stream prefix on Fargate", web(c -> c.logConfiguration(LogConfiguration.builder()
                                .logDriver(LogDriver.AWSLOGS)
                                .options(Map.of("awslogs-group", "/ecs/web", "awslogs-region", "us-east-1")).build())),
                        "Log driver awslogs requires options: awslogs-stream-prefix"),
                refused("a privileged container on Fargate", web(c -> c.privileged(true)),
                        "privileged isn't supported for tasks run on Fargate"),
                refused("ipcMode on Fargate", r -> r.ipcMode(IpcMode.TASK),
                        "Tasks using the Fargate launch type do not support ipcMode."),
                refused("the host pid mode on Fargate", r -> r.pidMode(PidMode.HOST), "support pidMode 'task' only"),
                refused("placement constraints on Fargate", r -> r.placementConstraints(TaskDefinitionPlacementConstraint
                                .builder().type(TaskDefinitionPlacementConstraintType.MEMBER_OF)
                                .expression("attribute:ecs.instance-type =~ t3.*").build()),
                        "Task placement constraints aren't supported for tasks run on Fargate"),
                refused("a stop timeout above 120 seconds on Fargate", web(c -> c.stopTimeout(300)),
                        "The valid values of stopTimeout for Fargate are 2-120 seconds"),
                refused("Windows containers with less than 1 vCPU on Fargate", r -> r.runtimePlatform(RuntimePlatform.builder()
                                .operatingSystemFamily(OSFamily.WINDOWS_SERVER_2022_CORE).build()),
                        "The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate."));
    }

    static Stream<Case> executionRole() {
        return Stream.of(
                refused("a private ECR image without an execution role", r -> r.executionRoleArn(null)
                                .containerDefinitions(webContainer().logConfiguration((LogConfiguration) null).build()),
                        "Fargate requires task definition to have execution role ARN to support ECR images."),
                refused("awslogs without an execution role", r -> r.executionRoleArn(null)
                                .containerDefinitions(webContainer().image("public.ecr.aws/nginx/nginx:1.27").build()),
                        "Fargate requires task definition to have execution role ARN to support log driver awslogs."),
                refused("secrets without an execution role", r -> r.executionRoleArn(null)
                                .containerDefinitions(webContainer().image("public.ecr.aws/nginx/nginx:1.27")
                                        .logConfiguration((LogConfiguration) null)
                                        .secrets(Secret.builder().name("DB_PASSWORD")
                                                .valueFrom("arn:aws:ssm:us-east-1:111111111111:parameter/db-password")
                                                .build()).build()),
                        "Fargate requires task definition to have execution role ARN to support secrets."));
    }

    static Stream<Case> ports() {
        return Stream.of(
                refused("a host port that differs from the container port in awsvpc",
                        web(c -> c.portMappings(PortMapping.builder().containerPort(8080).hostPort(80).build())),
                        "When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
                refused("a port mapping without a container port", web(c -> c.portMappings(PortMapping.builder().build())),
                        "Invalid 'containerPort' setting for container 'web'."),
                refused("container port 0", web(c -> c.portMappings(PortMapping.builder().containerPort(0).build())),
                        "Invalid 'containerPort' setting for container 'web'."),
                refused("a container port range written backwards",
                        web(c -> c.portMappings(PortMapping.builder().containerPortRange("9000-8000").build())),
                        "Invalid 'containerPortRange' setting for container 'web'"),
                refused("a port name with capital letters",
                        web(c -> c.portMappings(PortMapping.builder().containerPort(8080).name("Http").build())),
                        "Invalid port mapping name 'Http' in container 'web'"),
                refused("one port name in two containers", webAnd(c -> c, "sidecar",
                                c -> c.portMappings(PortMapping.builder().containerPort(9090).name("http").build())),
                        "The port mapping name 'http' is used twice"),
                refused("appProtocol on a port without a name", web(c -> c.portMappings(PortMapping.builder()
                                .containerPort(8080).appProtocol(ApplicationProtocol.GRPC).build())),
                        "sets appProtocol grpc but has no name"),
                refused("port mappings in the none network mode", r -> r.requiresCompatibilities(Compatibility.EC2)
                                .networkMode(NetworkMode.NONE),
                        "Container 'web' has port mappings, which can't be used when networkMode=none."),
                new Case("a protocol other than tcp and udp, by the model's enum",
                        web(c -> c.portMappings(PortMapping.builder().containerPort(8080).protocol("sctp").build())),
                        InvalidParameterException.class, "Member must satisfy enum value set: [tcp, udp]"));
    }

    static Stream<Case> healthChecks() {
        HealthCheck.Builder check = HealthCheck.builder().command("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1");
        return Stream.of(
                refused("a health check command without CMD or CMD-SHELL",
                        web(c -> c.healthCheck(HealthCheck.builder().command("curl", "-f", "http://localhost/").build())),
                        "the command must start with CMD"),
                refused("a health check interval under 5 seconds", web(c -> c.healthCheck(check.copy().interval(4).build())),
                        "interval must be between 5 and 300 seconds, not 4."),
                refused("a health check timeout over 60 seconds", web(c -> c.healthCheck(check.copy().timeout(61).build())),
                        "timeout must be between 2 and 60 seconds, not 61."),
                refused("11 health check retries", web(c -> c.healthCheck(check.copy().retries(11).build())),
                        "retries must be between 1 and 10, not 11."),
                refused("a start period over 300 seconds", web(c -> c.healthCheck(check.copy().startPeriod(301).build())),
                        "startPeriod must be between 0 and 300 seconds, not 301."));
    }

    static Stream<Case> dependencies() {
        return Stream.of(
                refused("a dependency on a container the task doesn't have", web(c -> c.dependsOn(dependency("db",
                        ContainerCondition.START))), "depends on container 'db', which is not defined in this task definition."),
                refused("a container that depends on itself", web(c -> c.dependsOn(dependency("web",
                        ContainerCondition.START))), "Container 'web' can't depend on itself."),
                refused("COMPLETE on an essential container", webAnd(c -> c.dependsOn(dependency("init",
                                ContainerCondition.COMPLETE)), "init", c -> c.essential(true)),
                        "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container"),
                refused("HEALTHY on a container without a health check", webAnd(c -> c.dependsOn(dependency("proxy",
                                ContainerCondition.HEALTHY)), "proxy", c -> c),
                        "waits for container 'proxy' to be HEALTHY, but 'proxy' has no healthCheck."),
                refused("containers that wait for each other", webAnd(c -> c.dependsOn(dependency("proxy",
                                ContainerCondition.START)), "proxy", c -> c.dependsOn(dependency("web", ContainerCondition.START))),
                        "The containers' dependsOn form a cycle: web -> proxy -> web."));
    }

    static Stream<Case> logsAndEnvironment() {
        return Stream.of(
                refused("awslogs without its region and group", web(c -> c.logConfiguration(LogConfiguration.builder()
                                .logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-stream-prefix", "web")).build())),
                        "Log driver awslogs requires options: awslogs-region, awslogs-group"),
                refused("an environment variable without a name",
                        web(c -> c.environment(KeyValuePair.builder().value("1").build())),
                        "Container 'web' has an environment variable without a name."),
                refused("an environment file that is not an S3 .env object", web(c -> c.environmentFiles(
                                EnvironmentFile.builder().type(EnvironmentFileType.S3).value("arn:aws:s3:::config/web.txt")
                                        .build())),
                        "Invalid environmentFiles value 'arn:aws:s3:::config/web.txt'"),
                refused("eleven environment files", web(c -> c.environmentFiles(IntStream.rangeClosed(1, 11)
                                .mapToObj(i -> EnvironmentFile.builder().type(EnvironmentFileType.S3)
                                        .value("arn:aws:s3:::config/" + i + ".env").build()).toList())),
                        "has 11 environmentFiles; a container can have up to 10."),
                refused("a secret that names no secret", web(c -> c.secrets(Secret.builder().name("DB_PASSWORD")
                                .valueFrom("my password!").build())),
                        "Invalid secret 'DB_PASSWORD' for container 'web'."));
    }

    static Stream<Case> taskSettings() {
        return Stream.of(
                refused("20 GiB of ephemeral storage", r -> r.ephemeralStorage(e -> e.sizeInGiB(20)),
                        "sizeInGiB must be between 21 and 200 GiB, not 20."),
                refused("201 GiB of ephemeral storage", r -> r.ephemeralStorage(e -> e.sizeInGiB(201)),
                        "sizeInGiB must be between 21 and 200 GiB, not 201."),
                refused("ARM64 with Windows", r -> r.cpu("1024").memory("2048").runtimePlatform(RuntimePlatform.builder()
                                .cpuArchitecture(CPUArchitecture.ARM64).operatingSystemFamily(OSFamily.WINDOWS_SERVER_2022_CORE)
                                .build()),
                        "The ARM64 cpuArchitecture is supported with operatingSystemFamily LINUX only"),
                refused("two volumes of one name", r -> r.volumes(Volume.builder().name("data").build(),
                        Volume.builder().name("data").build()), "Duplicate volume name 'data'."),
                refused("a mount point of a volume the task doesn't have", web(c -> c.mountPoints(MountPoint.builder()
                                .sourceVolume("cache").containerPath("/cache").build())),
                        "sourceVolume 'cache' is not a volume of this task definition."),
                refused("volumesFrom a container the task doesn't have", web(c -> c.volumesFrom(VolumeFrom.builder()
                        .sourceContainer("db").build())), "sourceContainer 'db' must name another container"),
                new Case("a tag key with the aws: prefix", r -> r.tags(Tag.builder().key("aws:team").value("a").build()),
                        InvalidParameterException.class, "Tag keys that start with 'aws:' are reserved for AWS use"),
                new Case("51 tags, by the model's limit", r -> r.tags(IntStream.rangeClosed(1, 51)
                                .mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList()),
                        InvalidParameterException.class, "Member must have length less than or equal to 50"));
    }

    private static ContainerDependency dependency(String container, ContainerCondition condition) {
        return ContainerDependency.builder().containerName(container).condition(condition).build();
    }
}
