package dev.ecslabs.dashboard.cli;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.cleanup.Poll;
import dev.ecslabs.labkit.cleanup.CleanupReport;
import dev.ecslabs.labkit.cleanup.ResourceCleaner;
import dev.ecslabs.labkit.cleanup.ResourceSet;
import dev.ecslabs.labkit.cleanup.TaggedInventory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * {@code ./lab cleanup --backend aws}: finds what the labs left in the learner's AWS account (the
 * credentials and Region the AWS CLI would use) by the tags every lab run puts on what it creates
 * ({@code ecs-labs:lab}, {@code ecs-labs:run}), says what it found, and after a yes deletes it in
 * the order AWS accepts (ECS services, tasks, clusters, task definitions, ECR repositories, Cloud Map
 * services and namespaces, then the course's roles and log groups). {@code --dry-run} only says.
 * Nothing untagged is ever touched. On the course's emulator {@code ./lab clean} empties the account.
 */
@Command(name = "cleanup", description = "Delete what the labs left in your AWS account, found by their ecs-labs tags "
        + "(after saying what, and asking).")
public final class CleanupCommand implements Callable<Integer> {

    @Option(names = "--backend", required = true, paramLabel = "aws",
            description = "aws: the account and Region of your AWS credentials (as the AWS CLI finds them).")
    String backend;

    @Option(names = "--dry-run", description = "Say what would be deleted; delete nothing.")
    boolean dryRun;

    @Option(names = "--run", paramLabel = "<id>", description = "Only what one run created (its ecs-labs:run tag).")
    String run;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Spec
    CommandSpec spec;

    /** Where the confirmation is read from. */
    InputStream in = System.in;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!"aws".equals(backend.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("./lab cleanup cleans an AWS account: give --backend aws. On the course's "
                    + "emulator, ./lab clean empties your account.");
        }
        Backend aws = Backend.aws("cleanup");
        try (EcsClient ecs = aws.ecs(); EcrClient ecr = aws.ecr(); ServiceDiscoveryClient cloudMap = aws.cloudMap();
             ElasticLoadBalancingV2Client elb = aws.elb(); IamClient iam = aws.iam(); CloudWatchLogsClient logs = aws.logs()) {
            String where = "account " + aws.accountId() + ", " + aws.region() + " (IAM roles: the whole account)";
            ResourceSet found = new TaggedInventory(Optional.ofNullable(run)).list(ecs, ecr, cloudMap, elb, iam, logs);
            String whose = run == null ? "the labs" : "run " + run;
            if (found.isEmpty()) {
                out.println("Nothing tagged by " + whose + " in " + where + ": nothing to delete.");
                out.flush();
                return 0;
            }
            out.println("In " + where + ", " + whose + " left: " + found.describe() + ".");
            if (dryRun) {
                out.println("Dry run: nothing deleted.");
                out.flush();
                return 0;
            }
            if (!yes) {
                out.print("Delete all of it? [y/N] ");
                out.flush();
                String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                    out.println("Nothing deleted.");
                    out.flush();
                    return 1;
                }
            }
            // AWS's pace: services drain and Cloud Map operations finish in seconds to minutes
            CleanupReport report = new ResourceCleaner(ecs, ecr, cloudMap, elb, iam, logs, Poll.every(Duration.ofSeconds(5), 120))
                    .delete(found);
            out.println(report.describe());
            out.flush();
            return report.complete() ? 0 : 1;
        }
    }
}
