package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.protocol.AwsException;

/**
 * Elastic Load Balancing's errors by their model shapes (the Query endpoint sends each under its wire
 * code: {@code LoadBalancerNotFoundException} as {@code LoadBalancerNotFound}), with messages that say
 * what was wrong and what would be right.
 */
final class ElbErrors {
    /** The Query protocol's common error for input AWS refuses before the service's own rules. */
    static final String VALIDATION = "ValidationError";

    private ElbErrors() {
    }

    static AwsException validation(String message) {
        return new AwsException(VALIDATION, message);
    }

    static AwsException invalidConfiguration(String message) {
        return new AwsException("InvalidConfigurationRequestException", message);
    }

    static AwsException loadBalancerNotFound(String which) {
        return new AwsException("LoadBalancerNotFoundException", "One or more load balancers not found: " + which
                + ". Create it with CreateLoadBalancer, or check the ARN or name (DescribeLoadBalancers lists them).");
    }

    static AwsException targetGroupNotFound(String which) {
        return new AwsException("TargetGroupNotFoundException", "One or more target groups not found: " + which
                + ". Create it with CreateTargetGroup, or check the ARN (DescribeTargetGroups lists them).");
    }

    static AwsException listenerNotFound(String which) {
        return new AwsException("ListenerNotFoundException", "One or more listeners not found: " + which
                + ". DescribeListeners with the load balancer's ARN lists its listeners.");
    }

    static AwsException ruleNotFound(String which) {
        return new AwsException("RuleNotFoundException", "One or more rules not found: " + which
                + ". DescribeRules with the listener's ARN lists its rules.");
    }

    static AwsException operationNotPermitted(String message) {
        return new AwsException("OperationNotPermittedException", message);
    }

    static AwsException resourceInUse(String message) {
        return new AwsException("ResourceInUseException", message);
    }
}
