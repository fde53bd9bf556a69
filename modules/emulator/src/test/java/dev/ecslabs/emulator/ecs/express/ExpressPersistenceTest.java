package dev.ecslabs.emulator.ecs.express;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ECSExpressGatewayService;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceInclude;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceStatusCode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * An Express service survives a restart of {@code ./lab start}: its configuration, endpoint and
 * tags, and what was made for it, so that Delete still removes it all afterwards.
 *
 * <p>Not an {@code @EmulatorTest}: it restarts emulators on one data directory itself.
 */
class ExpressPersistenceTest {
    static final String ACCOUNT = "123456789012";

    @TempDir
    Path data;

    @Test
    @DisplayName("An Express service keeps its configuration, endpoint and tags across a restart, and Delete still removes its load balancer")
    void survivesARestart() {
        ECSExpressGatewayService before;
        ManualClock clock = new ManualClock();
        try (Emulator first = Emulator.builder().clock(clock).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(first, ACCOUNT)) {
            String arn = ecs.createExpressGatewayService(b -> b.serviceName("kept")
                    .executionRoleArn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
                    .infrastructureRoleArn("arn:aws:iam::123456789012:role/ecsInfrastructureRole")
                    .primaryContainer(c -> c.image("public.ecr.aws/nginx/nginx:1.27")).healthCheckPath("/")
                    .tags(t -> t.key("team").value("web"))).service().serviceArn();
            clock.advance(Duration.ofMinutes(2));
            before = ecs.describeExpressGatewayService(b -> b.serviceArn(arn).include(ExpressGatewayServiceInclude.TAGS))
                    .service();
        }

        try (Emulator second = Emulator.builder().clock(new ManualClock(clock.now())).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(second, ACCOUNT);
             ElasticLoadBalancingV2Client elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(), second, ACCOUNT)) {
            ECSExpressGatewayService after = ecs.describeExpressGatewayService(b -> b.serviceArn(before.serviceArn())
                    .include(ExpressGatewayServiceInclude.TAGS)).service();
            assertThat(after).isEqualTo(before);

            ecs.deleteExpressGatewayService(b -> b.serviceArn(before.serviceArn()));
            ((ManualClock) second.clock()).advance(Duration.ofMinutes(2));
            assertThat(ecs.describeExpressGatewayService(b -> b.serviceArn(before.serviceArn())).service().status().statusCode())
                    .isEqualTo(ExpressGatewayServiceStatusCode.INACTIVE);
            assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
        }
    }
}
