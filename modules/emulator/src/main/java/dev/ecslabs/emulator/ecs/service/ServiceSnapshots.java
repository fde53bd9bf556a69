package dev.ecslabs.emulator.ecs.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/**
 * The services area as JSON for the emulator's snapshot: each service's configuration, request,
 * deployments (as DescribeServices writes them, plus the scheduler's counters), events, tasks,
 * revisions and service deployments. Nothing scheduled is saved: reconciling again works it out.
 */
final class ServiceSnapshots {
    private ServiceSnapshots() {
    }

    static ObjectNode write(ServiceRecord record) {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode();
        json.set("service", AwsJsonCodec.write(record.service()));
        json.set("created", AwsJsonCodec.write(record.created()));
        ArrayNode deployments = json.putArray("deployments");
        for (DeploymentRecord deployment : record.deployments()) {
            ObjectNode saved = deployments.addObject();
            saved.set("deployment", AwsJsonCodec.write(deployment.view(0, 0)));
            saved.put("revisionArn", deployment.revision().serviceRevisionArn());
            saved.put("failedTasks", deployment.failedTasks());
            saved.put("startFailures", deployment.startFailures());
            saved.put("nextLaunchAt", deployment.nextLaunchAt() == null ? null : deployment.nextLaunchAt().toString());
            saved.put("serviceDeploymentArn", deployment.serviceDeploymentArn());
        }
        ArrayNode events = json.putArray("events");
        record.events().newestFirst().forEach(event -> events.add(AwsJsonCodec.write(event)));
        ArrayNode tasks = json.putArray("taskArns");
        record.taskArns().forEach(tasks::add);
        ArrayNode revisions = json.putArray("revisions");
        record.revisions().values().forEach(revision -> revisions.add(AwsJsonCodec.write(revision)));
        ObjectNode deploymentRevisions = json.putObject("deploymentRevisions");
        record.deploymentRevisions().forEach(deploymentRevisions::put);
        ArrayNode serviceDeployments = json.putArray("serviceDeployments");
        List<ServiceDeployment> oldestFirst = new ArrayList<>(record.serviceDeployments().newestFirst());
        Collections.reverse(oldestFirst);
        oldestFirst.forEach(d -> serviceDeployments.add(AwsJsonCodec.write(d)));
        record.lastCompleted().ifPresent(completed -> json.putObject("lastCompleted")
                .put("deploymentId", completed.deploymentId()).put("revisionArn", completed.revisionArn()));
        json.put("steady", record.steady());
        return json;
    }

    static ServiceRecord read(JsonNode json) {
        ServiceRecord record = new ServiceRecord(AwsJsonCodec.read(json.get("service"), Service.builder()),
                AwsJsonCodec.read(json.get("created"), CreateServiceRequest.builder()));
        for (JsonNode revision : json.path("revisions")) {
            ServiceRevision read = AwsJsonCodec.read(revision, ServiceRevision.builder());
            record.revisions().put(read.serviceRevisionArn(), read);
        }
        for (Map.Entry<String, JsonNode> entry : json.path("deploymentRevisions").properties()) {
            record.deploymentRevisions().put(entry.getKey(), entry.getValue().asText());
        }
        for (JsonNode saved : json.path("deployments")) {
            Deployment deployment = AwsJsonCodec.read(saved.get("deployment"), Deployment.builder());
            ServiceRevision revision = record.revisions().get(saved.path("revisionArn").asText());
            if (revision == null) {
                throw new IllegalArgumentException("deployment " + deployment.id() + " of " + record.arn()
                        + " names a revision the snapshot does not hold");
            }
            DeploymentRecord restored = new DeploymentRecord(deployment.id(), revision, deployment.createdAt(),
                    deployment.desiredCount(), saved.path("serviceDeploymentArn").asText(null));
            restored.restoreState(deployment);
            JsonNode launchAt = saved.get("nextLaunchAt");
            restored.restoreCounters(saved.path("failedTasks").asInt(), saved.path("startFailures").asInt(),
                    launchAt == null || launchAt.isNull() ? null : Instant.parse(launchAt.asText()));
            record.deployments().add(restored);
        }
        for (JsonNode event : json.path("events")) {
            record.events().restore(AwsJsonCodec.read(event, ServiceEvent.builder()));
        }
        json.path("taskArns").forEach(arn -> record.taskArns().add(arn.asText()));
        for (JsonNode serviceDeployment : json.path("serviceDeployments")) {
            record.serviceDeployments().add(AwsJsonCodec.read(serviceDeployment, ServiceDeployment.builder()));
        }
        JsonNode completed = json.get("lastCompleted");
        if (completed != null) {
            record.lastCompleted(new ServiceRecord.Completed(completed.path("deploymentId").asText(),
                    completed.path("revisionArn").asText()));
        }
        record.steady(json.path("steady").asBoolean());
        return record;
    }
}
