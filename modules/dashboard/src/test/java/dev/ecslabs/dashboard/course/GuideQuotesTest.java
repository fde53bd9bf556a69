package dev.ecslabs.dashboard.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.fixtures.TempCourse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What lab 00's guide quotes of Maven's report stays true to the starter code it quotes. */
class GuideQuotesTest {
    private static final Pattern QUOTED = Pattern.compile(
            "\\[ERROR]   GettingStartedTest\\.\\w+:\\d+ GettingStarted\\.(\\w+) is not done yet: (.+) \\(GettingStarted\\.java:(\\d+)\\)");

    @Test
    @DisplayName("Lab 00's guide quotes the failure line Maven prints: the starter's TODO, word for word, and the line of its throw")
    void quotesTheStarter() throws Exception {
        Path lab = TempCourse.REAL_ROOT.resolve("labs").resolve(TempCourse.LAB);
        Matcher quoted = QUOTED.matcher(Files.readString(lab.resolve("README.md"), StandardCharsets.UTF_8));
        List<String> starter = Files.readAllLines(lab.resolve("src/main/java/dev/ecslabs/gettingstarted/GettingStarted.java"));

        assertThat(quoted.find()).as("the guide quotes a failure line as Maven's summary prints it").isTrue();
        int line = Integer.parseInt(quoted.group(3));
        assertThat(starter.get(line - 1)).as("line " + line + " of the starter").contains("throw new NotDoneYet()");
        assertThat(starter.get(line - 2).trim()).isEqualTo("// TODO: " + quoted.group(2));
        assertThat(starter.get(line - 3)).contains(" " + quoted.group(1) + "(");
    }
}
