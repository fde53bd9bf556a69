package dev.ecslabs.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.ecr.AuthorizationTokens;
import dev.ecslabs.emulator.ecs.serviceconnect.ClientAliasesRoute;
import dev.ecslabs.emulator.ecs.task.FargateSpotRoute;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.SignedRequests;
import dev.ecslabs.emulator.state.AccountRegion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * Every {@code /_emulator/*} route that reads or changes an account's state answers only to the
 * account of the request's credentials, as the AWS routes do: two accounts, each with Fargate Spot
 * tasks, one with a Service Connect service; neither reaches the other's, and a request without
 * credentials or with another account in a parameter changes nothing.
 */
@EmulatorTest(account = EmulatorRoutesAccountTest.ALICE)
class EmulatorRoutesAccountTest {
    static final String ALICE = "111111111111";
    static final String BOB = "222222222222";
    static final String CLUSTER = "mixed";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    static ManualClock clock;
    static Emulator emulator;
    static EcsClient alice;
    static EcsClient bob;

    @BeforeAll
    static void start() {
        bob = AwsClients.ecs(emulator, BOB);
        for (EcsClient ecs : List.of(alice, bob)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER).capacityProviders("FARGATE", "FARGATE_SPOT")
                    .defaultCapacityProviderStrategy(CapacityProviderStrategyItem.builder().capacityProvider("FARGATE_SPOT")
                            .weight(1).build()));
            ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .containerDefinitions(c -> c.name("web").image("public.ecr.aws/nginx/nginx:1.27")
                            .portMappings(p -> p.containerPort(80).name("http"))));
            ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("web").count(2)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
        }
        alice.createCluster(b -> b.clusterName("connect").serviceConnectDefaults(d -> d.namespace("lab")));
        clock.advance(Duration.ofSeconds(10));
        alice.createService(b -> b.cluster("connect").serviceName("api").taskDefinition("web").desiredCount(1)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))
                .serviceConnectConfiguration(sc -> sc.enabled(true).services(s -> s.portName("http")
                        .discoveryName("backend").clientAliases(a -> a.dnsName("backend").port(8080)))));
        clock.advance(Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        bob.close();
    }

    @Test
    @DisplayName("The aliases route shows the caller's own Service Connect services, and none of another account's")
    void aliasesOfTheCallersAccountOnly() throws Exception {
        HttpResponse<String> own = send(signed("GET", ClientAliasesRoute.PATH, ALICE));
        HttpResponse<String> other = send(signed("GET", ClientAliasesRoute.PATH, BOB));

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).path("account").asText()).isEqualTo(ALICE);
        assertThat(JSON.readTree(own.body()).path("services")).hasSize(1);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(other.body()).path("services")).isEmpty();
        assertThat(other.body()).doesNotContain(ALICE);
    }

    @Test
    @DisplayName("Asking the aliases route for another account, or without credentials, is refused with a 403 that says what to send")
    void aliasesRefuseAnotherAccountAndMissingCredentials() throws Exception {
        HttpResponse<String> attack = send(signed("GET", ClientAliasesRoute.PATH + "?account=" + ALICE, BOB));
        HttpResponse<String> anonymous = send(unsigned("GET", ClientAliasesRoute.PATH + "?account=" + ALICE));

        assertRefused(attack, "AccessDeniedException", "not the account of your credentials");
        assertRefused(anonymous, "MissingAuthenticationToken", "Authorization: AWS4-HMAC-SHA256 Credential=");
        assertThat(attack.body() + anonymous.body()).doesNotContain("backend");
    }

    @Test
    @DisplayName("A bare Authorization header naming the access key is enough, as on the AWS routes (the signature is not checked)")
    void credentialScopeAlone() throws Exception {
        HttpResponse<String> response = send(unsigned("GET", ClientAliasesRoute.PATH)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ALICE + "/20260101/us-east-1/ecs/aws4_request"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("services")).hasSize(1);
    }

    @Test
    @DisplayName("Spot interruptions: an attacker's account parameter or a request without credentials stops nothing; the caller interrupts only its own tasks")
    void spotInterruptionsOfTheCallersAccountOnly() throws Exception {
        HttpResponse<String> attack = send(signed("POST", FargateSpotRoute.PATH + "?cluster=" + CLUSTER + "&account=" + ALICE, BOB));
        HttpResponse<String> anonymous = send(unsigned("POST", FargateSpotRoute.PATH + "?cluster=" + CLUSTER + "&account=" + ALICE));
        HttpResponse<String> otherRegion = send(signed("POST", FargateSpotRoute.PATH + "?cluster=" + CLUSTER + "&region=eu-west-1", ALICE));

        assertRefused(attack, "AccessDeniedException", ALICE);
        assertRefused(anonymous, "MissingAuthenticationToken", "--aws-sigv4");
        assertRefused(otherRegion, "AccessDeniedException", "region");
        assertThat(running(alice)).hasSize(2);
        assertThat(running(bob)).hasSize(2);

        HttpResponse<String> own = send(signed("POST", FargateSpotRoute.PATH + "?cluster=" + CLUSTER, BOB));
        clock.advance(Duration.ofMinutes(1));

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).path("interruptedTasks")).hasSize(2)
                .allSatisfy(arn -> assertThat(arn.asText()).startsWith("arn:aws:ecs:us-east-1:" + BOB + ":task/"));
        assertThat(running(bob)).isEmpty();
        assertThat(running(alice)).as("the other account's Spot tasks").hasSize(2);
    }

    @Test
    @DisplayName("A value that is not an account never reaches the state: neither as a parameter nor through a route of a region that holds nothing")
    void nothingButAccountsIsSaved() throws Exception {
        send(unsigned("POST", FargateSpotRoute.PATH + "?account=not-an-account&cluster=" + CLUSTER));
        send(signed("POST", FargateSpotRoute.PATH + "?account=../../etc&cluster=" + CLUSTER, BOB));
        send(signed("POST", FargateSpotRoute.PATH + "?cluster=" + CLUSTER, "not-twelve-digits"));

        assertThat(emulator.state().all()).extracting(AccountRegion::accountId)
                .allSatisfy(account -> assertThat(account).matches("\\d{12}"))
                .doesNotContain("000000000000");
    }

    @Test
    @DisplayName("A layer download URL is its own credential: rewriting its account or letting it expire gets a 403, never another account's layer")
    void layerDownloadUrlsAreBoundToTheirAccount() throws Exception {
        byte[] layer = "alice's layer".getBytes(StandardCharsets.UTF_8);
        String digest = EcrImages.digest(layer);
        for (String account : List.of(ALICE, BOB)) {
            try (EcrClient ecr = AwsClients.ecr(emulator, account)) {
                ecr.createRepository(b -> b.repositoryName("layers"));
                RegistryHttp.loggedIn(emulator, ecr).post("/v2/layers/blobs/uploads/?digest=" + digest, layer);
            }
        }
        String url;
        try (EcrClient ecr = AwsClients.ecr(emulator, ALICE)) {
            url = ecr.getDownloadUrlForLayer(b -> b.repositoryName("layers").layerDigest(digest)).downloadUrl();
        }
        String token = url.substring(url.lastIndexOf('/') + 1);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace(ALICE, BOB)
                .getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));

        HttpResponse<String> genuine = send(HttpRequest.newBuilder(URI.create(url)));
        HttpResponse<String> rewritten = send(HttpRequest.newBuilder(URI.create(url.replace(token, forged))));
        clock.advance(AuthorizationTokens.DOWNLOAD_URL_VALIDITY);
        HttpResponse<String> expired = send(HttpRequest.newBuilder(URI.create(url)));

        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(rewritten.statusCode()).isEqualTo(403);
        assertThat(expired.statusCode()).isEqualTo(403);
    }

    private static List<String> running(EcsClient ecs) {
        return ecs.listTasks(r -> r.cluster(CLUSTER).desiredStatus("RUNNING")).taskArns();
    }

    private static void assertRefused(HttpResponse<String> response, String code, String hint) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("__type").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(hint);
    }

    private static HttpRequest.Builder signed(String method, String path, String accessKeyId) {
        return SignedRequests.signed(method, URI.create(emulator.url() + path), accessKeyId, "secret", "us-east-1");
    }

    private static HttpRequest.Builder unsigned(String method, String path) {
        return HttpRequest.newBuilder(URI.create(emulator.url() + path)).method(method, HttpRequest.BodyPublishers.noBody());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
