package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;

/** {@code lab clean} on the emulator's saved state (no {@code ./lab start} running), through the real entry point. */
class CleanCommandTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("lab clean says what the account holds, deletes nothing without a yes, and everything with one")
    void cleansAfterAYes() {
        Course course = TempCourse.copyInto(dir);
        try (Emulator emulator = Emulator.builder().port(0).dataDirectory(course.emulatorData()).start();
             EcsClient ecs = learnerEcs(emulator)) {
            ecs.createCluster(b -> b.clusterName("left-over"));
            ecs.createCluster(b -> b.clusterName("another"));
        }

        Cli.Result refused = runWithInput(course, "n\n", "clean");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("This deletes everything in", "account 000000000000", ": 2 clusters. Delete all of it?",
                "Nothing deleted.");

        Cli.Result cleaned = runWithInput(course, "y\n", "clean");

        assertThat(cleaned.exitCode()).as(cleaned.out() + cleaned.err()).isZero();
        assertThat(cleaned.out()).contains("Deleted 2 clusters.");
        assertThat(Cli.run(course, "clean").out()).contains("Your account holds nothing");
        try (Emulator emulator = Emulator.builder().port(0).dataDirectory(course.emulatorData()).start();
             EcsClient ecs = learnerEcs(emulator)) {
            assertThat(ecs.listClusters().clusterArns()).as("the saved state, opened again").isEmpty();
        }
    }

    @Test
    @DisplayName("lab clean deletes the account's IAM roles (policies first) and log groups too: a role left behind would "
            + "make the emulator check every task's execution role")
    void cleansRolesAndLogGroups() {
        Course course = TempCourse.copyInto(dir);
        try (Emulator emulator = Emulator.builder().port(0).dataDirectory(course.emulatorData()).start();
             IamClient iam = IamClient.builder().endpointOverride(emulator.url()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(emulator.url()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            iam.createRole(b -> b.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}"));
            iam.attachRolePolicy(b -> b.roleName("ecsTaskExecutionRole")
                    .policyArn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
            logs.createLogGroup(b -> b.logGroupName("/ecs/web"));
        }

        Cli.Result cleaned = runWithInput(course, "y\n", "clean");

        assertThat(cleaned.exitCode()).as(cleaned.out() + cleaned.err()).isZero();
        assertThat(cleaned.out()).contains(": 1 IAM role, 1 log group. Delete all of it?", "Deleted 1 IAM role, 1 log group.");
        assertThat(Cli.run(course, "clean").out()).contains("Your account holds nothing");
    }

    @Test
    @DisplayName("lab clean lists the account's load balancers, listeners and target groups and deletes them in AWS's order "
            + "(listeners, load balancers, then the target groups they forwarded to)")
    void cleansLoadBalancers() {
        Course course = TempCourse.copyInto(dir);
        try (Emulator emulator = Emulator.builder().port(0).dataDirectory(course.emulatorData()).start();
             ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().endpointOverride(emulator.url())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String group = elb.createTargetGroup(b -> b.name("web").protocol("HTTP").port(80).targetType("ip")
                    .vpcId(DefaultVpc.VPC_ID)).targetGroups().get(0).targetGroupArn();
            String alb = elb.createLoadBalancer(b -> b.name("web").subnets(DefaultVpc.SUBNET_IDS.subList(0, 2)))
                    .loadBalancers().get(0).loadBalancerArn();
            elb.createListener(b -> b.loadBalancerArn(alb).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(group)));
        }

        Cli.Result cleaned = runWithInput(course, "y\n", "clean");

        assertThat(cleaned.exitCode()).as(cleaned.out() + cleaned.err()).isZero();
        assertThat(cleaned.out()).contains(": 1 load balancer, 1 listener, 1 target group. Delete all of it?",
                "Deleted 1 load balancer, 1 listener, 1 target group.");
        assertThat(Cli.run(course, "clean").out()).contains("Your account holds nothing");
    }

    private static EcsClient learnerEcs(Emulator emulator) {
        return EcsClient.builder().endpointOverride(emulator.url()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static Cli.Result runWithInput(Course course, String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LabCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        CleanCommand clean = commandLine.getSubcommands().get("clean").getCommand();
        clean.in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        int exit = Cli.inCourse(course, () -> commandLine.execute(args));
        return new Cli.Result(exit, out.toString(), err.toString());
    }
}
