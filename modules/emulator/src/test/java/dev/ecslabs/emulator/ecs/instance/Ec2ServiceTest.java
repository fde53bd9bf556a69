package dev.ecslabs.emulator.ecs.instance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Services on the EC2 launch type: REPLICA services spread over zones and instances, placement
 * failures in the events, DRAINING instances, and DAEMON services following the instances
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-draining.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class Ec2ServiceTest {
    static final String ACCOUNT = "123456789012";
    Emulator emulator;
    ManualClock clock;
    EcsClient ecs;

    @BeforeEach
    void cluster() {
        ecs.createCluster(b -> b.clusterName("ec2"));
        ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.EC2).networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(c -> c.name("web").image("public.ecr.aws/nginx/nginx:1.27").cpu(256).memory(256)
                        .portMappings(p -> p.containerPort(80).hostPort(0))));
    }

    @Test
    @DisplayName("A REPLICA service spreads its tasks over the zones (one instance each) and reaches a steady state")
    void replicaSpreads() {
        Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.medium", 3, "");

        ecs.createService(b -> b.cluster("ec2").serviceName("web").taskDefinition("web").desiredCount(3).launchType(LaunchType.EC2));
        clock.advance(Duration.ofMinutes(2));

        List<Task> tasks = tasks();
        assertThat(tasks).extracting(Task::availabilityZone).containsExactlyInAnyOrder("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(tasks).extracting(Task::lastStatus).containsOnly("RUNNING");
        assertThat(service().runningCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("With no instance the service reports it cannot place tasks; an instance launched later gets them")
    void waitsForInstances() {
        ecs.createService(b -> b.cluster("ec2").serviceName("web").taskDefinition("web").desiredCount(1).launchType(LaunchType.EC2));
        clock.advance(Duration.ofSeconds(10));
        assertThat(service().events()).extracting(ServiceEvent::message).anySatisfy(m -> assertThat(m)
                .contains("was unable to place a task because no container instance met all of its requirements")
                .contains("No Container Instances were found in your cluster."));

        String instance = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.micro", 1, "").get(0);
        clock.advance(Duration.ofMinutes(1));

        assertThat(tasks()).extracting(Task::containerInstanceArn).containsExactly(instance);
    }

    @Test
    @DisplayName("A task too big for every instance: the event names the closest matching container instance and its shortfall")
    void closestMatching() {
        String instance = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.micro", 1, "").get(0);
        ecs.createService(b -> b.cluster("ec2").serviceName("web").taskDefinition("web").desiredCount(4).launchType(LaunchType.EC2));
        clock.advance(Duration.ofSeconds(10));

        assertThat(tasks()).hasSize(3);
        String id = instance.substring(instance.lastIndexOf('/') + 1);
        assertThat(service().events()).extracting(ServiceEvent::message).anySatisfy(m -> assertThat(m)
                .contains("The closest matching (container-instance " + id + ") has insufficient memory available."));
    }

    @Test
    @DisplayName("Draining an instance stops its service tasks and the scheduler starts them again on the other instances")
    void drainingMovesTasks() {
        List<String> instances = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.medium", 2, "");
        ecs.createService(b -> b.cluster("ec2").serviceName("web").taskDefinition("web").desiredCount(2).launchType(LaunchType.EC2));
        clock.advance(Duration.ofMinutes(2));
        assertThat(tasks()).extracting(Task::containerInstanceArn).containsExactlyInAnyOrderElementsOf(instances);

        ecs.updateContainerInstancesState(b -> b.cluster("ec2").containerInstances(instances.get(0))
                .status(ContainerInstanceStatus.DRAINING));
        clock.advance(Duration.ofMinutes(3));

        assertThat(tasks()).hasSize(2).extracting(Task::containerInstanceArn).containsOnly(instances.get(1));
        assertThat(ecs.describeContainerInstances(b -> b.cluster("ec2").containerInstances(instances.get(0)))
                .containerInstances().get(0).runningTasksCount()).isZero();
    }

    @Test
    @DisplayName("A DAEMON service runs one task on each ACTIVE instance, follows an instance that joins, and leaves one that drains")
    void daemon() {
        List<String> instances = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.medium", 2, "");
        ecs.createService(b -> b.cluster("ec2").serviceName("agent").taskDefinition("web")
                .schedulingStrategy(SchedulingStrategy.DAEMON).launchType(LaunchType.EC2));
        clock.advance(Duration.ofMinutes(2));
        assertThat(tasks("agent")).extracting(Task::containerInstanceArn).containsExactlyInAnyOrderElementsOf(instances);

        String third = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.medium", 1, "").get(0);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tasks("agent")).extracting(Task::containerInstanceArn).contains(third).hasSize(3);
        assertThat(service("agent").desiredCount()).isEqualTo(3);

        ecs.updateContainerInstancesState(b -> b.cluster("ec2").containerInstances(instances.get(0))
                .status(ContainerInstanceStatus.DRAINING));
        clock.advance(Duration.ofMinutes(3));
        assertThat(tasks("agent")).extracting(Task::containerInstanceArn).containsExactlyInAnyOrder(instances.get(1), third);
        assertThat(service("agent").desiredCount()).isEqualTo(2);
    }

    private List<Task> tasks() {
        return tasks("web");
    }

    private List<Task> tasks(String service) {
        List<String> arns = ecs.listTasks(b -> b.cluster("ec2").serviceName(service)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(b -> b.cluster("ec2").tasks(arns)).tasks();
    }

    private Service service() {
        return service("web");
    }

    private Service service(String name) {
        return ecs.describeServices(b -> b.cluster("ec2").services(name)).services().get(0);
    }
}
