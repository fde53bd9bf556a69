package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.SwappedAwsAccount;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.labkit.Backend;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code lab cleanup --backend aws} through the real entry point, on the aws backend's code path with
 * the endpoint swapped for an emulator's (labs.aws.testEndpoint, as only the course's tests may): a dry
 * run says what the labs left and deletes nothing; a no deletes nothing; a yes deletes what is tagged,
 * and only that.
 */
class CleanupCommandTest {
    private static final String ACCOUNT = "123456789044";
    @TempDir
    Path dir;
    private SwappedAwsAccount aws;

    @BeforeEach
    void anEmulator() {
        aws = SwappedAwsAccount.start(ACCOUNT, Emulator.builder());
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    @DisplayName("lab cleanup --backend aws: --dry-run lists the tagged leftovers, no deletes nothing, yes deletes only them")
    void deletesWhatTheLabsLeft() {
        Course course = TempCourse.copyInto(dir);
        Backend lab = Backend.aws("09");
        try (EcsClient ecs = lab.ecs(); IamClient iam = lab.iam(); EcsClient own = aws.ecs()) {
            ecs.createCluster(r -> r.clusterName("left-by-lab-09"));
            iam.createRole(r -> r.roleName("left-by-lab-09").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}"));
            own.createCluster(r -> r.clusterName("production"));

            Cli.Result dryRun = Cli.run(course, "cleanup", "--backend", "aws", "--dry-run");
            Cli.Result refused = runWithInput(course, "n\n", "cleanup", "--backend", "aws");

            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.out()).contains("account " + ACCOUNT, "the labs left: 1 cluster", "1 IAM role",
                    "Dry run: nothing deleted.").doesNotContain("production");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.out()).contains("Delete all of it? [y/N]", "Nothing deleted.");
            assertThat(ecs.describeClusters(r -> r.clusters("left-by-lab-09")).clusters().get(0).status()).isEqualTo("ACTIVE");

            Cli.Result cleaned = runWithInput(course, "y\n", "cleanup", "--backend", "aws");

            assertThat(cleaned.exitCode()).as(cleaned.out() + cleaned.err()).isZero();
            assertThat(cleaned.out()).contains("Deleted 1 cluster", "1 IAM role");
            assertThat(ecs.describeClusters(r -> r.clusters("left-by-lab-09")).clusters().get(0).status()).isEqualTo("INACTIVE");
            assertThat(iam.listRoles().roles()).as("the course's role deleted").isEmpty();
            assertThat(own.describeClusters(r -> r.clusters("production")).clusters().get(0).status())
                    .as("the account's own, untagged cluster").isEqualTo("ACTIVE");
            assertThat(Cli.run(course, "cleanup", "--backend", "aws").out()).contains("Nothing tagged by the labs");
        }
    }

    @Test
    @DisplayName("lab cleanup without --backend aws says that it cleans an AWS account, and that lab clean empties the emulator's")
    void onlyForAws() {
        Course course = TempCourse.copyInto(dir);
        Cli.Result result = Cli.run(course, "cleanup", "--backend", "embedded");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("give --backend aws", "./lab clean");
    }

    private static Cli.Result runWithInput(Course course, String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LabCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        CleanupCommand cleanup = commandLine.getSubcommands().get("cleanup").getCommand();
        cleanup.in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        int exit = Cli.inCourse(course, () -> commandLine.execute(args));
        return new Cli.Result(exit, out.toString(), err.toString());
    }
}
