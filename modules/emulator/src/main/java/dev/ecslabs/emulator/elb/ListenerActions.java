package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * The listener actions of the ELB v2 API reference: CreateListener (HTTP or HTTPS with a certificate
 * ARN on an ALB, TCP/UDP/TLS on an NLB, one per port, its default actions checked and kept as the
 * listener's default rule), DescribeListeners, ModifyListener and DeleteListener (its rules with it).
 */
public final class ListenerActions implements ActionGroup {
    private static final Set<String> ALB_PROTOCOLS = Set.of("HTTP", "HTTPS");
    private static final Set<String> NLB_PROTOCOLS = Set.of("TCP", "UDP", "TLS", "TCP_UDP");
    private static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";

    private final TargetHealthChecks healthChecks;
    private final LoadBalancerDataPlane dataPlane;

    public ListenerActions(TargetHealthChecks healthChecks, LoadBalancerDataPlane dataPlane) {
        this.healthChecks = healthChecks;
        this.dataPlane = dataPlane;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ELB_V2, "CreateListener", CreateListenerRequest::builder, this::createListener)
                .add(AwsService.ELB_V2, "DescribeListeners", DescribeListenersRequest::builder, this::describeListeners)
                .add(AwsService.ELB_V2, "ModifyListener", ModifyListenerRequest::builder, this::modifyListener)
                .add(AwsService.ELB_V2, "DeleteListener", DeleteListenerRequest::builder, this::deleteListener);
    }

    CreateListenerResponse createListener(RequestContext context, CreateListenerRequest request) {
        LoadBalancer lb = LoadBalancers.of(context.state()).require(request.loadBalancerArn()).loadBalancer();
        boolean application = lb.typeAsString().equals("application");
        String protocol = request.protocolAsString() != null ? request.protocolAsString() : application ? "HTTP" : "TCP";
        int port = request.port() != null ? request.port() : protocol.equals("HTTPS") || protocol.equals("TLS") ? 443 : 80;
        checkProtocol(lb, protocol, request.hasCertificates() && !request.certificates().isEmpty());
        Listeners listeners = Listeners.of(context.state());
        for (ListenerRecord other : listeners.of(lb.loadBalancerArn())) {
            if (other.listener().port() == port) {
                throw new AwsException("DuplicateListenerException", "The load balancer already has a listener on port "
                        + port + " (" + other.arn() + "); use ModifyListener to change it.");
            }
        }
        List<Action> actions = ActionRules.check(context.state(), lb, protocol, request.defaultActions());
        String path = ElbIds.loadBalancerPath(lb.loadBalancerArn());
        String listenerId = ElbIds.id();
        String arn = ElbIds.arn(context.state(), "listener/" + path + "/" + listenerId);
        Listener listener = Listener.builder().listenerArn(arn).loadBalancerArn(lb.loadBalancerArn()).port(port)
                .protocol(protocol).defaultActions(actions).certificates(request.hasCertificates() ? request.certificates() : null)
                .sslPolicy(protocol.equals("HTTPS") || protocol.equals("TLS")
                        ? (request.sslPolicy() == null ? DEFAULT_SSL_POLICY : request.sslPolicy()) : null)
                .build();
        Rule defaultRule = Rule.builder().ruleArn(ElbIds.arn(context.state(), "listener-rule/" + path + "/" + listenerId + "/" + ElbIds.id()))
                .priority("default").isDefault(true).conditions(List.of()).actions(actions).build();
        ElbTags.check(request.hasTags() ? request.tags() : List.of());
        listeners.put(new ListenerRecord(listener, request.hasTags() ? request.tags() : List.of(),
                List.of(new RuleRecord(defaultRule, List.of()))));
        startUsing(context, actions);
        dataPlane.sync(context.state());
        return CreateListenerResponse.builder().listeners(listener).build();
    }

    /** The target groups these actions forward to now receive traffic: their targets leave {@code unused}, checks start. */
    void startUsing(RequestContext context, List<Action> actions) {
        TargetUse.refresh(context.state());
        for (String arn : TargetUse.targetGroups(actions)) {
            healthChecks.ensureChecking(context.state(), arn);
        }
    }

    private static void checkProtocol(LoadBalancer lb, String protocol, boolean hasCertificate) {
        boolean application = lb.typeAsString().equals("application");
        Set<String> allowed = application ? ALB_PROTOCOLS : NLB_PROTOCOLS;
        if (!allowed.contains(protocol)) {
            throw new AwsException("UnsupportedProtocolException", "The protocol " + protocol + " is not supported by a "
                    + lb.typeAsString() + " load balancer; use one of " + allowed + ".");
        }
        if ((protocol.equals("HTTPS") || protocol.equals("TLS")) && !hasCertificate) {
            throw new AwsException("CertificateNotFoundException", "A certificate must be specified for " + protocol
                    + " listeners: give Certificates with an ACM certificate ARN.");
        }
    }

    DescribeListenersResponse describeListeners(RequestContext context, DescribeListenersRequest request) {
        Listeners listeners = Listeners.of(context.state());
        List<ListenerRecord> found = new ArrayList<>();
        if (request.hasListenerArns() && !request.listenerArns().isEmpty()) {
            for (String arn : request.listenerArns()) {
                found.add(listeners.require(arn));
            }
        } else if (request.loadBalancerArn() != null) {
            LoadBalancers.of(context.state()).require(request.loadBalancerArn());
            found.addAll(listeners.of(request.loadBalancerArn()));
        } else {
            throw ElbErrors.validation("Specify either a LoadBalancerArn or ListenerArns.");
        }
        Pages.Page<ListenerRecord> page = Pages.page(found, ListenerRecord::arn, request.marker(), request.pageSize(),
                400, 400, ElbErrors.VALIDATION);
        return DescribeListenersResponse.builder().listeners(page.items().stream().map(ListenerRecord::listener).toList())
                .nextMarker(page.nextToken()).build();
    }

    ModifyListenerResponse modifyListener(RequestContext context, ModifyListenerRequest request) {
        Listeners listeners = Listeners.of(context.state());
        ListenerRecord record = listeners.require(request.listenerArn());
        LoadBalancer lb = LoadBalancers.of(context.state()).require(record.listener().loadBalancerArn()).loadBalancer();
        Listener.Builder changed = record.listener().toBuilder();
        String protocol = request.protocolAsString() != null ? request.protocolAsString() : record.listener().protocolAsString();
        if (request.port() != null && !request.port().equals(record.listener().port())) {
            for (ListenerRecord other : listeners.of(lb.loadBalancerArn())) {
                if (other.listener().port().equals(request.port())) {
                    throw new AwsException("DuplicateListenerException", "The load balancer already has a listener on port "
                            + request.port() + ".");
                }
            }
            changed.port(request.port());
        }
        boolean certificates = request.hasCertificates() ? !request.certificates().isEmpty() : record.listener().hasCertificates();
        checkProtocol(lb, protocol, certificates);
        changed.protocol(protocol);
        if (request.hasCertificates()) {
            changed.certificates(request.certificates());
        }
        List<RuleRecord> rules = record.rules();
        if (request.hasDefaultActions()) {
            List<Action> actions = ActionRules.check(context.state(), lb, protocol, request.defaultActions());
            changed.defaultActions(actions);
            rules = new ArrayList<>(rules);
            for (int i = 0; i < rules.size(); i++) {
                if (Boolean.TRUE.equals(rules.get(i).rule().isDefault())) {
                    rules.set(i, new RuleRecord(rules.get(i).rule().toBuilder().actions(actions).build(), rules.get(i).tags()));
                }
            }
        }
        Listener listener = changed.build();
        listeners.put(new ListenerRecord(listener, record.tags(), rules));
        startUsing(context, listener.defaultActions());
        return ModifyListenerResponse.builder().listeners(listener).build();
    }

    DeleteListenerResponse deleteListener(RequestContext context, DeleteListenerRequest request) {
        Listeners listeners = Listeners.of(context.state());
        listeners.require(request.listenerArn());
        listeners.remove(request.listenerArn());
        TargetUse.refresh(context.state());
        dataPlane.sync(context.state());
        return DeleteListenerResponse.builder().build();
    }
}
