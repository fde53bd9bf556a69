package dev.ecslabs.emulator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * IAM's roles and customer policies are journaled role by role and policy by policy
 * ({@code ResourceArea}s): what a crash leaves (the journal, no checkpoint) brings them all back.
 * Not an {@code @EmulatorTest}: it starts its emulators itself, as {@code ResourceJournalTest} does.
 */
class IamRestartTest {
    @TempDir
    Path temp;

    @Test
    @DisplayName("Roles with their trust, tags, attached and inline policies, and customer policies, survive a crash; deleted ones stay deleted")
    void survivesCrash() throws Exception {
        ManualClock clock = new ManualClock();
        String policyArn;
        try (Emulator first = started(temp.resolve("data"), clock); IamClient iam = AwsClients.client(IamClient.builder(), first, "222222222222")) {
            iam.createRole(b -> b.roleName("exec").path("/ecs/").assumeRolePolicyDocument(IamRoleApiTest.ECS_TASKS_TRUST)
                    .tags(t -> t.key("lab").value("09")));
            iam.attachRolePolicy(b -> b.roleName("exec").policyArn(IamRoleApiTest.EXECUTION_POLICY));
            iam.putRolePolicy(b -> b.roleName("exec").policyName("logs").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"logs:*\",\"Resource\":\"*\"}]}"));
            policyArn = iam.createPolicy(b -> b.policyName("read").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:Describe*\",\"Resource\":\"*\"}]}"))
                    .policy().arn();
            iam.attachRolePolicy(b -> b.roleName("exec").policyArn(policyArn));
            iam.createRole(b -> b.roleName("gone").assumeRolePolicyDocument(IamRoleApiTest.ECS_TASKS_TRUST));
            iam.deleteRole(b -> b.roleName("gone"));
            Path crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed"));
            assertThat(crashed.resolve("state.json")).as("no checkpoint: the journal alone carries the changes").doesNotExist();
        }
        try (Emulator second = started(temp.resolve("crashed"), new ManualClock(clock.now()));
             IamClient iam = AwsClients.client(IamClient.builder(), second, "222222222222")) {
            assertThat(second.persistence().orElseThrow().report()).doesNotContain("problem");
            Role role = iam.getRole(b -> b.roleName("exec")).role();
            assertThat(role.arn()).isEqualTo("arn:aws:iam::222222222222:role/ecs/exec");
            assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(IamRoleApiTest.ECS_TASKS_TRUST);
            assertThat(role.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("lab=09");
            assertThat(iam.listAttachedRolePolicies(b -> b.roleName("exec")).attachedPolicies()).extracting(AttachedPolicy::policyArn)
                    .containsExactlyInAnyOrder(IamRoleApiTest.EXECUTION_POLICY, policyArn);
            assertThat(iam.listRolePolicies(b -> b.roleName("exec")).policyNames()).containsExactly("logs");
            assertThat(iam.getPolicy(b -> b.policyArn(policyArn)).policy().attachmentCount()).isEqualTo(1);
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("gone"))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    private static Emulator started(Path data, ManualClock clock) {
        return Emulator.builder().clock(clock).port(0).dataDirectory(data).checkpointEvery(Duration.ofHours(1)).start();
    }
}
