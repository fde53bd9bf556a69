package dev.ecslabs.dashboard.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The resources page's line for each container of a task: a real process with its local URLs and last lines, or simulated and why. */
class TaskWorkloadsTest {

    @Test
    @DisplayName("A real container gets a link to each local URL and its last five lines; a simulated one says why")
    void realAndSimulated() throws Exception {
        Document html = Jsoup.parseBodyFragment(TaskWorkloads.render(new ObjectMapper().readTree("""
                {"ports":[{"containerName":"app","containerPort":8080,"protocol":"tcp","url":"http://127.0.0.1:54321"}],
                 "containers":[{"containerName":"app","runtime":"local-process","lastOutputLines":["1","2","3","4","5","<6>"]},
                               {"containerName":"proxy","runtime":"simulated","reason":"the image runs nginx, not java"}]}
                """)));

        Element app = html.selectFirst("p.runtime[data-container=app]");
        assertThat(app.text()).isEqualTo("app: runs as a process of this machine · port 8080 at http://127.0.0.1:54321");
        assertThat(app.select("a[href=http://127.0.0.1:54321][target=_blank]")).hasSize(1);
        assertThat(html.selectFirst("pre.output").wholeText()).as("the last five lines, escaped").isEqualTo("2\n3\n4\n5\n<6>\n");
        assertThat(html.select("pre.output").outerHtml()).contains("&lt;6&gt;");
        assertThat(html.selectFirst("p.runtime[data-container=proxy]").text()).isEqualTo("proxy: simulated (the image runs nginx, not java)");
    }
}
