package dev.ecslabs.emulator.ecs.taskdefinition;

import static dev.ecslabs.emulator.state.SavedStateAssertions.assertEveryComponentSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** Task definitions' saved state is bound as records: every component of a family and its revisions is saved. */
class TaskDefinitionsSavedTest {
    @Test
    @DisplayName("A family with every component set reads back equal, each revision saved as {\"taskDefinition\", \"tags\"} as before")
    void everyComponentIsSaved() {
        TaskDefinition definition = TaskDefinition.builder().family("web").revision(2).status("ACTIVE")
                .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/web:2").build();
        List<TaskDefinitions.SavedFamily> saved = List.of(new TaskDefinitions.SavedFamily("web", 2,
                List.of(new TaskDefinitions.Revision(definition, List.of(Tag.builder().key("team").value("shop").build())))));
        assertEveryComponentSet(saved);

        JsonNode json = SavedStateJson.write(saved);
        assertThat(json.path(0).path("revisions").path(0).path("taskDefinition").path("family").asText()).isEqualTo("web");
        assertThat(SavedStateJson.read(json, new TypeReference<List<TaskDefinitions.SavedFamily>>() { })).isEqualTo(saved);
    }
}
