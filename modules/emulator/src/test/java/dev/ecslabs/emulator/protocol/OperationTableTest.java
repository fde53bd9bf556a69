package dev.ecslabs.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterResponse;

/** The operation table: operations are added by name and checked when first looked up. */
class OperationTableTest {

    @Test
    @DisplayName("every operation the emulator serves is named after its request class and is an action of its service's model")
    void everyOperationIsCheckedOnItsFirstLookup() {
        try (Emulator emulator = Emulator.start(0)) {
            OperationTable table = emulator.operations();
            int looked = 0;
            for (AwsService service : AwsService.values()) {
                if (service.protocol() == AwsService.Protocol.AWS_JSON) {
                    // a Query service's line comes first (protocol/query is built before its actions), so it may serve none yet
                    assertThat(table.implemented(service)).as("the actions of %s", service).isNotEmpty();
                }
                for (String action : table.implemented(service)) {
                    assertThat(table.find(service.targetPrefix() + "." + action)).as(action).isPresent();
                    looked++;
                }
            }
            assertThat(looked).isGreaterThan(80);
        }
    }

    @Test
    @DisplayName("an operation registered under another action's name fails its first lookup, saying which request class it has")
    void aMisnamedOperationFailsItsFirstLookup() {
        OperationTable table = new OperationTable().add(AwsService.ECS, "CreateCluster", DeleteClusterRequest::builder,
                (context, request) -> DeleteClusterResponse.builder().build());

        assertThat(table.implemented(AwsService.ECS)).containsExactly("CreateCluster");
        assertThatThrownBy(() -> table.find("AmazonEC2ContainerServiceV20141113.CreateCluster"))
                .hasMessageContaining("registered with the request class of DeleteCluster");
    }

    @Test
    @DisplayName("an action that is not in the service's model fails its first lookup")
    void anActionOutsideTheModelFailsItsFirstLookup() {
        OperationTable table = new OperationTable().add(AwsService.ECR, "CreateCluster", CreateClusterRequest::builder,
                (context, request) -> DeleteClusterResponse.builder().build());

        assertThatThrownBy(() -> table.find("AmazonEC2ContainerRegistry_V20150921.CreateCluster"))
                .hasMessageContaining("ECR has no action CreateCluster in its model");
    }
}
