package dev.ecslabs.emulator.ecs.account;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.SettingType;

/**
 * The ECS account settings of one account and region that a principal set explicitly, by
 * principal and name; a setting nobody set has ECS's default
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-account-settings.html). The root
 * user's settings are the account's defaults for every user and role that set none of their own.
 */
public final class AccountSettings implements ResourceArea {
    /** ECS's value of each setting before anyone changed it. */
    private static final Map<SettingName, String> DEFAULTS = Map.ofEntries(
            Map.entry(SettingName.SERVICE_LONG_ARN_FORMAT, "enabled"),
            Map.entry(SettingName.TASK_LONG_ARN_FORMAT, "enabled"),
            Map.entry(SettingName.CONTAINER_INSTANCE_LONG_ARN_FORMAT, "enabled"),
            Map.entry(SettingName.AWSVPC_TRUNKING, "disabled"),
            Map.entry(SettingName.CONTAINER_INSIGHTS, "disabled"),
            Map.entry(SettingName.FARGATE_FIPS_MODE, "disabled"),
            Map.entry(SettingName.TAG_RESOURCE_AUTHORIZATION, "on"),
            Map.entry(SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD, "7"),
            Map.entry(SettingName.GUARD_DUTY_ACTIVATE, "off"),
            Map.entry(SettingName.DEFAULT_LOG_DRIVER_MODE, "non-blocking"),
            Map.entry(SettingName.FARGATE_EVENT_WINDOWS, "disabled"));

    private final AccountRegion region;
    private final Map<String, Setting> byKey = new TreeMap<>();

    private AccountSettings(AccountRegion region) {
        this.region = region;
    }

    public static AccountSettings of(AccountRegion region) {
        return region.area(AccountSettings.class, AccountSettings::new);
    }

    /** The ARN of the account's root user, whose settings are the account's defaults. */
    public String rootArn() {
        return "arn:aws:iam::" + region.accountId() + ":root";
    }

    /** The settings {@code principalArn} set itself, sorted by name. */
    public List<Setting> explicit(String principalArn) {
        return byKey.values().stream().filter(s -> s.principalArn().equals(principalArn)).toList();
    }

    public Optional<Setting> explicit(String principalArn, SettingName name) {
        return Optional.ofNullable(byKey.get(key(principalArn, name)));
    }

    /** What applies to {@code principalArn}: its own setting, else the root user's, else ECS's default. */
    public Setting effective(String principalArn, SettingName name) {
        return explicit(principalArn, name).or(() -> explicit(rootArn(), name))
                .map(s -> s.toBuilder().principalArn(principalArn).build())
                .orElseGet(() -> Setting.builder().name(name).value(DEFAULTS.get(name)).principalArn(principalArn)
                        .type(typeOf(name)).build());
    }

    /** Every setting ECS knows, as it applies to {@code principalArn}, sorted by name. */
    public List<Setting> effective(String principalArn) {
        List<Setting> all = new ArrayList<>();
        for (SettingName name : DEFAULTS.keySet()) {
            all.add(effective(principalArn, name));
        }
        all.sort(Comparator.comparing(Setting::nameAsString));
        return all;
    }

    /** The account's value for a setting: the root user's, else ECS's default (what resources created now get). */
    public String accountValue(SettingName name) {
        return effective(rootArn(), name).value();
    }

    public Setting put(String principalArn, SettingName name, String value) {
        Setting setting = Setting.builder().name(name).value(value).principalArn(principalArn).type(typeOf(name)).build();
        String key = key(principalArn, name);
        byKey.put(key, setting);
        region.changed(AccountSettings.class, key);
        return setting;
    }

    public Optional<Setting> delete(String principalArn, SettingName name) {
        String key = key(principalArn, name);
        Setting removed = byKey.remove(key);
        if (removed != null) {
            region.changed(AccountSettings.class, key);
        }
        return Optional.ofNullable(removed);
    }

    static SettingType typeOf(SettingName name) {
        // "Currently, the guardDutyActivate account setting is the only one Amazon Web Services manages." (Setting, ECS API reference)
        return name == SettingName.GUARD_DUTY_ACTIVATE ? SettingType.AWS_MANAGED : SettingType.USER;
    }

    private static String key(String principalArn, SettingName name) {
        return principalArn + "|" + name;
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(List.copyOf(byKey.values()));
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (Setting setting : SavedStateJson.read(snapshot, new TypeReference<List<Setting>>() { })) {
            byKey.put(key(setting.principalArn(), setting.name()), setting);
        }
    }

    @Override
    public Optional<JsonNode> snapshotOf(String key) {
        return Optional.ofNullable(byKey.get(key)).map(SavedStateJson::write);
    }

    @Override
    public void restoreResource(String key, JsonNode json) {
        if (json == null) {
            byKey.remove(key);
            return;
        }
        Setting setting = SavedStateJson.read(json, Setting.class);
        if (setting == null || !key(setting.principalArn(), setting.name()).equals(key)) {
            throw new IllegalArgumentException("the account setting saved as '" + key + "' is " + setting);
        }
        byKey.put(key, setting);
    }
}
