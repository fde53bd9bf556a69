package dev.ecslabs.emulator.ecs.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.SettingType;

/**
 * ECS account settings through the real SDK, as the ECS API reference and the developer guide's
 * account settings page describe them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutAccountSetting.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListAccountSettings.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-account-settings.html).
 */
@EmulatorTest(account = "222233334444", scope = EmulatorTest.Scope.EACH_TEST)
class AccountSettingsApiTest {
    static final String ROOT = "arn:aws:iam::222233334444:root";
    static final String ROLE = "arn:aws:iam::222233334444:role/deployer";
    EcsClient ecs;

    @Test
    @DisplayName("ListAccountSettings with effectiveSettings shows every setting with ECS's defaults before anything is set; without it, none")
    void defaults() {
        var effective = ecs.listAccountSettingsPaginator(b -> b.effectiveSettings(true)).settings().stream().toList();

        assertThat(effective).extracting(Setting::name).contains(SettingName.SERVICE_LONG_ARN_FORMAT,
                SettingName.AWSVPC_TRUNKING, SettingName.CONTAINER_INSIGHTS, SettingName.GUARD_DUTY_ACTIVATE);
        assertThat(value(effective, SettingName.TASK_LONG_ARN_FORMAT)).isEqualTo("enabled");
        assertThat(value(effective, SettingName.AWSVPC_TRUNKING)).isEqualTo("disabled");
        assertThat(value(effective, SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD)).isEqualTo("7");
        assertThat(effective).filteredOn(s -> s.name() == SettingName.GUARD_DUTY_ACTIVATE)
                .extracting(Setting::type).containsExactly(SettingType.AWS_MANAGED);
        assertThat(effective).allSatisfy(s -> assertThat(s.principalArn()).isEqualTo(ROOT));
        assertThat(ecs.listAccountSettings(b -> { }).settings()).isEmpty();
    }

    @Test
    @DisplayName("PutAccountSettingDefault sets the root user's value, which a role without its own setting inherits; the role's own overrides it until deleted")
    void defaultsAndOverrides() {
        Setting saved = ecs.putAccountSettingDefault(b -> b.name(SettingName.AWSVPC_TRUNKING).value("enabled")).setting();
        assertThat(saved.principalArn()).isEqualTo(ROOT);
        assertThat(saved.value()).isEqualTo("enabled");

        assertThat(effective(ROLE, SettingName.AWSVPC_TRUNKING)).isEqualTo("enabled");
        ecs.putAccountSetting(b -> b.name(SettingName.AWSVPC_TRUNKING).value("disabled").principalArn(ROLE));
        assertThat(effective(ROLE, SettingName.AWSVPC_TRUNKING)).isEqualTo("disabled");
        assertThat(ecs.listAccountSettings(b -> b.principalArn(ROLE)).settings()).extracting(Setting::name)
                .containsExactly(SettingName.AWSVPC_TRUNKING);

        Setting deleted = ecs.deleteAccountSetting(b -> b.name(SettingName.AWSVPC_TRUNKING).principalArn(ROLE)).setting();
        assertThat(deleted.value()).isEqualTo("disabled");
        assertThat(effective(ROLE, SettingName.AWSVPC_TRUNKING)).isEqualTo("enabled");
    }

    @Test
    @DisplayName("ListAccountSettings filters by name and value, and pages by maxResults")
    void filtersAndPages() {
        ecs.putAccountSetting(b -> b.name(SettingName.CONTAINER_INSIGHTS).value("enhanced"));
        ecs.putAccountSetting(b -> b.name(SettingName.FARGATE_FIPS_MODE).value("enabled"));

        assertThat(ecs.listAccountSettings(b -> b.name(SettingName.CONTAINER_INSIGHTS).value("enhanced")).settings())
                .hasSize(1);
        assertThat(ecs.listAccountSettings(b -> b.name(SettingName.CONTAINER_INSIGHTS).value("enabled")).settings())
                .isEmpty();
        var first = ecs.listAccountSettings(b -> b.maxResults(1));
        assertThat(first.settings()).hasSize(1);
        assertThat(first.nextToken()).isNotNull();
        assertThat(ecs.listAccountSettings(b -> b.maxResults(1).nextToken(first.nextToken())).settings()).hasSize(1)
                .doesNotContainAnyElementsOf(first.settings());
    }

    @Test
    @DisplayName("The account's containerInsights setting is the default of clusters created after it; a cluster's own setting still wins")
    void containerInsightsDefault() {
        ecs.putAccountSettingDefault(b -> b.name(SettingName.CONTAINER_INSIGHTS).value("enabled"));
        ecs.createCluster(b -> b.clusterName("watched"));
        ecs.createCluster(b -> b.clusterName("quiet").settings(s -> s.name("containerInsights").value("disabled")));

        var clusters = ecs.describeClusters(b -> b.clusters("watched", "quiet").include(ClusterField.SETTINGS)).clusters();
        assertThat(clusters.get(0).settings().get(0).value()).isEqualTo("enabled");
        assertThat(clusters.get(1).settings().get(0).value()).isEqualTo("disabled");
    }

    @Test
    @DisplayName("Bad input is refused with InvalidParameterException and changes nothing: a value the setting does not take, a read-only setting, another account's principal")
    void refusesBadInput() {
        assertThatThrownBy(() -> ecs.putAccountSetting(b -> b.name(SettingName.AWSVPC_TRUNKING).value("on")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("disabled, enabled");
        assertThatThrownBy(() -> ecs.putAccountSetting(b -> b.name(SettingName.GUARD_DUTY_ACTIVATE).value("on")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> ecs.putAccountSetting(b -> b.name(SettingName.CONTAINER_INSIGHTS).value("enabled")
                .principalArn("arn:aws:iam::999999999999:role/other")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("your own account");
        assertThatThrownBy(() -> ecs.putAccountSetting(b -> b.name(SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD)
                .value("14").principalArn(ROLE)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("root user");
        assertThatThrownBy(() -> ecs.deleteAccountSetting(b -> b.name(SettingName.AWSVPC_TRUNKING)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("not set");
        assertThat(ecs.listAccountSettings(b -> { }).settings()).isEmpty();
    }

    private String effective(String principal, SettingName name) {
        return ecs.listAccountSettings(b -> b.principalArn(principal).name(name).effectiveSettings(true)).settings()
                .get(0).value();
    }

    private static String value(java.util.List<Setting> settings, SettingName name) {
        return settings.stream().filter(s -> s.name() == name).findFirst().orElseThrow().value();
    }
}
