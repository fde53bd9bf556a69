package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.state.SavedStateAssertions.assertEveryComponentSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** A service's saved form is a record bound by SavedStateJson: every component survives the round trip. */
class ServiceSnapshotsTest {
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final String SERVICE = "arn:aws:ecs:us-east-1:000000000000:service/lab/web";
    private static final String REVISION = "arn:aws:ecs:us-east-1:000000000000:service-revision/lab/web/1";
    private static final String SERVICE_DEPLOYMENT = "arn:aws:ecs:us-east-1:000000000000:service-deployment/lab/web/abc";

    static ServiceRecord everyComponentSet() {
        ServiceRecord record = new ServiceRecord(Service.builder().serviceArn(SERVICE).serviceName("web")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/lab").status("ACTIVE").desiredCount(2).build(),
                CreateServiceRequest.builder().cluster("lab").serviceName("web").taskDefinition("web:1").desiredCount(2).build());
        ServiceRevision revision = ServiceRevision.builder().serviceRevisionArn(REVISION).serviceArn(SERVICE)
                .taskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1").launchType(LaunchType.FARGATE)
                .createdAt(AT).build();
        record.revisions().put(REVISION, revision);
        record.deploymentRevisions().put("ecs-svc/1", REVISION);
        DeploymentRecord deployment = new DeploymentRecord("ecs-svc/1", revision, AT, 2, SERVICE_DEPLOYMENT);
        deployment.restoreCounters(3, 1, AT.plusSeconds(90));
        record.deployments().add(deployment);
        record.events().add(AT.plusSeconds(5), "(service web) has started 2 tasks: (task a) (task b).");
        record.taskArns().add("arn:aws:ecs:us-east-1:000000000000:task/lab/0123456789abcdef0123456789abcdef");
        record.serviceDeployments().add(ServiceDeployment.builder().serviceDeploymentArn(SERVICE_DEPLOYMENT).serviceArn(SERVICE)
                .status(ServiceDeploymentStatus.IN_PROGRESS).createdAt(AT).build());
        record.lastCompleted(new ServiceRecord.Completed("ecs-svc/0", REVISION));
        record.steady(true);
        record.taskSets().add(new TaskSetRecord(TaskSet.builder().id("ecs-svc/2").taskSetArn(SERVICE.replace(":service/",
                ":task-set/") + "/ecs-svc/2").status("PRIMARY").scale(s -> s.value(50.0).unit("PERCENT"))
                .stabilityStatus("STEADY_STATE").createdAt(AT).build(), revision));
        return record;
    }

    @Test
    @DisplayName("A service with every component set reads back with all of it: deployments with their counters, events, tasks, revisions")
    void everyComponentIsSaved() {
        ServiceRecord original = everyComponentSet();
        ServiceSnapshots.SavedService saved = ServiceSnapshots.saved(original);
        assertEveryComponentSet(saved);

        assertThat(ServiceSnapshots.saved(ServiceSnapshots.read(ServiceSnapshots.write(original)))).isEqualTo(saved);
    }

    @Test
    @DisplayName("The saved JSON keeps the names of the hand-written format, so a data directory from before reads back")
    void sameJsonAsBefore() {
        JsonNode json = ServiceSnapshots.write(everyComponentSet());
        assertThat(json.path("deployments").path(0).path("revisionArn").asText()).isEqualTo(REVISION);
        assertThat(json.path("deployments").path(0).path("nextLaunchAt").asText()).isEqualTo("2026-12-03T10:01:30Z");
        assertThat(json.path("deploymentRevisions").path("ecs-svc/1").asText()).isEqualTo(REVISION);
        assertThat(json.path("lastCompleted").path("deploymentId").asText()).isEqualTo("ecs-svc/0");
        assertThat(json.path("steady").asBoolean()).isTrue();
        ObjectNode older = json.deepCopy();
        older.remove("lastCompleted"); // absent, as the old writer left it
        assertThat(ServiceSnapshots.read(older).lastCompleted()).isEmpty();
    }

    @Test
    @DisplayName("A deployment naming a revision the snapshot does not hold is refused with what is wrong")
    void unknownRevisionIsRefused() {
        ObjectNode json = ServiceSnapshots.write(everyComponentSet()).deepCopy();
        ((ObjectNode) json.path("deployments").path(0)).put("revisionArn", "arn:aws:ecs:us-east-1:000000000000:service-revision/lab/web/9");
        assertThatThrownBy(() -> ServiceSnapshots.read(json)).hasMessageContaining("names a revision the snapshot does not hold");
    }
}
