package dev.ecslabs.emulator.ecs.service.discovery;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.ecs.task.ActivationWork;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.TaskStateListener;
import dev.ecslabs.emulator.ecs.task.TaskStatus;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * Keeps Cloud Map instances equal to running tasks: each task its {@link TaskRegistrationSource}s
 * place in a Cloud Map service is registered there (instance id = task id) when it becomes
 * ACTIVATING, and stays ACTIVATING until the registration has succeeded, as "for tasks that have
 * service discovery configured, the service discovery resources must be created" before RUNNING
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html);
 * it is deregistered as soon as it is asked to stop, before it is gone, so that discovery
 * stops handing out its address while it shuts down. When the Cloud Map service has a custom
 * health check (HealthCheckCustomConfig), the instance's health follows the task's: UNHEALTHY
 * while ECS reports the task UNHEALTHY, else HEALTHY, as ECS "uses information from container
 * and health checks, as well as your task state, to update the health with AWS Cloud Map"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-discovery.html).
 *
 * <p>It keeps no state of its own: every change is a Cloud Map operation submitted in the task's
 * own lifecycle step, so a restart finds both in the same snapshot, and Cloud Map queues a change
 * behind one still in progress on the same instance.
 */
public final class TaskRegistrations implements TaskStateListener, ActivationWork {
    /** The attribute that sets a custom health check's first status (Cloud Map's RegisterInstance). */
    static final String INIT_HEALTH_STATUS = "AWS_INIT_HEALTH_STATUS";

    private static final Logger LOG = LoggerFactory.getLogger(TaskRegistrations.class);

    private final List<TaskRegistrationSource> sources = new CopyOnWriteArrayList<>();

    /** Hears every task {@code fargate} runs from now on, and holds it ACTIVATING while it is registered. */
    public TaskRegistrations(Fargate fargate) {
        fargate.addListener(this);
        fargate.addActivationWork(this);
    }

    /** How long the task's registrations take: the slowest, plus a second so they are visible when it runs. */
    @Override
    public Duration duration(AccountRegion region, TaskRun run) {
        Duration longest = Duration.ZERO;
        CloudMap cloudMap = CloudMap.of(region);
        for (TaskRegistrationSource source : sources) {
            for (TaskRegistration registration : source.registrationsOf(region, run.task())) {
                boolean dnsRecords = cloudMap.service(registration.cloudMapService())
                        .map(service -> service.dnsConfig() != null && !service.dnsConfig().dnsRecords().isEmpty())
                        .orElse(false);
                Duration registering = CloudMap.registrationTime(dnsRecords).plusSeconds(1);
                longest = registering.compareTo(longest) > 0 ? registering : longest;
            }
        }
        return longest;
    }

    /** Registers the tasks {@code source} places in Cloud Map, from now on. */
    public TaskRegistrations add(TaskRegistrationSource source) {
        sources.add(source);
        return this;
    }

    @Override
    public void taskChanged(TaskStateChange change) {
        Task task = change.after();
        boolean wanted = !change.stopRequested() && TaskStatus.RUNNING.name().equals(task.desiredStatus());
        boolean running = wanted && (TaskStatus.ACTIVATING.name().equals(task.lastStatus())
                || TaskStatus.RUNNING.name().equals(task.lastStatus()));
        if (change.reached(TaskStatus.ACTIVATING) && wanted) {
            forEachRegistration(change.region(), task, registration -> register(change.region(), task, registration));
        } else if (change.stopRequested()) {
            forEachRegistration(change.region(), task, registration ->
                    CloudMap.of(change.region()).deregisterInstance(registration.cloudMapService(), taskId(task)));
        } else if (change.healthChanged() && running && customHealth(change.before()) != customHealth(task)) {
            forEachRegistration(change.region(), task, registration -> followHealth(change.region(), task, registration));
        }
    }

    private void register(AccountRegion region, Task task, TaskRegistration registration) {
        CloudMap cloudMap = CloudMap.of(region);
        Map<String, String> attributes = new LinkedHashMap<>(registration.attributes());
        if (customHealthCheck(cloudMap, registration)) {
            attributes.put(INIT_HEALTH_STATUS, customHealth(task).toString());
        }
        cloudMap.registerInstance(registration.cloudMapService(), taskId(task), attributes);
    }

    private void followHealth(AccountRegion region, Task task, TaskRegistration registration) {
        CloudMap cloudMap = CloudMap.of(region);
        if (!customHealthCheck(cloudMap, registration)) {
            return;
        }
        boolean registered = cloudMap.instances(registration.cloudMapService()).stream()
                .anyMatch(instance -> instance.id().equals(taskId(task)));
        if (registered) {
            cloudMap.updateInstanceCustomHealthStatus(registration.cloudMapService(), taskId(task), customHealth(task));
        } else {
            // Still being registered: register again (an upsert, queued behind the first) with the health it has now.
            register(region, task, registration);
        }
    }

    private static boolean customHealthCheck(CloudMap cloudMap, TaskRegistration registration) {
        Optional<Service> service = cloudMap.service(registration.cloudMapService());
        return service.isPresent() && service.get().healthCheckCustomConfig() != null;
    }

    private static CustomHealthStatus customHealth(Task task) {
        return task.healthStatus() == HealthStatus.UNHEALTHY ? CustomHealthStatus.UNHEALTHY : CustomHealthStatus.HEALTHY;
    }

    private void forEachRegistration(AccountRegion region, Task task, Consumer<TaskRegistration> action) {
        for (TaskRegistrationSource source : sources) {
            for (TaskRegistration registration : source.registrationsOf(region, task)) {
                try {
                    action.accept(registration);
                } catch (AwsException e) {
                    // The Cloud Map service was deleted meanwhile, or is full: the task runs on, unregistered, and the log says why.
                    LOG.warn("Task {} could not be registered in (or deregistered from) Cloud Map service {}: {}",
                            task.taskArn(), registration.cloudMapService(), e.getMessage());
                }
            }
        }
    }

    static String taskId(Task task) {
        return EcsInstanceAttributes.instanceId(task);
    }
}
