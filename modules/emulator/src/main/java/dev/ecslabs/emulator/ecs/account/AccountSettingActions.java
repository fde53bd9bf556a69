package dev.ecslabs.emulator.ecs.account;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.DeleteAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAccountSettingResponse;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsRequest;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsResponse;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingDefaultRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingDefaultResponse;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingResponse;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;

/**
 * ECS's account settings: PutAccountSetting (for the caller, or a principal named by ARN),
 * PutAccountSettingDefault (the root user's, the account's default), ListAccountSettings (a
 * principal's own settings, or with {@code effectiveSettings} every setting as it applies to it)
 * and DeleteAccountSetting, as the ECS API reference describes them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutAccountSetting.html). The
 * emulator signs every caller in as the account's root user. Effects modelled: containerInsights
 * is the default of new clusters, awsvpcTrunking the ENI limit of container instances registered
 * after it.
 */
public final class AccountSettingActions implements ActionGroup {
    private static final Set<String> ENABLED_DISABLED = Set.of("enabled", "disabled");
    /** The values each setting accepts (PutAccountSetting's {@code value}, and the Developer Guide's account settings page). */
    private static final Map<SettingName, Set<String>> VALUES = Map.ofEntries(
            Map.entry(SettingName.SERVICE_LONG_ARN_FORMAT, ENABLED_DISABLED),
            Map.entry(SettingName.TASK_LONG_ARN_FORMAT, ENABLED_DISABLED),
            Map.entry(SettingName.CONTAINER_INSTANCE_LONG_ARN_FORMAT, ENABLED_DISABLED),
            Map.entry(SettingName.AWSVPC_TRUNKING, ENABLED_DISABLED),
            Map.entry(SettingName.CONTAINER_INSIGHTS, Set.of("enabled", "disabled", "enhanced")),
            Map.entry(SettingName.FARGATE_FIPS_MODE, ENABLED_DISABLED),
            Map.entry(SettingName.TAG_RESOURCE_AUTHORIZATION, Set.of("on", "off")),
            Map.entry(SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD, Set.of("0", "7", "14")),
            Map.entry(SettingName.DEFAULT_LOG_DRIVER_MODE, Set.of("blocking", "non-blocking")),
            Map.entry(SettingName.FARGATE_EVENT_WINDOWS, ENABLED_DISABLED));
    private static final Pattern PRINCIPAL = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):(root|user/.+|role/.+)");
    /** ListAccountSettings' maxResults: "This value can be between 1 and 10." */
    private static final int MAX_RESULTS = 10;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "PutAccountSetting", PutAccountSettingRequest::builder, this::putAccountSetting)
                .add(AwsService.ECS, "PutAccountSettingDefault", PutAccountSettingDefaultRequest::builder,
                        this::putAccountSettingDefault)
                .add(AwsService.ECS, "ListAccountSettings", ListAccountSettingsRequest::builder, this::listAccountSettings)
                .add(AwsService.ECS, "DeleteAccountSetting", DeleteAccountSettingRequest::builder, this::deleteAccountSetting);
    }

    PutAccountSettingResponse putAccountSetting(RequestContext context, PutAccountSettingRequest request) {
        AccountSettings settings = AccountSettings.of(context.state());
        String principal = principal(context, settings, request.principalArn());
        SettingName name = request.name();
        checkValue(name, request.value());
        if (name == SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD && !principal.equals(settings.rootArn())) {
            throw EcsErrors.invalidParameter("fargateTaskRetirementWaitPeriod can only be set for the root user: "
                    + "leave principalArn out, or name " + settings.rootArn() + ".");
        }
        return PutAccountSettingResponse.builder().setting(settings.put(principal, name, request.value())).build();
    }

    PutAccountSettingDefaultResponse putAccountSettingDefault(RequestContext context, PutAccountSettingDefaultRequest request) {
        AccountSettings settings = AccountSettings.of(context.state());
        checkValue(request.name(), request.value());
        return PutAccountSettingDefaultResponse.builder()
                .setting(settings.put(settings.rootArn(), request.name(), request.value())).build();
    }

    ListAccountSettingsResponse listAccountSettings(RequestContext context, ListAccountSettingsRequest request) {
        AccountSettings settings = AccountSettings.of(context.state());
        String principal = principal(context, settings, request.principalArn());
        if (request.value() != null && request.name() == null) {
            throw EcsErrors.invalidParameter("value filters the settings of one name: give name too.");
        }
        boolean effective = Boolean.TRUE.equals(request.effectiveSettings());
        List<Setting> listed;
        if (request.name() != null) {
            listed = effective ? List.of(settings.effective(principal, request.name()))
                    : settings.explicit(principal, request.name()).map(List::of).orElse(List.of());
        } else {
            listed = effective ? settings.effective(principal) : settings.explicit(principal);
        }
        List<Setting> matching = listed.stream()
                .filter(s -> request.value() == null || request.value().equals(s.value())).toList();
        Pages.Page<Setting> page = Pages.page(matching, Setting::nameAsString, request.nextToken(), request.maxResults(),
                MAX_RESULTS, MAX_RESULTS, "InvalidParameterException");
        return ListAccountSettingsResponse.builder().settings(page.items()).nextToken(page.nextToken()).build();
    }

    DeleteAccountSettingResponse deleteAccountSetting(RequestContext context, DeleteAccountSettingRequest request) {
        AccountSettings settings = AccountSettings.of(context.state());
        String principal = principal(context, settings, request.principalArn());
        checkSettable(request.name());
        Setting deleted = settings.delete(principal, request.name()).orElseThrow(() -> EcsErrors.invalidParameter(
                "The account setting " + request.name() + " is not set for " + principal + ": it has its default. "
                        + "ListAccountSettings shows the settings a principal set."));
        return DeleteAccountSettingResponse.builder().setting(deleted).build();
    }

    /** The principal a request names, or the caller (the root user); a principal of another account is refused. */
    private static String principal(RequestContext context, AccountSettings settings, String principalArn) {
        if (principalArn == null || principalArn.isEmpty()) {
            return settings.rootArn();
        }
        var matcher = PRINCIPAL.matcher(principalArn);
        if (!matcher.matches()) {
            throw EcsErrors.invalidParameter("principalArn must be the ARN of an IAM user, role or the root user "
                    + "(arn:aws:iam::" + context.accountId() + ":root), not '" + principalArn + "'.");
        }
        if (!matcher.group(1).equals(context.accountId())) {
            throw EcsErrors.invalidParameter("principalArn names a principal of account " + matcher.group(1)
                    + "; account settings can be set only for principals of your own account " + context.accountId() + ".");
        }
        return principalArn;
    }

    private static void checkValue(SettingName name, String value) {
        checkSettable(name);
        Set<String> accepted = VALUES.get(name);
        if (value == null || !accepted.contains(value)) {
            throw EcsErrors.invalidParameter("The value '" + value + "' is not valid for " + name + ": use one of "
                    + String.join(", ", accepted.stream().sorted().toList()) + ".");
        }
    }

    private static void checkSettable(SettingName name) {
        if (name == SettingName.GUARD_DUTY_ACTIVATE) {
            throw EcsErrors.invalidParameter("guardDutyActivate is read-only: Amazon GuardDuty's Runtime Monitoring "
                    + "sets it, and ListAccountSettings shows it.");
        }
        if (name == null || name == SettingName.UNKNOWN_TO_SDK_VERSION) {
            throw EcsErrors.invalidParameter("Unknown account setting name: use one of " + VALUES.keySet().stream()
                    .map(SettingName::toString).sorted().toList() + ".");
        }
    }
}
