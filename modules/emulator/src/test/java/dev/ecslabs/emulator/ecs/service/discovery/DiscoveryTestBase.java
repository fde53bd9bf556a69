package dev.ecslabs.emulator.ecs.service.discovery;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * An emulator on a manual clock with its DNS server, ECS and Cloud Map clients, and the
 * namespaces, Cloud Map services and ECS services the service discovery tests set up. Names are
 * unique per test, so the tests of a class share one emulator.
 */
@EmulatorTest(dns = true)
// The emulator, clock and clients are static fields of this class, so its subclasses share them: one
// subclass at a time, or another's emulator would be set into them (and closed) under its tests.
@ResourceLock("DiscoveryTestBase's static fields")
abstract class DiscoveryTestBase {
    static final String NGINX = "public.ecr.aws/nginx/nginx:1.27";

    static Emulator emulator;
    static ManualClock clock;
    static EcsClient ecs;
    static ServiceDiscoveryClient cloudMap;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void advance(Duration duration) {
        clock.advance(duration);
    }

    /** A private DNS namespace in the default VPC, created and ready; answers its id. */
    static String privateNamespace(String name) {
        String operationId = cloudMap.createPrivateDnsNamespace(b -> b.name(name).vpc(DefaultVpc.VPC_ID)).operationId();
        advance(Duration.ofMinutes(1));
        return cloudMap.getOperation(b -> b.operationId(operationId)).operation().targetsAsStrings().get("NAMESPACE");
    }

    static String httpNamespace(String name) {
        String operationId = cloudMap.createHttpNamespace(b -> b.name(name)).operationId();
        advance(Duration.ofMinutes(1));
        return cloudMap.getOperation(b -> b.operationId(operationId)).operation().targetsAsStrings().get("NAMESPACE");
    }

    /** A Cloud Map service with these DNS records (TTL 10 s), and a custom health check when asked for. */
    static Service dnsService(String namespaceId, String name, boolean customHealth, RecordType... types) {
        DnsRecord[] records = Arrays.stream(types).map(t -> DnsRecord.builder().type(t).ttl(10L).build())
                .toArray(DnsRecord[]::new);
        return cloudMap.createService(b -> {
            b.name(name).namespaceId(namespaceId).dnsConfig(d -> d.dnsRecords(records));
            if (customHealth) {
                b.healthCheckCustomConfig(c -> { });
            }
        }).service();
    }

    static String cluster() {
        String name = unique("cluster");
        ecs.createCluster(b -> b.clusterName(name));
        return name;
    }

    static ContainerDefinition.Builder web() {
        return ContainerDefinition.builder().name("web").image(NGINX).essential(true)
                .portMappings(PortMapping.builder().containerPort(80).name("http").build());
    }

    static String register(String family, ContainerDefinition... containers) {
        return ecs.registerTaskDefinition(b -> b.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(containers))
                .taskDefinition().taskDefinitionArn();
    }

    /** A Fargate service in the default VPC whose tasks register in {@code registryArn}. */
    static CreateServiceRequest.Builder service(String cluster, String name, String taskDefinition, int desiredCount,
                                                String registryArn) {
        return CreateServiceRequest.builder().cluster(cluster).serviceName(name).taskDefinition(taskDefinition)
                .desiredCount(desiredCount).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))
                .serviceRegistries(ServiceRegistry.builder().registryArn(registryArn).build());
    }

    static void createService(CreateServiceRequest.Builder request, Consumer<CreateServiceRequest.Builder> more) {
        more.accept(request);
        ecs.createService(request.build());
    }

    /** The service's tasks with this desired status (RUNNING or STOPPED), described. */
    static List<Task> tasks(String cluster, String service, String desiredStatus) {
        List<String> arns = ecs.listTasks(r -> r.cluster(cluster).serviceName(service).desiredStatus(desiredStatus))
                .taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks();
    }

    static Task describeTask(String cluster, String taskArn) {
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
    }

    static String taskId(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    static String ip(Task task) {
        return TaskNetworking.privateIpv4Address(task).orElseThrow();
    }

    static List<InstanceSummary> instances(String serviceId) {
        return cloudMap.listInstances(b -> b.serviceId(serviceId)).instances();
    }

    static List<String> instanceIds(String serviceId) {
        return instances(serviceId).stream().map(InstanceSummary::id).toList();
    }

    /** The IPv4 addresses DiscoverInstances answers for HEALTHY instances. */
    static List<String> discoveredIps(String namespace, String service) {
        return cloudMap.discoverInstances(b -> b.namespaceName(namespace).serviceName(service)).instances().stream()
                .map(HttpInstanceSummary::attributes).map(a -> a.get("AWS_INSTANCE_IPV4")).toList();
    }

    /** What the emulator's DNS server answers for {@code name}: the records of that type in the answer section. */
    static List<Record> dns(String name, int type) {
        try {
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", emulator.dnsPort()));
            resolver.setTimeout(Duration.ofSeconds(5));
            Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type,
                    DClass.IN)));
            return answer.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> dnsAddresses(String name) {
        return dns(name, Type.A).stream().map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }
}
