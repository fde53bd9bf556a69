package dev.ecslabs.emulator.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckType;
import software.amazon.awssdk.services.servicediscovery.model.InvalidInputException;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.ResourceInUseException;
import software.amazon.awssdk.services.servicediscovery.model.ResourceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.ServiceAlreadyExistsException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceAttributesLimitExceededException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.ServiceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceType;
import software.amazon.awssdk.services.servicediscovery.model.Tag;
import software.amazon.awssdk.services.servicediscovery.model.TooManyTagsException;

/**
 * Cloud Map services, service attributes and tags through the real SDK
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateService.html and its siblings).
 */
class ServiceApiTest extends CloudMapTestBase {

    @Test
    @DisplayName("CreateService in a DNS namespace keeps its DnsConfig with MULTIVALUE routing and is discoverable by DNS and API")
    void dnsService() {
        String namespaceId = privateNamespace(unique("svc") + ".local");
        Service service = dnsService(namespaceId, "backend", RecordType.A, RecordType.SRV);

        assertThat(service.id()).matches("srv-[a-z2-7]{16}");
        assertThat(service.arn()).isEqualTo("arn:aws:servicediscovery:us-east-1:000000000000:service/" + service.id());
        assertThat(service.type()).isEqualTo(ServiceType.DNS_HTTP);
        assertThat(service.dnsConfig().routingPolicy()).isEqualTo(RoutingPolicy.MULTIVALUE);
        assertThat(service.dnsConfig().dnsRecords()).extracting(DnsRecord::type).containsExactly(RecordType.A, RecordType.SRV);
        assertThat(service.instanceCount()).isZero();
        assertThat(cloudMap.getService(b -> b.id(service.arn())).service().name()).isEqualTo("backend");
        assertThat(cloudMap.getNamespace(b -> b.id(namespaceId)).namespace().serviceCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("A service in an HTTP namespace is of Type HTTP and cannot have DNS records")
    void httpService() {
        String namespaceId = httpNamespace(unique("api"));
        Service service = cloudMap.createService(b -> b.name("payments").namespaceId(namespaceId)).service();

        assertThat(service.type()).isEqualTo(ServiceType.HTTP);
        assertThatThrownBy(() -> dnsService(namespaceId, "with-dns", RecordType.A))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("HTTP namespace");
    }

    @Test
    @DisplayName("The DnsConfig and health check rules of CreateService are enforced and a refused service is not created")
    void configurationRules() {
        String privateId = privateNamespace(unique("rules") + ".local");
        String publicId = finish(cloudMap.createPublicDnsNamespace(b -> b.name(unique("rules") + ".example.com"))
                .operationId()).targetsAsStrings().get("NAMESPACE");

        assertThatThrownBy(() -> cloudMap.createService(b -> b.name("checked").namespaceId(privateId)
                .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(10L)))
                .healthCheckConfig(h -> h.type(HealthCheckType.HTTP)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("public DNS and HTTP namespaces only");
        assertThatThrownBy(() -> cloudMap.createService(b -> b.name("both").namespaceId(publicId)
                .healthCheckConfig(h -> h.type(HealthCheckType.TCP)).healthCheckCustomConfig(c -> { })))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> cloudMap.createService(b -> b.name("alias").namespaceId(privateId)
                .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.CNAME).ttl(10L)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("WEIGHTED");
        assertThatThrownBy(() -> dnsService(privateId, "twice", RecordType.A, RecordType.A))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> cloudMap.createService(b -> b.name("nowhere").namespaceId("ns-doesnotexist0000")))
                .isInstanceOf(NamespaceNotFoundException.class);

        assertThat(cloudMap.listServices(b -> b.filters(f -> f.name(ServiceFilterName.NAMESPACE_ID).values(privateId)))
                .services()).isEmpty();
        Service checked = cloudMap.createService(b -> b.name("checked").namespaceId(publicId)
                .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(10L)))
                .healthCheckConfig(h -> h.type(HealthCheckType.HTTP).resourcePath("/health"))).service();
        assertThat(checked.healthCheckConfig().resourcePath()).isEqualTo("/health");
    }

    @Test
    @DisplayName("A second service of the same name is refused with ServiceAlreadyExists naming the existing one")
    void alreadyExists() {
        String namespaceId = privateNamespace(unique("dup") + ".local");
        Service first = dnsService(namespaceId, "backend", RecordType.A);

        assertThatThrownBy(() -> dnsService(namespaceId, "BACKEND", RecordType.A))
                .as("DNS names ignore case").isInstanceOf(ServiceAlreadyExistsException.class)
                .satisfies(e -> assertThat(((ServiceAlreadyExistsException) e).serviceId()).isEqualTo(first.id()));
    }

    @Test
    @DisplayName("UpdateService changes TTLs when its operation succeeds, and cannot change record types")
    void updateService() {
        String namespaceId = privateNamespace(unique("upd") + ".local");
        Service service = dnsService(namespaceId, "backend", RecordType.A);

        String operationId = cloudMap.updateService(b -> b.id(service.id()).service(s -> s.description("faster")
                .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(5L))))).operationId();
        assertThat(cloudMap.getService(b -> b.id(service.id())).service().dnsConfig().dnsRecords().get(0).ttl()).isEqualTo(60L);
        finish(operationId);

        Service updated = cloudMap.getService(b -> b.id(service.id())).service();
        assertThat(updated.dnsConfig().dnsRecords().get(0).ttl()).isEqualTo(5L);
        assertThat(updated.description()).isEqualTo("faster");
        assertThatThrownBy(() -> cloudMap.updateService(b -> b.id(service.id())
                .service(s -> s.dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.AAAA).ttl(5L))))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be changed");
    }

    @Test
    @DisplayName("DeleteService is refused with ResourceInUse while the service holds instances")
    void deleteService() {
        String namespaceId = httpNamespace(unique("del"));
        String serviceId = cloudMap.createService(b -> b.name("worker").namespaceId(namespaceId)).service().id();
        register(serviceId, "w-1", Map.of("stage", "test"));

        assertThatThrownBy(() -> cloudMap.deleteService(b -> b.id(serviceId))).isInstanceOf(ResourceInUseException.class);
        finish(cloudMap.deregisterInstance(b -> b.serviceId(serviceId).instanceId("w-1")).operationId());
        cloudMap.deleteService(b -> b.id(serviceId));
        assertThatThrownBy(() -> cloudMap.getService(b -> b.id(serviceId))).isInstanceOf(ServiceNotFoundException.class);
    }

    @Test
    @DisplayName("ListServices filters by NAMESPACE_ID, given as an id or an ARN")
    void listServices() {
        String one = httpNamespace(unique("one"));
        String two = httpNamespace(unique("two"));
        cloudMap.createService(b -> b.name("a").namespaceId(one));
        cloudMap.createService(b -> b.name("b").namespaceId(two));
        String twoArn = cloudMap.getNamespace(b -> b.id(two)).namespace().arn();

        List<String> names = cloudMap.listServicesPaginator(b -> b.filters(f -> f.name(ServiceFilterName.NAMESPACE_ID)
                .values(twoArn))).stream().flatMap(p -> p.services().stream()).map(ServiceSummary::name).toList();
        assertThat(names).containsExactly("b");
    }

    @Test
    @DisplayName("Service attributes are added, read and deleted, at most 30 of them")
    void serviceAttributes() {
        String namespaceId = httpNamespace(unique("attrs"));
        String serviceId = cloudMap.createService(b -> b.name("svc").namespaceId(namespaceId)).service().id();

        cloudMap.updateServiceAttributes(b -> b.serviceId(serviceId).attributes(Map.of("owner", "team-a", "tier", "1")));
        cloudMap.deleteServiceAttributes(b -> b.serviceId(serviceId).attributes("tier"));
        assertThat(cloudMap.getServiceAttributes(b -> b.serviceId(serviceId)).serviceAttributes().attributes())
                .containsExactly(Map.entry("owner", "team-a"));

        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> cloudMap.updateServiceAttributes(b -> b.serviceId(serviceId).attributes(many)))
                .isInstanceOf(ServiceAttributesLimitExceededException.class);
        assertThat(cloudMap.getServiceAttributes(b -> b.serviceId(serviceId)).serviceAttributes().attributes()).hasSize(1);
    }

    @Test
    @DisplayName("Namespaces and services are tagged by ARN; more than 50 tags and unknown ARNs are refused")
    void tags() {
        String namespaceId = cloudMap.getNamespace(b -> b.id(httpNamespace(unique("tagged")))).namespace().arn();
        String serviceArn = cloudMap.createService(b -> b.name("svc").namespaceId(namespaceId)
                .tags(tag("team", "a"))).service().arn();

        cloudMap.tagResource(b -> b.resourceARN(namespaceId).tags(tag("env", "lab")));
        cloudMap.tagResource(b -> b.resourceARN(serviceArn).tags(tag("team", "b"), tag("cost", "1")));
        cloudMap.untagResource(b -> b.resourceARN(serviceArn).tagKeys("cost"));

        assertThat(cloudMap.listTagsForResource(b -> b.resourceARN(namespaceId)).tags()).containsExactly(tag("env", "lab"));
        assertThat(cloudMap.listTagsForResource(b -> b.resourceARN(serviceArn)).tags()).containsExactly(tag("team", "b"));
        Tag[] tooMany = new Tag[51];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = tag("k" + i, "v");
        }
        assertThatThrownBy(() -> cloudMap.tagResource(b -> b.resourceARN(serviceArn).tags(tooMany)))
                .isInstanceOf(TooManyTagsException.class);
        assertThatThrownBy(() -> cloudMap.listTagsForResource(b -> b.resourceARN(serviceArn.replace("srv-", "srv-x"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
