package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

// Backends reads labkit's settings (labs.*) from the JVM's system properties, which other classes set.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ)
class ContainerInstancesTest {

    @Test
    void launchedInstancesRegisterWithTheClusterInTheBackendsAccount() {
        Backend backend = Backends.forTestClass();
        try (EcsClient ecs = backend.ecs()) {
            ecs.createCluster(r -> r.clusterName("capacity"));
            List<String> arns = ContainerInstances.launch(backend, "capacity", "t3.micro", 2);

            assertThat(arns).hasSize(2);
            List<ContainerInstance> instances = ecs.describeContainerInstances(r -> r.cluster("capacity")
                    .containerInstances(arns)).containerInstances();
            assertThat(instances).extracting(ContainerInstance::status).containsOnly("ACTIVE");
            assertThat(instances.get(0).registeredResources()).anySatisfy(resource -> {
                assertThat(resource.name()).isEqualTo("MEMORY");
                assertThat(resource.integerValue()).isPositive();
            });
            assertThat(ecs.listContainerInstances(r -> r.cluster("capacity")).containerInstanceArns())
                    .containsExactlyInAnyOrderElementsOf(arns);
        }
    }
}
