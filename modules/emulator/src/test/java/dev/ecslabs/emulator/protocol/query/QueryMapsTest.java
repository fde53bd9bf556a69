package dev.ecslabs.emulator.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;

/**
 * Maps on the Query wire, which no ELB action the emulator serves takes yet: read from
 * {@code Name.entry.N.key/value} into the SDK's request (an OIDC action's extra parameters), and
 * written as {@code <entry><key/><value/></entry>}.
 */
class QueryMapsTest {

    @Test
    @DisplayName("A map's entries are read from Name.entry.N.key / Name.entry.N.value in any order of N")
    void readsMaps() {
        String prefix = "DefaultActions.member.1.AuthenticateOidcConfig.AuthenticationRequestExtraParams.entry.";
        QueryForm form = QueryForm.parse(("Action=CreateListener&Version=2015-12-01&LoadBalancerArn=arn"
                + "&DefaultActions.member.1.Type=authenticate-oidc"
                + "&" + prefix + "2.key=scope&" + prefix + "2.value=openid%20email"
                + "&" + prefix + "1.key=prompt&" + prefix + "1.value=login").getBytes(StandardCharsets.UTF_8));

        CreateListenerRequest request = AwsJsonCodec.read(QueryRequestReader.read(form.root(),
                CreateListenerRequest.builder().sdkFields()), CreateListenerRequest.builder());

        assertThat(request.defaultActions().get(0).authenticateOidcConfig().authenticationRequestExtraParams())
                .containsExactly(Map.entry("prompt", "login"), Map.entry("scope", "openid email"));
    }

    @Test
    @DisplayName("A map is written as <Name><entry><key>…</key><value>…</value></entry></Name>")
    void writesMaps() {
        CreateListenerResponse response = CreateListenerResponse.builder().listeners(l -> l.defaultActions(Action.builder()
                .type("authenticate-oidc").authenticateOidcConfig(o -> o.authenticationRequestExtraParams(Map.of("prompt", "login")))
                .build())).build();

        String xml = QueryXmlWriter.response("CreateListener", "ns", "CreateListenerResult", response, "id");

        assertThat(xml).contains("<Listeners><member><DefaultActions><member><Type>authenticate-oidc</Type>")
                .contains("<AuthenticationRequestExtraParams><entry><key>prompt</key><value>login</value></entry>"
                        + "</AuthenticationRequestExtraParams>");
    }
}
