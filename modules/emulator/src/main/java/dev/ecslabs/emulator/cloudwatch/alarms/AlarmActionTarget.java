package dev.ecslabs.emulator.cloudwatch.alarms;

import dev.ecslabs.emulator.state.AccountRegion;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * What an alarm action ARN reaches: Application Auto Scaling's scaling policies
 * ({@code arn:aws:autoscaling:…:scalingPolicy:…}), for one. CloudWatch invokes an alarm's actions when
 * it enters a state, and an Auto Scaling action again every period it stays there
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html).
 */
public interface AlarmActionTarget {

    /** Whether this target answers the action ARN. */
    boolean handles(String actionArn);

    /** Whether the action is invoked again every period the alarm stays in the state (Auto Scaling's are). */
    default boolean repeats() {
        return false;
    }

    /** Invokes the action for the alarm, under the account-region's lock. */
    void invoke(AccountRegion region, String actionArn, MetricAlarm alarm);
}
