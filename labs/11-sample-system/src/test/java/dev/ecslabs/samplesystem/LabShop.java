package dev.ecslabs.samplesystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.LoadBalancerUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The one shop a test class deploys: the learner's deploy program runs once, at the first exercise that
 * needs it, and every later exercise reads what it made (a failure of the program, NotDoneYet on the starter,
 * is the failure of every exercise). Also what the exercises do around the shop: calls through its load
 * balancers, a load generator, the services' tasks; and, after the class, the teardown program when no
 * exercise ran it.
 */
final class LabShop {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * How long (real time) a scaling may take here: AlarmHigh wants 3 minutes of data points above the target, AlarmLow 15
     * below it, then the cooldown; under traffic the emulator's clock runs at its speed (20: 9 s and 45 s), on a busy
     * laptop the apps answer slowly.
     */
    static final Duration SCALING_PATIENCE = Duration.ofMinutes(3);

    /** The class's shop (static: the lab tool and the solution runs load the classes afresh for each run). */
    private static Shop shop;
    private static Deployed deployed;
    private static RuntimeException deployFailure;
    private static boolean tornDown;

    final Backend backend;
    final AwsClients aws;

    LabShop(Backend backend, AwsClients aws) {
        this.backend = backend;
        this.aws = aws;
    }

    synchronized Shop shop() {
        if (shop == null) {
            shop = new Shop(backend.uniqueName("shop"), backend.defaultVpc(), backend.defaultSubnets(), backend.region().id(),
                    backend.accountId());
        }
        return shop;
    }

    /** What the deploy program made, deployed at the first call (again after a teardown); its failure, re-thrown. */
    synchronized Deployed deployed() {
        if (deployFailure != null) {
            throw deployFailure;
        }
        if (deployed == null || tornDown) {
            try {
                deployed = SampleSystem.deploy(aws, shop());
                tornDown = false;
            } catch (RuntimeException e) {
                deployFailure = e;
                throw e;
            }
        }
        return deployed;
    }

    static synchronized void tornDown() {
        tornDown = true;
    }

    /** After the class: the learner's teardown, when the shop is still up (what it leaves, labkit's clean-up deletes). */
    static synchronized void tearDownIfUp(AwsClients aws) {
        if (deployed != null && !tornDown) {
            try {
                TearDown.tearDown(aws, shop);
            } catch (RuntimeException e) {
                System.err.println("Lab 11: the teardown program failed after the exercises: " + e);
            }
        }
        shop = null;
        deployed = null;
        deployFailure = null;
        tornDown = false;
    }

    /** Where the public load balancer answers: the shop's front door. */
    URI frontDoor() {
        return listenerUrl(deployed().publicLoadBalancer());
    }

    /** Where the internal load balancer answers (on AWS: inside the VPC only). */
    URI catalogDoor() {
        return listenerUrl(deployed().internalLoadBalancer());
    }

    private URI listenerUrl(String loadBalancerArn) {
        return LoadBalancerUrls.of(backend, aws.elb().describeLoadBalancers(r -> r.loadBalancerArns(loadBalancerArn))
                .loadBalancers().get(0), Shop.LISTENER_PORT);
    }

    /**
     * Asks until {@code done} accepts the answer, every poll interval of the backend, for at most {@code patience}: the
     * SDK's own waiter; answers the last answer either way, so that the test's assertion says what was wrong with it.
     */
    @SuppressWarnings("unchecked") // the class only types the builder: any answer will do
    <T> T waitFor(Supplier<T> ask, Predicate<T> done, Duration patience) {
        Duration every = backend.pollInterval(Duration.ofSeconds(5));
        AtomicReference<T> last = new AtomicReference<>();
        Waiter<T> waiter = Waiter.builder((Class<T>) Object.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(done))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(answer -> true))
                .overrideConfiguration(WaiterOverrideConfiguration.builder().backoffStrategy(FixedDelayBackoffStrategy.create(every))
                        .waitTimeout(patience).maxAttempts(Integer.MAX_VALUE).build())
                .build();
        try {
            return waiter.run(() -> {
                T answer = ask.get();
                last.set(answer);
                return answer;
            }).matched().response().orElseThrow();
        } catch (SdkClientException patienceRanOut) {
            return last.get();
        }
    }

    Service service(String app) {
        return aws.ecs().describeServices(r -> r.cluster(shop().cluster()).services(shop().service(app))).services().get(0);
    }

    List<Task> runningTasks(String app) {
        List<String> arns = aws.ecs().listTasks(r -> r.cluster(shop().cluster()).serviceName(shop().service(app))
                .desiredStatus("RUNNING")).taskArns();
        return arns.isEmpty() ? List.of()
                : aws.ecs().describeTasks(r -> r.cluster(shop().cluster()).tasks(arns)).tasks().stream()
                .filter(task -> "RUNNING".equals(task.lastStatus())).toList();
    }

    static String taskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    static String privateIp(Task task) {
        return task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> "privateIPv4Address".equals(d.name())).map(KeyValuePair::value).findFirst().orElseThrow();
    }

    /** One answer of the shop's page. */
    record Page(int status, JsonNode body) {
        /** The task id that served the tier: {@code ""} the frontend, {@code "backend"} the catalog, {@code "backend.backend"} orders. */
        String taskId(String tier) {
            return tier(tier).path("task").path("taskId").asText();
        }

        /** What the tier calls itself: {@code <app>@<version>}. */
        String greeting(String tier) {
            return tier(tier).path("greeting").asText();
        }

        private JsonNode tier(String tier) {
            JsonNode node = body;
            for (String step : tier.isEmpty() ? new String[0] : tier.split("\\.")) {
                node = node.path(step);
            }
            return node;
        }
    }

    /** GET / with the request id; status 0 when nothing answered. */
    static Page get(URI base, String requestId) {
        try {
            // as patient as the load balancer (its idle timeout is 60 s): a slow answer on a busy laptop is not a failed one
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve("/")).timeout(Duration.ofSeconds(60))
                    .header("X-Request-Id", requestId).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(answer.body());
            } catch (IOException notJson) {
                body = JSON.getNodeFactory().textNode(answer.body());
            }
            return new Page(answer.statusCode(), body);
        } catch (IOException e) {
            return new Page(0, JSON.getNodeFactory().textNode(e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Page(0, JSON.getNodeFactory().textNode("interrupted"));
        }
    }

    /** Requests sent in a loop from a thread, as a load generator would: counts the answers by outcome. */
    static final class Traffic extends Thread {
        private final URI url;
        private final long pauseMillis;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong answered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile String lastFailure = "";

        Traffic(URI url, long pauseMillis) {
            super("lab-11-traffic");
            setDaemon(true);
            this.url = url;
            this.pauseMillis = pauseMillis;
            start();
        }

        @Override
        public void run() {
            long n = 0;
            while (running.get()) {
                Page page = get(url, "traffic-" + n++);
                if (page.status() == 200) {
                    answered.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    lastFailure = page.status() + " " + page.body();
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        Traffic finish() throws InterruptedException {
            running.set(false);
            join(15_000);
            return this;
        }
    }
}
