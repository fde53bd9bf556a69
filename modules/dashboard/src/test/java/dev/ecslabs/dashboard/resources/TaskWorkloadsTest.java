package dev.ecslabs.dashboard.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The resources page's line for each container of a task: a real process with its local URLs and last lines, or simulated and why. */
class TaskWorkloadsTest {

    @Test
    @DisplayName("A real container gets a link to each local URL and its last five lines; a simulated one says why")
    void realAndSimulated() throws Exception {
        String html = TaskWorkloads.render(new ObjectMapper().readTree("""
                {"ports":[{"containerName":"app","containerPort":8080,"protocol":"tcp","url":"http://127.0.0.1:54321"}],
                 "containers":[{"containerName":"app","runtime":"local-process","lastOutputLines":["1","2","3","4","5","<6>"]},
                               {"containerName":"proxy","runtime":"simulated","reason":"the image runs nginx, not java"}]}
                """));

        assertThat(html).contains("app: runs as a process of this machine · port 8080 at "
                + "<a href=\"http://127.0.0.1:54321\" target=\"_blank\">http://127.0.0.1:54321</a>");
        assertThat(html).contains("<pre class=\"output\">2\n3\n4\n5\n&lt;6&gt;\n</pre>");
        assertThat(html).contains("proxy: simulated (the image runs nginx, not java)");
    }
}
