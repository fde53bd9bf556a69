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
 *
 * <p>Adding an operation by name touches neither its SDK model class nor the service's model:
 * initialising a request class builds its fields and their lambdas, and the three services have
 * about ninety, the bulk of a cold start. An operation is checked against its request class and
 * the service's model when it is first looked up, when its request is read anyway
 * ({@code OperationTableTest} looks up every one).
 */
public final class OperationTable {
    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final Map<String, Operation<?, ?>> byTarget = new ConcurrentHashMap<>();
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private final Map<String, String> notServedBecause = new ConcurrentHashMap<>();
    private final Map<String, String> servedWithin = new ConcurrentHashMap<>();

    /** Adds the action {@code action} of {@code service}, whose request {@code request} builds. */
    public <Req, Resp extends SdkPojo> OperationTable add(AwsService service, String action,
                                                          Supplier<? extends SdkBuilder<?, Req>> request,
                                                          Operation.Handler<Req, Resp> handler) {
        Operation<Req, Resp> operation = new Operation<>(service, action, request, handler, registeringClass());
        if (byTarget.putIfAbsent(operation.target(), operation) != null) {
            throw new IllegalArgumentException(operation.target() + " is registered twice");
        }
        return this;
    }

    /**
     * Adds the action named after the request class: this builds a request at once, initialising
     * its model class while the emulator starts; {@link #add(AwsService, String, Supplier, Operation.Handler)}
     * does not.
     */
    public <Req, Resp extends SdkPojo> OperationTable add(AwsService service,
                                                          Supplier<? extends SdkBuilder<?, Req>> request,
                                                          Operation.Handler<Req, Resp> handler) {
        add(service, actionOf(request), request, handler);
        find(service.targetPrefix() + "." + actionOf(request));
        return this;
    }

    /**
     * Records why an action of the model is deliberately not served (its 4xx says so, and COVERAGE.md):
     * {@code because} completes "not served by this emulator: …".
     */
    public OperationTable notServed(AwsService service, String action, String because) {
        notServedBecause.put(service.targetPrefix() + "." + action, because);
        return this;
    }

    /**
     * Says what a served action models of AWS's behaviour and what it leaves out, where that is
     * less than all: its {@code COVERAGE.md} row shows it beside the class that serves it.
     */
    public OperationTable servedWithin(AwsService service, String action, String limits) {
        servedWithin.put(service.targetPrefix() + "." + action, limits);
        return this;
    }

    /** What a served action leaves out, when {@link #servedWithin} said so. */
    public Optional<String> limitsOf(AwsService service, String action) {
        return Optional.ofNullable(servedWithin.get(service.targetPrefix() + "." + action));
    }

    /** Why an action is not served, when {@link #notServed} said so. */
    public Optional<String> whyNotServed(AwsService service, String action) {
        return Optional.ofNullable(notServedBecause.get(service.targetPrefix() + "." + action));
    }

    /** The class that called {@code add}: the service area's actions class, which COVERAGE.md names. */
    private static Class<?> registeringClass() {
        return CALLER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> type != OperationTable.class).findFirst().orElseThrow());
    }

    /** The operation that answers {@code target}; the first lookup checks it (see the class comment). */
    public Optional<Operation<?, ?>> find(String target) {
        Operation<?, ?> operation = byTarget.get(target);
        if (operation != null && !checked.contains(target)) {
            check(operation);
            checked.add(target);
        }
        return Optional.ofNullable(operation);
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

    private static void check(Operation<?, ?> operation) {
        String named = actionOf(operation.request());
        if (!named.equals(operation.action())) {
            throw new IllegalStateException(operation.target() + " is registered with the request class of " + named
                    + "; register " + named + "Request::builder under the name \"" + named + "\", or the request class of "
                    + operation.action() + ".");
        }
        if (!ServiceModel.of(operation.service()).hasOperation(operation.action())) {
            throw new IllegalStateException(operation.service() + " has no action " + operation.action() + " in its model");
        }
    }

    private static String actionOf(Supplier<? extends SdkBuilder<?, ?>> request) {
        String requestClass = request.get().build().getClass().getSimpleName();
        if (!requestClass.endsWith("Request")) {
            throw new IllegalArgumentException(requestClass + " is not an AWS request class");
        }
        return requestClass.substring(0, requestClass.length() - "Request".length());
    }
}
