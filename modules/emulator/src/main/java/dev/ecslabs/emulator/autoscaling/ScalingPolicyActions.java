package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.cloudwatch.alarms.AlarmActions;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * PutScalingPolicy, DescribeScalingPolicies, DeleteScalingPolicy
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html):
 * target tracking policies with the alarms they create and own ({@link TargetTrackingAlarms}),
 * replaced with the policy and deleted with it; step scaling policies, which a CloudWatch alarm
 * the caller creates invokes through the PolicyARN.
 */
final class ScalingPolicyActions implements ActionGroup {
    private final AlarmActions alarms;

    ScalingPolicyActions(AlarmActions alarms) {
        this.alarms = alarms;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.APPLICATION_AUTO_SCALING, "PutScalingPolicy", PutScalingPolicyRequest::builder, this::putScalingPolicy);
        table.add(AwsService.APPLICATION_AUTO_SCALING, "DescribeScalingPolicies", DescribeScalingPoliciesRequest::builder,
                this::describeScalingPolicies);
        table.add(AwsService.APPLICATION_AUTO_SCALING, "DeleteScalingPolicy", DeleteScalingPolicyRequest::builder,
                this::deleteScalingPolicy);
    }

    PutScalingPolicyResponse putScalingPolicy(RequestContext context, PutScalingPolicyRequest request) {
        EcsServiceResource.checkNamespace(request.serviceNamespaceAsString(), request.scalableDimensionAsString());
        AccountRegion region = context.state();
        ScalableTarget target = ScalableTargets.of(region).find(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString()).orElseThrow(() -> ScalableTargetActions.notRegistered(
                request.serviceNamespaceAsString(), request.resourceId(), request.scalableDimensionAsString()));
        PolicyType type = request.policyType() == null ? PolicyType.STEP_SCALING : request.policyType();
        String targetKey = ScalableTargets.key(target.serviceNamespaceAsString(), target.resourceId(), target.scalableDimensionAsString());
        ScalingPolicies policies = ScalingPolicies.of(region);
        PolicyRecord existing = policies.find(targetKey, request.policyName()).orElse(null);
        String arn = existing != null ? existing.policy().policyARN() : Arns.of("autoscaling", region.region(), region.accountId(),
                "scalingPolicy:" + UUID.randomUUID() + ":resource/" + target.serviceNamespaceAsString() + "/"
                        + target.resourceId() + ":policyName/" + request.policyName());
        ScalingPolicy.Builder policy = ScalingPolicy.builder().policyARN(arn).policyName(request.policyName())
                .serviceNamespace(target.serviceNamespace()).resourceId(target.resourceId())
                .scalableDimension(target.scalableDimension()).policyType(type)
                .creationTime(existing != null ? existing.policy().creationTime() : context.now());
        List<PutMetricAlarmRequest> newAlarms = List.of();
        if (type == PolicyType.TARGET_TRACKING_SCALING) {
            if (request.targetTrackingScalingPolicyConfiguration() == null || request.stepScalingPolicyConfiguration() != null) {
                throw AutoScalingErrors.validation("A TargetTrackingScaling policy takes a TargetTrackingScalingPolicyConfiguration "
                        + "and no StepScalingPolicyConfiguration.");
            }
            var configuration = request.targetTrackingScalingPolicyConfiguration();
            TargetTrackingAlarms.Watched watched = TargetTrackingAlarms.watched(target.resourceId(), configuration);
            newAlarms = TargetTrackingAlarms.alarms(target.resourceId(), arn, watched, configuration);
            policy.targetTrackingScalingPolicyConfiguration(configuration);
        } else if (type == PolicyType.STEP_SCALING) {
            StepScalingPolicyConfiguration configuration = request.stepScalingPolicyConfiguration();
            if (configuration == null || request.targetTrackingScalingPolicyConfiguration() != null) {
                throw AutoScalingErrors.validation("A StepScaling policy takes a StepScalingPolicyConfiguration and no "
                        + "TargetTrackingScalingPolicyConfiguration.");
            }
            checkSteps(configuration);
            policy.stepScalingPolicyConfiguration(configuration);
        } else {
            throw AutoScalingErrors.validation("The ECS Labs emulator serves the policy types TargetTrackingScaling and "
                    + "StepScaling, not " + request.policyTypeAsString() + ".");
        }
        // the alarms of the policy it replaces go; a step policy keeps the alarms its caller made
        if (existing != null) {
            deleteOwnedAlarms(region, existing.policy());
        }
        List<Alarm> created = new ArrayList<>();
        for (PutMetricAlarmRequest alarm : newAlarms) {
            MetricAlarm saved = alarms.put(region, alarm);
            created.add(Alarm.builder().alarmName(saved.alarmName()).alarmARN(saved.alarmArn()).build());
        }
        if (!created.isEmpty()) {
            policy.alarms(created);
        } else if (existing != null && type == PolicyType.STEP_SCALING) {
            policy.alarms(existing.policy().alarms());
        }
        policies.put(new PolicyRecord(policy.build(), null, null, null));
        return PutScalingPolicyResponse.builder().policyARN(arn).alarms(created).build();
    }

    private static void checkSteps(StepScalingPolicyConfiguration configuration) {
        if (configuration.adjustmentType() == null || !configuration.hasStepAdjustments() || configuration.stepAdjustments().isEmpty()) {
            throw AutoScalingErrors.validation("A StepScalingPolicyConfiguration needs an AdjustmentType and at least one StepAdjustment.");
        }
        for (var step : configuration.stepAdjustments()) {
            if (step.metricIntervalLowerBound() == null && step.metricIntervalUpperBound() == null
                    && configuration.stepAdjustments().size() > 1) {
                throw AutoScalingErrors.validation("Only a policy's single step may leave both MetricIntervalLowerBound and "
                        + "MetricIntervalUpperBound out.");
            }
            if (step.metricIntervalLowerBound() != null && step.metricIntervalUpperBound() != null
                    && step.metricIntervalLowerBound() >= step.metricIntervalUpperBound()) {
                throw AutoScalingErrors.validation("A step's MetricIntervalLowerBound must be below its MetricIntervalUpperBound.");
            }
        }
    }

    DescribeScalingPoliciesResponse describeScalingPolicies(RequestContext context, DescribeScalingPoliciesRequest request) {
        EcsServiceResource.checkNamespace(request.serviceNamespaceAsString(), request.scalableDimensionAsString());
        List<ScalingPolicy> matching = ScalingPolicies.of(context.state()).all().stream().map(PolicyRecord::policy)
                .filter(p -> request.resourceId() == null || p.resourceId().equals(request.resourceId()))
                .filter(p -> request.scalableDimension() == null || p.scalableDimension() == request.scalableDimension())
                .filter(p -> !request.hasPolicyNames() || request.policyNames().contains(p.policyName())).toList();
        Pages.Page<ScalingPolicy> page = Pages.page(matching, p -> p.resourceId() + "|" + p.policyName(), request.nextToken(),
                request.maxResults(), 10, 10, "InvalidNextTokenException");
        return DescribeScalingPoliciesResponse.builder().scalingPolicies(page.items()).nextToken(page.nextToken()).build();
    }

    DeleteScalingPolicyResponse deleteScalingPolicy(RequestContext context, DeleteScalingPolicyRequest request) {
        EcsServiceResource.checkNamespace(request.serviceNamespaceAsString(), request.scalableDimensionAsString());
        AccountRegion region = context.state();
        ScalingPolicies policies = ScalingPolicies.of(region);
        String targetKey = ScalableTargets.key(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString());
        PolicyRecord record = policies.find(targetKey, request.policyName()).orElseThrow(() -> AutoScalingErrors.notFound(
                "No scaling policy found for service namespace: " + request.serviceNamespaceAsString() + ", resource ID: "
                        + request.resourceId() + ", scalable dimension: " + request.scalableDimensionAsString()
                        + ", policy name: " + request.policyName()));
        deleteOwnedAlarms(region, record.policy());
        policies.remove(record);
        return DeleteScalingPolicyResponse.builder().build();
    }

    /** Deletes every policy of the target, and the alarms target tracking made for them (DeregisterScalableTarget). */
    void deleteAllOf(AccountRegion region, ScalableTarget target) {
        ScalingPolicies policies = ScalingPolicies.of(region);
        for (PolicyRecord record : policies.all()) {
            ScalingPolicy policy = record.policy();
            if (policy.resourceId().equals(target.resourceId()) && policy.scalableDimension() == target.scalableDimension()) {
                deleteOwnedAlarms(region, policy);
                policies.remove(record);
            }
        }
    }

    /** A target tracking policy's own alarms go with it; a step policy's alarms are its caller's. */
    private void deleteOwnedAlarms(AccountRegion region, ScalingPolicy policy) {
        if (policy.policyType() != PolicyType.TARGET_TRACKING_SCALING || !policy.hasAlarms()) {
            return;
        }
        List<String> names = policy.alarms().stream().map(Alarm::alarmName)
                .filter(name -> dev.ecslabs.emulator.cloudwatch.alarms.Alarms.of(region).find(name).isPresent()).toList();
        if (!names.isEmpty()) {
            alarms.delete(region, names);
        }
    }
}
