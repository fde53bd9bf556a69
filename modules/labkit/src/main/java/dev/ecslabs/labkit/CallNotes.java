package dev.ecslabs.labkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Sentences about calls that found nothing, for the failure they usually lead to: a DescribeClusters
 * that answered {@code MISSING} for "clusterName" comes before the "Index 0 out of bounds for length 0"
 * of the {@code clusters().get(0)} after it; a ClusterNotFoundException says "Cluster not found." as
 * AWS says it, without the name. labkit's clients carry this interceptor; a test's failure then gets
 * the sentences of its calls as {@link FailureReport.Note}s, and a not-found exception gets its own
 * at once. The exceptions keep AWS's type and message.
 */
final class CallNotes implements ExecutionInterceptor {
    /** The sentences of the calls the current test made on this thread (sync clients call interceptors on the caller's thread). */
    private static final ThreadLocal<List<String>> RECENT = ThreadLocal.withInitial(ArrayList::new);
    private static final int KEPT = 10;
    /** Request members that name what a call is about, in the services' own member names. */
    private static final Set<String> NAMING = Set.of("cluster", "clusters", "service", "services", "servicename", "task",
            "tasks", "taskdefinition", "repositoryname", "registryid", "id", "namespaceid", "serviceid", "instanceid",
            "namespacename", "containerinstance", "capacityproviders", "family");

    private final String account;
    private final Region region;

    CallNotes(String account, Region region) {
        this.account = account;
        this.region = region;
    }

    /** Forgets the calls of the test before: each test's failure gets the sentences of its own calls. */
    static void startTest() {
        RECENT.get().clear();
    }

    /** The sentences of the current test's calls that found nothing, oldest first. */
    static List<String> ofThisTest() {
        return List.copyOf(RECENT.get());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        // ECS's Describe* calls answer an unknown name with a failure entry, not an error
        context.response().getValueForField("failures", Collection.class).ifPresent(failures -> {
            for (Object failure : failures) {
                // only ECS's Failure (arn, reason, detail): ECR's LayerFailure of BatchCheckLayerAvailability is a push's
                // normal answer for a layer still to upload, and names no resource the learner asked for
                if (failure instanceof SdkPojo pojo && field(pojo, "reason") != null) {
                    String arn = field(pojo, "arn");
                    // AWS answers with the ARN it made of the name asked for: the name is what the learner typed
                    String name = arn == null ? "" : arn.substring(arn.lastIndexOf('/') + 1);
                    String reason = field(pojo, "reason");
                    String detail = field(pojo, "detail");
                    remember(operation(attributes) + " answered " + reason + " for \"" + name + "\"" + (detail == null
                            ? "" : " (" + detail + ")") + ": " + what(attributes) + " \"" + name + "\" does not exist in "
                            + where() + ".");
                }
            }
        });
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable thrown = context.exception();
        if (thrown instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null && aws.awsErrorDetails().errorCode().contains("NotFound")) {
            String named = named(context.request());
            String sentence = operation(attributes) + " answered " + aws.awsErrorDetails().errorCode()
                    + (named.isEmpty() ? "" : " for " + named) + " in " + where() + ".";
            remember(sentence);
            thrown.addSuppressed(new FailureReport.Note(sentence));
        }
        return thrown;
    }

    private void remember(String sentence) {
        List<String> recent = RECENT.get();
        recent.add(sentence);
        if (recent.size() > KEPT) {
            recent.remove(0);
        }
    }

    private String where() {
        return "account " + account + ", region " + region.id();
    }

    private static String operation(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return operation == null ? "The call" : operation;
    }

    /** "the cluster" for DescribeClusters: what the Describe call is about, from its name. */
    private static String what(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation == null || !operation.startsWith("Describe")) {
            return "the resource";
        }
        String noun = operation.substring("Describe".length()).replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        noun = noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
        return "the " + noun;
    }

    /** The request's members that name things: {@code cluster "x", service "y"}. */
    private static String named(SdkRequest request) {
        List<String> names = new ArrayList<>();
        for (SdkField<?> field : request.sdkFields()) {
            if (!NAMING.contains(field.memberName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Object value = field.getValueOrDefault(request);
            if (value instanceof String text) {
                names.add(field.memberName() + " \"" + text + "\"");
            } else if (value instanceof Collection<?> list && !list.isEmpty()) {
                names.add(field.memberName() + " " + list.stream().map(v -> "\"" + v + "\"").toList());
            }
        }
        return String.join(", ", names);
    }

    private static String field(SdkPojo pojo, String name) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.memberName().equalsIgnoreCase(name)) {
                Object value = field.getValueOrDefault(pojo);
                return value == null ? null : value.toString();
            }
        }
        return null;
    }
}
