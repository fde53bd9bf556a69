package dev.ecslabs.courseapp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClientBuilder;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;

/**
 * The backend's instances as Cloud Map's {@code DiscoverInstances} answers them, one per call in turn
 * (round robin). The answer is kept for a few seconds rather than asked for on every request, as AWS
 * wants discovery clients to keep discovery traffic down (the reason DiscoverInstancesRevision exists:
 * https://aws.amazon.com/about-aws/whats-new/2023/09/aws-cloud-map-api-service-revision/), and forgotten
 * at once when a call to one of its instances fails, so a task
 * ECS replaced is looked up again on the next request. Credentials, Region and endpoint come from the
 * SDK's default chains: inside a task, the task role (which must allow {@code servicediscovery:DiscoverInstances}).
 */
final class CloudMapInstances implements BackendAddresses {
    /** How long one answer is used: a replaced task is seen within this, or at the first failed call. */
    static final Duration CACHED_FOR = Duration.ofSeconds(5);

    private record Answer(List<String> urls, long expiresAtNanos) {
    }

    private final AppSettings.BackendDiscovery discovery;
    private final Supplier<ServiceDiscoveryClient> client;
    private final LongSupplier nanoTime;
    private final AtomicInteger turn = new AtomicInteger();
    private volatile Answer answer;

    CloudMapInstances(AppSettings.BackendDiscovery discovery) {
        this(discovery, () -> clientBuilder(System.getenv("AWS_ENDPOINT_URL")).build(), System::nanoTime);
    }

    CloudMapInstances(AppSettings.BackendDiscovery discovery, Supplier<ServiceDiscoveryClient> clients, LongSupplier nanoTime) {
        this.discovery = discovery;
        this.client = new Memoized<>(clients);
        this.nanoTime = nanoTime;
    }

    /**
     * A client on the default chains. DiscoverInstances is sent to the {@code data-} host of the Region's
     * endpoint (servicediscovery-2017-03-14 endpoint hostPrefix); an endpoint set by {@code AWS_ENDPOINT_URL}
     * is one host that serves every API as it is, so the prefix is turned off only then.
     */
    static ServiceDiscoveryClientBuilder clientBuilder(String awsEndpointUrl) {
        ServiceDiscoveryClientBuilder builder = ServiceDiscoveryClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (awsEndpointUrl != null && !awsEndpointUrl.isBlank()) {
            builder.overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true));
        }
        return builder;
    }

    @Override
    public String next() throws BackendNotFound {
        List<String> urls = current().urls();
        return urls.get(Math.floorMod(turn.getAndIncrement(), urls.size()));
    }

    @Override
    public void failed(String url) {
        answer = null;
    }

    /**
     * The SDK client built and a first answer asked for before the app listens: a cold client's first call (class
     * loading, the task role's credentials) can take seconds, which the first requests would otherwise wait for. A
     * failure is only logged, for whoever reads the task's log (an AccessDenied says the task role lacks the action).
     */
    @Override
    public void warmUp() {
        try {
            current();
        } catch (BackendNotFound e) {
            System.err.println("WARN " + e.getMessage());
        }
    }

    private Answer current() throws BackendNotFound {
        Answer known = answer;
        long now = nanoTime.getAsLong();
        if (known != null && now - known.expiresAtNanos() < 0) {
            return known;
        }
        List<String> urls;
        try {
            urls = client.get().discoverInstances(r -> r.namespaceName(discovery.namespace()).serviceName(discovery.service())
                            .queryParameters(discovery.queryParameters()).healthStatus(HealthStatusFilter.HEALTHY_OR_ELSE_ALL))
                    .instances().stream().filter(i -> i.attributes().containsKey("AWS_INSTANCE_IPV4")).map(CloudMapInstances::url).toList();
        } catch (SdkException e) {
            throw new BackendNotFound("Cloud Map DiscoverInstances of " + where() + " failed: " + e.getMessage(), e);
        }
        if (urls.isEmpty()) {
            throw new BackendNotFound("Cloud Map has no instance of " + where() + ": is the backend's service running and registered?", null);
        }
        Answer fresh = new Answer(urls, now + CACHED_FOR.toNanos());
        answer = fresh;
        return fresh;
    }

    private String where() {
        return "service " + discovery.service() + " in namespace " + discovery.namespace() + " with " + discovery.queryParameters();
    }

    private static String url(HttpInstanceSummary instance) {
        return "http://" + instance.attributes().get("AWS_INSTANCE_IPV4") + ":" + instance.attributes().getOrDefault("AWS_INSTANCE_PORT", "8080");
    }
}
