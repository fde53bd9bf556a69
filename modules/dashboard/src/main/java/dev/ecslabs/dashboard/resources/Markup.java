package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** What the resources sections show when there is nothing, or when the backend could not answer. */
final class Markup {
    private Markup() {
    }

    static String empty(String what) {
        return "<p class=\"empty\">No " + Html.escape(what) + " yet.</p>";
    }

    /**
     * What a section shows when the backend refused a call: the emulator answers actions it does
     * not implement yet with a clear error, and a backend may be down. The page stays up either way.
     */
    static String unavailable(String action, SdkException e) {
        String why = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage()
                : e.getMessage();
        return "<p class=\"unavailable\">The backend did not answer " + Html.escape(action) + ": " + Html.escape(why) + "</p>";
    }
}
