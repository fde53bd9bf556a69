package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TodoCommentsTest {

    @Test
    @DisplayName("the TODO right above a line is read, continuation lines joined")
    void readsTheTodo() {
        List<String> lines = List.of(
                "  public String x() {",
                "    // TODO: list the clusters",
                "    //   with the paginator",
                "    throw new NotDoneYet();");

        assertThat(TodoComments.above(lines, 4)).contains("list the clusters with the paginator");
    }

    @Test
    @DisplayName("a comment that is not a TODO, or code in between, gives no TODO")
    void needsATodoRightAbove() {
        List<String> lines = List.of(
                "    // TODO: far away",
                "    int x = 1;",
                "    // just a note",
                "    throw new NotDoneYet();");

        assertThat(TodoComments.above(lines, 4)).isEmpty();
        assertThat(TodoComments.above(List.of("// TODO:", "throw new NotDoneYet();"), 2)).isEmpty();
    }
}
