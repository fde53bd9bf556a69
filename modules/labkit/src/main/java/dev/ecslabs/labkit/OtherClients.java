package dev.ecslabs.labkit;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * The SDK clients of a test class besides ECS, ECR and Cloud Map ({@code ApplicationAutoScalingClient},
 * {@code CloudWatchClient}, {@code ElasticLoadBalancingV2Client}, …): any client interface on the
 * lab's class path with the SDK's static {@code builder()}, built once per class by
 * {@link Backend#client} and closed with it. A lab adds the service's artifact to its pom, labkit
 * needs no change.
 */
final class OtherClients implements AutoCloseable {
    private final Backend backend;
    private final Map<Class<?>, SdkClient> clients = new LinkedHashMap<>();

    OtherClients(Backend backend) {
        this.backend = backend;
    }

    /** Whether {@code type} is an SDK service client interface that labkit can build. */
    static boolean serves(Class<?> type) {
        return type.isInterface() && SdkClient.class.isAssignableFrom(type) && type != SdkClient.class && builderOf(type) != null;
    }

    synchronized Object get(Class<?> type) {
        return clients.computeIfAbsent(type, this::build);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SdkClient build(Class<?> type) {
        try {
            AwsClientBuilder builder = (AwsClientBuilder) builderOf(type).invoke(null);
            return (SdkClient) backend.client(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("labkit could not build a " + type.getSimpleName() + ": " + e, e);
        }
    }

    private static Method builderOf(Class<?> type) {
        try {
            Method builder = type.getMethod("builder");
            return Modifier.isStatic(builder.getModifiers()) && AwsClientBuilder.class.isAssignableFrom(builder.getReturnType())
                    ? builder : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
    }
}
