package dev.ecslabs.emulator.protocol;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The routing table of the AWS JSON endpoint: {@code X-Amz-Target} to operation. An action is
 * named after its request class ({@code CreateClusterRequest} answers {@code CreateCluster}), and
 * must be an action of the service's model.
 */
public final class OperationTable {
    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final Map<String, Operation<?, ?>> byTarget = new ConcurrentHashMap<>();

    public <Req, Resp extends SdkPojo> OperationTable add(AwsService service,
                                                          Supplier<? extends SdkBuilder<?, Req>> request,
                                                          Operation.Handler<Req, Resp> handler) {
        String requestClass = request.get().build().getClass().getSimpleName();
        if (!requestClass.endsWith("Request")) {
            throw new IllegalArgumentException(requestClass + " is not an AWS request class");
        }
        String action = requestClass.substring(0, requestClass.length() - "Request".length());
        if (!ServiceModel.of(service).hasOperation(action)) {
            throw new IllegalArgumentException(service + " has no action " + action + " in its model");
        }
        Operation<Req, Resp> operation = new Operation<>(service, action, request, handler, CALLER.getCallerClass());
        if (byTarget.putIfAbsent(operation.target(), operation) != null) {
            throw new IllegalArgumentException(operation.target() + " is registered twice");
        }
        return this;
    }

    public Optional<Operation<?, ?>> find(String target) {
        return Optional.ofNullable(byTarget.get(target));
    }

    /** The operations of a service that the emulator answers, sorted by action. */
    public List<Operation<?, ?>> of(AwsService service) {
        return byTarget.values().stream().filter(operation -> operation.service() == service)
                .sorted(Comparator.comparing(Operation::action)).toList();
    }

    /** The actions of a service that the emulator answers, sorted. */
    public Set<String> implemented(AwsService service) {
        Set<String> actions = new TreeSet<>();
        for (Operation<?, ?> operation : byTarget.values()) {
            if (operation.service() == service) {
                actions.add(operation.action());
            }
        }
        return actions;
    }
}
