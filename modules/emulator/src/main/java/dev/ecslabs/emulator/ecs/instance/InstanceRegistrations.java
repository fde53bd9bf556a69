package dev.ecslabs.emulator.ecs.instance;

import dev.ecslabs.emulator.ecs.account.AccountSettings;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.VersionInfo;

/**
 * Registers an EC2 instance with a cluster as its container agent would: ACTIVE, with the
 * resources of its instance type (CPU, MEMORY, the agent's reserved PORTS 22, 2375, 2376, 51678,
 * 51679, and PORTS_UDP), the agent's and Docker's versions, and the {@code ecs.*} attributes
 * placement uses (instance type, AMI, Availability Zone, OS, CPU architecture, VPC and subnet) with
 * the agent's capabilities
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html#attributes,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterContainerInstance.html).
 */
public final class InstanceRegistrations {
    /** The ports the ECS container agent and Docker reserve on every instance ("PORTS" of registeredResources). */
    public static final List<String> AGENT_PORTS = List.of("22", "2375", "2376", "51678", "51679");
    public static final String AGENT_VERSION = "1.97.1";
    public static final String AGENT_HASH = "0d7c4f3a";
    public static final String DOCKER_VERSION = "DockerVersion: 25.0.8";
    /** The ECS-optimized Amazon Linux 2023 AMI the simulated instances run (an id of the emulator's own). */
    public static final String AMI_X86 = "ami-0ec5c0ffee00e1230";
    public static final String AMI_ARM = "ami-0ec5c0ffee00e1231";
    /** What the agent of the ECS-optimized AMI reports it can do, beyond what a task definition may ask for. */
    private static final List<String> CAPABILITIES = List.of(
            "com.amazonaws.ecs.capability.docker-remote-api.1.17", "com.amazonaws.ecs.capability.docker-remote-api.1.18",
            "com.amazonaws.ecs.capability.docker-remote-api.1.19", "com.amazonaws.ecs.capability.docker-remote-api.1.21",
            "com.amazonaws.ecs.capability.docker-remote-api.1.24", "com.amazonaws.ecs.capability.docker-remote-api.1.29",
            "com.amazonaws.ecs.capability.docker-remote-api.1.44", "com.amazonaws.ecs.capability.logging-driver.awslogs",
            "com.amazonaws.ecs.capability.ecr-auth", "com.amazonaws.ecs.capability.task-iam-role",
            "ecs.capability.execution-role-awslogs", "ecs.capability.execution-role-ecr-pull", "ecs.capability.task-eni",
            "ecs.capability.container-health-check", "ecs.capability.container-ordering",
            "ecs.capability.secrets.ssm.environment-variables", "ecs.capability.secrets.asm.environment-variables",
            "ecs.capability.env-files.s3", "ecs.capability.service-connect-v1");

    private InstanceRegistrations() {
    }

    /** A simulated EC2 instance of this type in this subnet of the default VPC, registered now with the cluster. */
    public static ContainerInstance launch(AccountRegion region, Cluster cluster, InstanceTypes.InstanceType type,
                                           String subnetId, List<Attribute> custom, String capacityProviderName) {
        return launch(region, cluster, type, subnetId, custom, capacityProviderName, newEc2InstanceId());
    }

    /** A new EC2 instance id, {@code i-} and 17 hex digits. */
    public static String newEc2InstanceId() {
        return "i-" + HexFormat.of().formatHex(random(9)).substring(0, 17);
    }

    /** The EC2 instance {@code ec2InstanceId} (an Auto Scaling group's), registered now with the cluster. */
    public static ContainerInstance launch(AccountRegion region, Cluster cluster, InstanceTypes.InstanceType type,
                                           String subnetId, List<Attribute> custom, String capacityProviderName,
                                           String ec2InstanceId) {
        String zone = DefaultVpc.subnet(region.region(), subnetId).orElseThrow().availabilityZone();
        String ami = "arm64".equals(type.architecture()) ? AMI_ARM : AMI_X86;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ecs.instance-type", type.name());
        attributes.put("ecs.ami-id", ami);
        attributes.put("ecs.availability-zone", zone);
        attributes.put("ecs.os-type", "linux");
        attributes.put("ecs.os-family", "LINUX");
        attributes.put("ecs.cpu-architecture", type.architecture());
        attributes.put("ecs.vpc-id", DefaultVpc.VPC_ID);
        attributes.put("ecs.subnet-id", subnetId);
        boolean trunking = "enabled".equals(AccountSettings.of(region).accountValue(SettingName.AWSVPC_TRUNKING));
        if (trunking && type.trunkEnis() > 0) {
            // "ecs.awsvpc-trunk-id": the instance got a trunk interface, so it takes more awsvpc tasks.
            attributes.put("ecs.awsvpc-trunk-id", "eni-" + HexFormat.of().formatHex(random(9)).substring(0, 17));
        }
        List<Resource> resources = resources(type);
        VersionInfo versions = VersionInfo.builder().agentVersion(AGENT_VERSION).agentHash(AGENT_HASH)
                .dockerVersion(DOCKER_VERSION).build();
        return register(region, cluster, ec2InstanceId, resources, versions, attributes, custom, List.of(), capacityProviderName);
    }

    /** What the agent registers for an instance of this type: CPU, MEMORY, its reserved PORTS, PORTS_UDP, and GPUs. */
    public static List<Resource> resources(InstanceTypes.InstanceType type) {
        List<Resource> resources = new ArrayList<>(List.of(
                Resource.builder().name("CPU").type("INTEGER").integerValue(type.cpuUnits()).build(),
                Resource.builder().name("MEMORY").type("INTEGER").integerValue(type.registeredMemoryMib()).build(),
                Resource.builder().name("PORTS").type("STRINGSET").stringSetValue(AGENT_PORTS).build(),
                Resource.builder().name("PORTS_UDP").type("STRINGSET").stringSetValue(List.of()).build()));
        if (type.gpus() > 0) {
            List<String> gpus = new ArrayList<>();
            for (int i = 0; i < type.gpus(); i++) {
                gpus.add("GPU-" + HexFormat.of().formatHex(random(4)));
            }
            resources.add(Resource.builder().name("GPU").type("STRINGSET").stringSetValue(gpus).build());
        }
        return List.copyOf(resources);
    }

    /** Registers the instance: ACTIVE, its ecs.* attributes, the agent's capabilities, and the request's own attributes. */
    public static ContainerInstance register(AccountRegion region, Cluster cluster, String ec2InstanceId, List<Resource> resources,
                                             VersionInfo versions, Map<String, String> ecsAttributes, List<Attribute> custom,
                                             List<Tag> tags, String capacityProviderName) {
        ContainerInstances instances = ContainerInstances.of(region);
        String id = HexFormat.of().formatHex(random(16));
        List<Attribute> attributes = new ArrayList<>();
        CAPABILITIES.forEach(name -> attributes.add(Attribute.builder().name(name).build()));
        ecsAttributes.forEach((name, value) -> attributes.add(Attribute.builder().name(name).value(value).build()));
        for (Attribute attribute : custom) {
            attributes.removeIf(a -> a.name().equals(attribute.name()));
            attributes.add(attribute.toBuilder().targetType((String) null).targetId(null).build());
        }
        ContainerInstance instance = ContainerInstance.builder()
                .containerInstanceArn(instances.arn(cluster.clusterName(), id))
                .ec2InstanceId(ec2InstanceId)
                .capacityProviderName(capacityProviderName)
                .version(1L)
                .versionInfo(versions)
                .registeredResources(resources)
                .remainingResources(resources)
                .status(ContainerInstances.ACTIVE)
                .agentConnected(true)
                .runningTasksCount(0)
                .pendingTasksCount(0)
                .attributes(attributes)
                .registeredAt(region.now())
                .attachments(List.of())
                .tags(tags)
                .build();
        instances.put(instance);
        countInCluster(region, cluster.clusterName());
        return instance;
    }

    /** Keeps the cluster's registeredContainerInstancesCount true to its ACTIVE and DRAINING instances. */
    public static void countInCluster(AccountRegion region, String clusterName) {
        Clusters clusters = Clusters.of(region);
        clusters.find(clusterName).ifPresent(cluster -> clusters.put(cluster.toBuilder()
                .registeredContainerInstancesCount(ContainerInstances.of(region).inCluster(clusterName).size()).build()));
    }

    private static byte[] random(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
