package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/** An emulator on a manual clock and a Cloud Map client, shared by the tests of one class; names are unique per test. */
@EmulatorTest
// The emulator, clock and clients are static fields of this class, so its subclasses share them: one
// subclass at a time, or another's emulator would be set into them (and closed) under its tests.
@ResourceLock("CloudMapTestBase's static fields")
abstract class CloudMapTestBase {
    static Emulator emulator;
    static ManualClock clock;
    static ServiceDiscoveryClient cloudMap;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Lets every operation submitted so far finish (the slowest takes 40 emulated seconds) and answers this one. */
    static Operation finish(String operationId) {
        clock.advance(Duration.ofMinutes(2));
        return cloudMap.getOperation(b -> b.operationId(operationId)).operation();
    }

    static String httpNamespace(String name) {
        String operationId = cloudMap.createHttpNamespace(b -> b.name(name)).operationId();
        return finish(operationId).targetsAsStrings().get("NAMESPACE");
    }

    static String privateNamespace(String name) {
        String operationId = cloudMap.createPrivateDnsNamespace(b -> b.name(name).vpc(DefaultVpc.VPC_ID)).operationId();
        return finish(operationId).targetsAsStrings().get("NAMESPACE");
    }

    static Service dnsService(String namespaceId, String name, RecordType... types) {
        DnsRecord[] records = new DnsRecord[types.length];
        for (int i = 0; i < types.length; i++) {
            records[i] = DnsRecord.builder().type(types[i]).ttl(60L).build();
        }
        return cloudMap.createService(b -> b.name(name).namespaceId(namespaceId)
                .dnsConfig(d -> d.dnsRecords(records))).service();
    }

    static void register(String serviceId, String instanceId, Map<String, String> attributes) {
        finish(cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId(instanceId).attributes(attributes))
                .operationId());
    }
}
