package dev.ecslabs.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.AwsCliDriver.Result;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The AWS CLI, a second real client, works against the emulator for each service the labs use: the
 * commands a learner types from a guide (skipped where the CLI is not installed). What it sends:
 * AWS JSON 1.1 for ECS, Logs, Cloud Map and Application Auto Scaling; AWS Query for ELB v2, IAM,
 * STS and EC2 Auto Scaling; for CloudWatch, JSON 1.0 from botocore 1.43 (the CLI v1 1.45) and AWS
 * Query from Debian's awscli 2.9, so its case runs with every CLI on the PATH. One emulator for
 * the class: each case names its own resources, so the cases run at the same time; the one case that
 * moves the clock holds it alone, as the cases whose answers depend on the time read it.
 *
 * <p>How the commands run: a new {@code aws} process costs about a CPU-second of Python start and
 * imports before the CLI does anything (57 commands, most of this class's 90–100 CPU-seconds). So each
 * CLI on the PATH gets one long-lived Python process ({@link AwsCliDriver}) that runs the cases'
 * commands one after another through {@code awscli.clidriver.main()}, the function the installed
 * {@code aws} script calls and nothing else: the same parsing, serialising, signing, error handling
 * and printing, on a fresh botocore session per command that reads the command's environment. What
 * only a process of its own proves, that the installed program starts and its exit code reaches the
 * shell, {@link #theAwsProgramItself} proves for each CLI. A CLI that is not a Python script (the
 * AWS CLI v2 installer's frozen binary) gets a process per command, as before.
 */
@EmulatorTest
@Execution(ExecutionMode.CONCURRENT)
class AwsCliTest {
    /** The class's manual clock, as a lock: {@link #discoverInstances} moves it, other cases read the time. */
    private static final String CLOCK = "AwsCliTest.clock";
    /** Each program's copies on the PATH, looked up once (see {@link #installed}). */
    private static final Map<String, List<Path>> INSTALLED = new ConcurrentHashMap<>();
    /** Each CLI's driver, started at its first command and stopped after the class; empty for a CLI that is no Python script. */
    private static final Map<String, Optional<AwsCliDriver>> DRIVERS = new ConcurrentHashMap<>();
    /** What every command runs with, whether in a driver or a process of its own: the learner's settings, none of this machine's. */
    private static final Map<String, String> ENVIRONMENT = Map.of("AWS_ACCESS_KEY_ID", "cli", "AWS_SECRET_ACCESS_KEY", "cli",
            "AWS_DEFAULT_REGION", "eu-west-1", "AWS_PAGER", "", "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null");

    static Emulator emulator;
    static ManualClock clock;
    static EcsClient ecs;

    @BeforeAll
    static void start() {
        assumeTrue(onPath("aws"), "the AWS CLI (aws) is not installed here; .ci/run installs Debian's awscli");
    }

    @AfterAll
    static void stopDrivers() {
        DRIVERS.values().forEach(driver -> driver.ifPresent(AwsCliDriver::close));
        DRIVERS.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installedClis")
    @DisplayName("the aws program itself, started as a shell starts it, answers a command and exits 254 or 255 on a service's error "
            + "(the other cases run their commands through its entry function, in one Python process per CLI)")
    void theAwsProgramItself(Path cli) throws Exception {
        Result caller = runProcess(cli.toString(), emulator, Map.of(), "sts", "get-caller-identity");
        Result error = runProcess(cli.toString(), emulator, Map.of(), "ecs", "delete-cluster", "--cluster", "never-created");

        assertThat(caller.exitCode()).as(caller.output()).isZero();
        assertThat(AwsJsonCodec.MAPPER.readTree(caller.output()).path("Account").asText()).isEqualTo("000000000000");
        assertThat(error.exitCode()).as("the CLI's code for an error the service answered: 255 from v1, 254 from v2")
                .isIn(254, 255);
        assertThat(error.output()).contains("ClusterNotFoundException");
    }

    @Test
    @DisplayName("aws ecs create-cluster, list-clusters and describe-clusters answer as ECS does")
    void clusterCommands() throws Exception {
        JsonNode created = aws("ecs", "create-cluster", "--cluster-name", "from-the-cli", "--tags", "key=team,value=cli");
        JsonNode listed = aws("ecs", "list-clusters");
        JsonNode described = aws("ecs", "describe-clusters", "--clusters", "from-the-cli", "ghost", "--include", "TAGS");

        assertThat(created.path("cluster").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(listed.path("clusterArns")).extracting(JsonNode::asText)
                .as("other cases make clusters at the same time").contains("arn:aws:ecs:eu-west-1:000000000000:cluster/from-the-cli");
        assertThat(described.path("clusters").get(0).path("tags").get(0).path("value").asText()).isEqualTo("cli");
        assertThat(described.path("failures").get(0).path("reason").asText()).isEqualTo("MISSING");
    }

    @Test
    @ResourceLock(value = CLOCK, mode = ResourceAccessMode.READ)
    @DisplayName("aws logs: create-log-group, put-retention-policy, create-log-stream, put-log-events, get-log-events and filter-log-events")
    void logsCommands() throws Exception {
        aws("logs", "create-log-group", "--log-group-name", "/cli/app", "--tags", "team=cli");
        aws("logs", "put-retention-policy", "--log-group-name", "/cli/app", "--retention-in-days", "7");
        aws("logs", "create-log-stream", "--log-group-name", "/cli/app", "--log-stream-name", "web/1");
        long now = clock.now().toEpochMilli();
        aws("logs", "put-log-events", "--log-group-name", "/cli/app", "--log-stream-name", "web/1", "--log-events",
                "timestamp=" + now + ",message=INFO started", "timestamp=" + (now + 1) + ",message=ERROR broke");

        JsonNode groups = aws("logs", "describe-log-groups", "--log-group-name-prefix", "/cli/");
        JsonNode events = aws("logs", "get-log-events", "--log-group-name", "/cli/app", "--log-stream-name", "web/1", "--start-from-head");
        JsonNode errors = aws("logs", "filter-log-events", "--log-group-name", "/cli/app", "--filter-pattern", "ERROR");

        assertThat(groups.path("logGroups").get(0).path("retentionInDays").asInt()).isEqualTo(7);
        assertThat(events.path("events").findValuesAsText("message")).containsExactly("INFO started", "ERROR broke");
        assertThat(events.path("nextForwardToken").asText()).startsWith("f/");
        assertThat(errors.path("events").findValuesAsText("message")).containsExactly("ERROR broke");
        assertThat(run("logs", "delete-log-group", "--log-group-name", "/cli/none").output())
                .contains("ResourceNotFoundException").contains("The specified log group does not exist");
    }

    @Test
    @DisplayName("an error reaches the CLI as AWS's error code and message")
    void errors() throws Exception {
        Result result = run("ecs", "delete-cluster", "--cluster", "never-created");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("ClusterNotFoundException").contains("Cluster not found.");
    }

    @Test
    @ResourceLock(value = CLOCK, mode = ResourceAccessMode.READ_WRITE)
    @DisplayName("aws servicediscovery discover-instances reaches the emulator once AWS_DISABLE_HOST_PREFIX_INJECTION=true, "
            + "not through the data- host the CLI otherwise builds from --endpoint-url")
    void discoverInstances() throws Exception {
        String operation = aws("servicediscovery", "create-http-namespace", "--name", "cli-lab")
                .path("OperationId").asText();
        clock.advance(Duration.ofMinutes(1));
        String namespace = aws("servicediscovery", "get-operation", "--operation-id", operation)
                .path("Operation").path("Targets").path("NAMESPACE").asText();
        String service = aws("servicediscovery", "create-service", "--name", "db", "--namespace-id", namespace)
                .path("Service").path("Id").asText();
        aws("servicediscovery", "register-instance", "--service-id", service, "--instance-id", "db-1",
                "--attributes", "AWS_INSTANCE_IPV4=10.0.2.15,stage=prod");
        clock.advance(Duration.ofMinutes(1));
        String[] discover = {"servicediscovery", "discover-instances", "--namespace-name", "cli-lab", "--service-name", "db"};

        // One attempt: the data- host cannot be reached, and botocore would try it four more times.
        Result withPrefix = run(emulator, Map.of("AWS_MAX_ATTEMPTS", "1"), discover);
        JsonNode found = aws(discover);

        assertThat(withPrefix.output()).as("without the setting, the CLI asks data-<endpoint host>").contains("data-");
        assertThat(found.path("Instances").get(0).path("InstanceId").asText()).isEqualTo("db-1");
        assertThat(found.path("Instances").get(0).path("Attributes").path("stage").asText()).isEqualTo("prod");
    }

    @Test
    @ResourceLock(value = CLOCK, mode = ResourceAccessMode.READ)
    @DisplayName("aws elbv2 create-target-group, create-load-balancer, create-listener, register-targets and describe-target-health")
    void loadBalancingCommands() throws Exception {
        String targetGroup = aws("elbv2", "create-target-group", "--name", "cli-web", "--protocol", "HTTP", "--port", "8080",
                "--target-type", "ip", "--vpc-id", DefaultVpc.VPC_ID, "--health-check-path", "/health")
                .path("TargetGroups").get(0).path("TargetGroupArn").asText();
        JsonNode loadBalancer = aws("elbv2", "create-load-balancer", "--name", "cli-alb", "--subnets",
                DefaultVpc.SUBNET_IDS.get(0), DefaultVpc.SUBNET_IDS.get(1), "--tags", "Key=team,Value=cli")
                .path("LoadBalancers").get(0);
        JsonNode listener = aws("elbv2", "create-listener", "--load-balancer-arn", loadBalancer.path("LoadBalancerArn").asText(),
                "--protocol", "HTTP", "--port", "80", "--default-actions", "Type=forward,TargetGroupArn=" + targetGroup)
                .path("Listeners").get(0);
        aws("elbv2", "register-targets", "--target-group-arn", targetGroup, "--targets", "Id=172.31.0.10,Port=8080");
        JsonNode health = aws("elbv2", "describe-target-health", "--target-group-arn", targetGroup)
                .path("TargetHealthDescriptions").get(0);

        assertThat(targetGroup).startsWith("arn:aws:elasticloadbalancing:eu-west-1:000000000000:targetgroup/cli-web/");
        assertThat(loadBalancer.path("State").path("Code").asText()).isEqualTo("provisioning");
        assertThat(loadBalancer.path("Type").asText()).isEqualTo("application");
        assertThat(loadBalancer.path("AvailabilityZones").findValuesAsText("SubnetId")).containsExactlyElementsOf(DefaultVpc.SUBNET_IDS.subList(0, 2));
        assertThat(listener.path("DefaultActions").get(0).path("TargetGroupArn").asText()).isEqualTo(targetGroup);
        assertThat(health.path("Target").path("Id").asText()).isEqualTo("172.31.0.10");
        assertThat(health.path("TargetHealth").path("State").asText()).isEqualTo("initial");
        assertThat(health.path("TargetHealth").path("Reason").asText()).isEqualTo("Elb.RegistrationInProgress");
        assertThat(run("elbv2", "describe-target-health", "--target-group-arn", targetGroup.replace("cli-web", "cli-none")).output())
                .contains("TargetGroupNotFound");
    }

    @Test
    @DisplayName("aws iam create-role, attach-role-policy, list-attached-role-policies and get-role (the trust policy decoded), "
            + "aws sts get-caller-identity")
    void roleCommands() throws Exception {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        String policy = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
        JsonNode created = aws("iam", "create-role", "--role-name", "cli-execution-role", "--assume-role-policy-document", trust);
        aws("iam", "attach-role-policy", "--role-name", "cli-execution-role", "--policy-arn", policy);
        JsonNode attached = aws("iam", "list-attached-role-policies", "--role-name", "cli-execution-role");
        JsonNode role = aws("iam", "get-role", "--role-name", "cli-execution-role").path("Role");
        JsonNode caller = aws("sts", "get-caller-identity");

        assertThat(created.path("Role").path("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:role/cli-execution-role");
        assertThat(attached.path("AttachedPolicies").findValuesAsText("PolicyArn")).containsExactly(policy);
        assertThat(role.path("RoleId").asText()).startsWith("AROA");
        assertThat(role.path("AssumeRolePolicyDocument").path("Statement").get(0).path("Principal").path("Service").asText())
                .as("the CLI decodes the URL-encoded document IAM answers").isEqualTo("ecs-tasks.amazonaws.com");
        assertThat(caller.path("Account").asText()).isEqualTo("000000000000");
        assertThat(caller.path("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(run("iam", "get-role", "--role-name", "cli-never-created").output())
                .contains("NoSuchEntity").contains("cli-never-created");
    }

    @Test
    @DisplayName("aws ec2 describe-vpcs, describe-subnets and describe-security-groups find the default VPC's network "
            + "(EC2's own Query dialect), and an unknown subnet is InvalidSubnetID.NotFound")
    void networkCommands() throws Exception {
        JsonNode vpcs = aws("ec2", "describe-vpcs", "--filters", "Name=is-default,Values=true");
        String vpc = vpcs.path("Vpcs").get(0).path("VpcId").asText();
        JsonNode subnets = aws("ec2", "describe-subnets", "--filters", "Name=vpc-id,Values=" + vpc,
                "Name=default-for-az,Values=true");
        JsonNode groups = aws("ec2", "describe-security-groups", "--group-names", "default");

        assertThat(vpc).isEqualTo(DefaultVpc.VPC_ID);
        assertThat(vpcs.path("Vpcs").get(0).path("IsDefault").asBoolean()).isTrue();
        assertThat(subnets.path("Subnets").findValuesAsText("SubnetId")).containsExactlyElementsOf(DefaultVpc.SUBNET_IDS);
        assertThat(subnets.path("Subnets").findValuesAsText("AvailabilityZone"))
                .as("the CLI's Region, eu-west-1").containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
        assertThat(groups.path("SecurityGroups").get(0).path("GroupId").asText()).isEqualTo(DefaultVpc.SECURITY_GROUP_ID);
        assertThat(run("ec2", "describe-subnets", "--subnet-ids", "subnet-0123456789abcdef0").output())
                .contains("InvalidSubnetID.NotFound").contains("subnet-0123456789abcdef0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installedClis")
    @ResourceLock(value = CLOCK, mode = ResourceAccessMode.READ)
    @DisplayName("aws cloudwatch put-metric-data, get-metric-statistics, put-metric-alarm and describe-alarms, with each AWS CLI "
            + "installed: botocore 1.43 sends JSON 1.0 (X-Amz-Target GraniteServiceVersion20100801.*), Debian's awscli 2.9 AWS Query")
    void cloudWatchCommands(Path cli) throws Exception {
        String program = cli.toString();
        String namespace = "CliLab/" + Integer.toHexString(program.hashCode());
        Instant now = clock.now();
        aws(program, emulator, "cloudwatch", "put-metric-data", "--namespace", namespace, "--metric-name", "Requests",
                "--value", "7", "--unit", "Count", "--dimensions", "Service=web");
        aws(program, emulator, "cloudwatch", "put-metric-data", "--namespace", namespace, "--metric-data",
                "MetricName=Requests,Values=[1,2],Counts=[3,1],Unit=Count,Dimensions=[{Name=Service,Value=web}]");
        JsonNode statistics = aws(program, emulator, "cloudwatch", "get-metric-statistics", "--namespace", namespace,
                "--metric-name", "Requests", "--dimensions", "Name=Service,Value=web", "--period", "300",
                "--start-time", now.minus(Duration.ofMinutes(5)).toString(), "--end-time", now.plus(Duration.ofMinutes(5)).toString(),
                "--statistics", "Sum", "SampleCount", "Maximum");
        aws(program, emulator, "cloudwatch", "put-metric-alarm", "--alarm-name", namespace + "/high", "--namespace", namespace,
                "--metric-name", "Requests", "--dimensions", "Name=Service,Value=web", "--statistic", "Sum", "--period", "60",
                "--evaluation-periods", "1", "--threshold", "10", "--comparison-operator", "GreaterThanThreshold");
        JsonNode alarms = aws(program, emulator, "cloudwatch", "describe-alarms", "--alarm-names", namespace + "/high");

        JsonNode datapoint = statistics.path("Datapoints").get(0);
        assertThat(datapoint.path("Sum").asDouble()).as("7, then 1 and 2 counted 3 and 1 times").isEqualTo(12.0);
        assertThat(datapoint.path("SampleCount").asDouble()).isEqualTo(5.0);
        assertThat(datapoint.path("Maximum").asDouble()).isEqualTo(7.0);
        JsonNode alarm = alarms.path("MetricAlarms").get(0);
        assertThat(alarm.path("StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(alarm.path("Threshold").asDouble()).isEqualTo(10.0);
        assertThat(alarm.path("Dimensions").get(0).path("Value").asText()).isEqualTo("web");
        assertThat(run(program, emulator, Map.of(), "cloudwatch", "set-alarm-state", "--alarm-name", namespace + "/none",
                "--state-value", "OK", "--state-reason", "test").output())
                .as("the Query code, whichever protocol carried it").contains("(ResourceNotFound)");
    }

    @Test
    @ResourceLock(value = CLOCK, mode = ResourceAccessMode.READ)
    @DisplayName("aws ecs create-service with the EXTERNAL deployment controller, create-task-set and describe-task-sets")
    void taskSetCommands() throws Exception {
        aws("ecs", "create-cluster", "--cluster-name", "cli-external");
        aws("ecs", "register-task-definition", "--family", "cli-set", "--requires-compatibilities", "FARGATE",
                "--network-mode", "awsvpc", "--cpu", "256", "--memory", "512", "--container-definitions",
                "[{\"name\":\"web\",\"image\":\"nginx\",\"essential\":true}]");
        aws("ecs", "create-service", "--cluster", "cli-external", "--service-name", "web", "--desired-count", "2",
                "--deployment-controller", "type=EXTERNAL");
        JsonNode created = aws("ecs", "create-task-set", "--cluster", "cli-external", "--service", "web",
                "--task-definition", "cli-set", "--launch-type", "FARGATE", "--scale", "value=50,unit=PERCENT",
                "--network-configuration", "awsvpcConfiguration={subnets=[" + DefaultVpc.SUBNET_IDS.get(0) + "]}")
                .path("taskSet");
        JsonNode described = aws("ecs", "describe-task-sets", "--cluster", "cli-external", "--service", "web",
                "--task-sets", created.path("id").asText());

        assertThat(created.path("taskSetArn").asText()).startsWith("arn:aws:ecs:eu-west-1:000000000000:task-set/cli-external/web/ecs-svc/");
        assertThat(created.path("computedDesiredCount").asInt()).isEqualTo(1);
        assertThat(created.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(described.path("taskSets").get(0).path("scale").path("value").asDouble()).isEqualTo(50.0);
        assertThat(run("ecs", "update-task-set", "--cluster", "cli-external", "--service", "web", "--task-set",
                "ecs-svc/0000000000000000000", "--scale", "value=10,unit=PERCENT").output()).contains("TaskSetNotFoundException");
    }

    static List<Path> installedClis() {
        return installed("aws");
    }

    @Test
    @ResourceLock(value = CLOCK, mode = ResourceAccessMode.READ)
    @DisplayName("aws application-autoscaling register-scalable-target and describe-scalable-targets for an ECS service, "
            + "aws autoscaling create-auto-scaling-group and describe-auto-scaling-groups")
    void autoScalingCommands() throws Exception {
        // The service to scale is made through the SDK (region us-east-1): only the scaling commands are the CLI's.
        ecs.createCluster(r -> r.clusterName("cli-scaling"));
        ecs.registerTaskDefinition(r -> r.family("cli-web").containerDefinitions(c -> c.name("web").image("nginx").memory(128)));
        ecs.createService(r -> r.cluster("cli-scaling").serviceName("web").taskDefinition("cli-web").desiredCount(0));
        JsonNode registered = aws("application-autoscaling", "register-scalable-target", "--region", "us-east-1", "--service-namespace", "ecs",
                "--resource-id", "service/cli-scaling/web", "--scalable-dimension", "ecs:service:DesiredCount",
                "--min-capacity", "1", "--max-capacity", "4");
        JsonNode target = aws("application-autoscaling", "describe-scalable-targets", "--region", "us-east-1", "--service-namespace", "ecs",
                "--resource-ids", "service/cli-scaling/web").path("ScalableTargets").get(0);
        aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "cli-capacity", "--min-size", "0",
                "--max-size", "2", "--desired-capacity", "1", "--vpc-zone-identifier", DefaultVpc.SUBNET_IDS.get(0),
                "--launch-template", "LaunchTemplateName=cli-ecs-hosts,Version=$Latest");
        JsonNode group = aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "cli-capacity")
                .path("AutoScalingGroups").get(0);

        assertThat(registered.path("ScalableTargetARN").asText()).startsWith("arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/");
        assertThat(target.path("MinCapacity").asInt()).isEqualTo(1);
        assertThat(target.path("MaxCapacity").asInt()).isEqualTo(4);
        assertThat(target.path("ScalableDimension").asText()).isEqualTo("ecs:service:DesiredCount");
        assertThat(group.path("DesiredCapacity").asInt()).isEqualTo(1);
        assertThat(group.path("VPCZoneIdentifier").asText()).isEqualTo(DefaultVpc.SUBNET_IDS.get(0));
        assertThat(group.path("Instances")).hasSize(1);
        assertThat(group.path("Instances").get(0).path("InstanceId").asText()).startsWith("i-");
        assertThat(run("application-autoscaling", "register-scalable-target", "--region", "us-east-1", "--service-namespace", "ecs", "--resource-id",
                "service/cli-scaling/none", "--scalable-dimension", "ecs:service:DesiredCount", "--min-capacity", "1",
                "--max-capacity", "2").output()).contains("ValidationException");
    }

    private static JsonNode aws(String... args) throws Exception {
        return aws(emulator, args);
    }

    /** Runs the CLI against {@code target} with host prefixes off, as a learner's own CLI should be set. */
    private static JsonNode aws(Emulator target, String... args) throws Exception {
        return aws(firstAws(), target, args);
    }

    /** Runs the CLI {@code program} (the first {@code aws} on the PATH, or another installed one) and reads what it printed. */
    private static JsonNode aws(String program, Emulator target, String... args) throws Exception {
        Result result = run(program, target, Map.of("AWS_DISABLE_HOST_PREFIX_INJECTION", "true"), args);
        assertThat(result.exitCode()).as("%s %s answered:%n%s", program, String.join(" ", args), result.output()).isZero();
        return AwsJsonCodec.MAPPER.readTree(result.output());
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        return run(emulator, Map.of(), args);
    }

    private static Result run(Emulator target, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return run(firstAws(), target, environment, args);
    }

    /** Runs a command through {@code program}'s driver (a process of its own where the CLI is not a Python script). */
    private static Result run(String program, Emulator target, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Optional<AwsCliDriver> driver = DRIVERS.computeIfAbsent(program, AwsCliTest::startDriver);
        if (driver.isEmpty()) {
            return runProcess(program, target, environment, args);
        }
        return driver.get().run(commandLine(target, args), environment);
    }

    private static Optional<AwsCliDriver> startDriver(String program) {
        try {
            return AwsCliDriver.start(Path.of(program), ENVIRONMENT);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the AWS CLI driver for " + program, e);
        }
    }

    /** Starts {@code program} as a shell would, for this one command. */
    private static Result runProcess(String program, Emulator target, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(commandLine(target, args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(ENVIRONMENT);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the aws command finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    /** What follows {@code aws}: the endpoint, JSON output, then the command. */
    private static List<String> commandLine(Emulator target, String... args) {
        List<String> command = new ArrayList<>(List.of("--endpoint-url", target.url().toString(), "--output", "json"));
        command.addAll(List.of(args));
        return command;
    }

    /** The {@code aws} a shell would run: the first one on the PATH, a pyenv shim resolved to the program it starts. */
    private static String firstAws() {
        return installed("aws").get(0).toString();
    }

    private static boolean onPath(String program) {
        return !installed(program).isEmpty();
    }

    /**
     * Every distinct {@code program} on the PATH, first the one a shell would run; a pyenv shim (a
     * script that asks pyenv which Python's copy to start: a few tenths of a CPU-second every call)
     * is resolved once to that copy. Read once: the PATH does not change while the class runs.
     */
    private static List<Path> installed(String program) {
        return INSTALLED.computeIfAbsent(program, AwsCliTest::search);
    }

    private static List<Path> search(String program) {
        String path = System.getenv("PATH");
        Set<Path> found = new LinkedHashSet<>();
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    try {
                        found.add(pyenvShimTarget(candidate).orElse(candidate).toRealPath());
                    } catch (IOException e) {
                        found.add(candidate);
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** What the pyenv shim {@code candidate} would start ({@code pyenv which}), when it is one and pyenv answers. */
    private static Optional<Path> pyenvShimTarget(Path candidate) throws IOException {
        Path pyenv = candidate.getParent().resolveSibling("bin").resolve("pyenv");
        if (!candidate.getParent().getFileName().toString().equals("shims") || !Files.isExecutable(pyenv)) {
            return Optional.empty();
        }
        Process which = new ProcessBuilder(pyenv.toString(), "which", candidate.getFileName().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String answer = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            boolean answered = which.waitFor(30, TimeUnit.SECONDS) && which.exitValue() == 0 && !answer.isEmpty();
            return answered ? Optional.of(Path.of(answer)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
