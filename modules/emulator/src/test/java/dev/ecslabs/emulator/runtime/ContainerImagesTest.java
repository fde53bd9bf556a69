package dev.ecslabs.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.EmulatorContext;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Image references as containerd reads them, and pulls from the catalogue and a private registry. */
class ContainerImagesTest {
    static final AccountRegion TASK_REGION = new AccountRegion("123456789012", "us-east-1",
            new EmulatorContext(new ManualClock(), () -> URI.create("http://127.0.0.1:4566")));
    static final String WEB_DIGEST = "sha256:" + "ab".repeat(32);

    /** A registry with one repository, web, holding one image tagged 1.0. */
    static final PrivateRegistry ONE_IMAGE = (registry, repository, tag, digest) -> {
        if (!repository.equals("web")) {
            return PrivateRegistry.Lookup.NO_SUCH_REPOSITORY;
        }
        boolean matches = (tag == null || tag.equals("1.0")) && (digest == null || digest.equals(WEB_DIGEST));
        return matches ? PrivateRegistry.Lookup.found(WEB_DIGEST, null) : PrivateRegistry.Lookup.NO_SUCH_IMAGE;
    };

    @Test
    @DisplayName("A short name is a Docker Hub library image with the tag latest; a registry comes first when it has a dot or a port")
    void readsReferences() {
        assertThat(ImageReference.parse("nginx").orElseThrow().toString()).isEqualTo("docker.io/library/nginx:latest");
        assertThat(ImageReference.parse("bitnami/redis:7").orElseThrow().toString()).isEqualTo("docker.io/bitnami/redis:7");
        ImageReference ecr = ImageReference.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web@" + WEB_DIGEST)
                .orElseThrow();
        assertThat(ecr.registry()).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(ecr.repository()).isEqualTo("team/web");
        assertThat(ecr.tag()).isNull();
        assertThat(ecr.digest()).isEqualTo(WEB_DIGEST);
        assertThat(ecr.privateRegistry()).contains(new ImageReference.PrivateRegistryHost("123456789012", "eu-west-1"));
        assertThat(ImageReference.parse("localhost:4566/web:1.0").orElseThrow().privateRegistry())
                .as("the emulator's own registry, as ECR's repositoryUri names it")
                .contains(new ImageReference.PrivateRegistryHost(null, null));
        assertThat(ImageReference.parse("public.ecr.aws/nginx/nginx:1.27").orElseThrow().privateRegistry()).isEmpty();
        assertThat(ImageReference.parse("Upper/Case")).isEmpty();
        assertThat(ImageReference.parse("web:bad tag")).isEmpty();
    }

    @Test
    @DisplayName("Catalogue images pull with their defaults: nginx listens on 80, busybox's sh exits at once")
    void pullsFromTheCatalogue() {
        ContainerImages images = new ContainerImages(PrivateRegistry.NONE);

        ContainerImages.Pull nginx = images.pull(TASK_REGION, "nginx:1.27.3");
        ContainerImages.Pull busybox = images.pull(TASK_REGION, "public.ecr.aws/docker/library/busybox:latest");

        assertThat(nginx.succeeded()).isTrue();
        assertThat(nginx.config().listeningPorts()).containsExactly(80);
        assertThat(nginx.digest()).isEqualTo(PublicImageCatalogue.digestOf("docker.io/library/nginx", "1.27.3"));
        assertThat(ContainerCommands.interpret(busybox.config().argv(List.of(), List.of()), List.of()))
                .isEqualTo(ContainerBehaviour.exitsAfter(java.time.Duration.ZERO, 0));
        assertThat(images.pull(TASK_REGION, "nginx@" + PublicImageCatalogue.digestOf("docker.io/library/nginx", "1.27"))
                .succeeded()).as("pinned by the catalogue's digest").isTrue();
        assertThat(images.pull(TASK_REGION, "nginx@" + WEB_DIGEST).succeeded()).isFalse();
    }

    @Test
    @DisplayName("Private images come from the task's own registry by tag or digest; others fail with containerd's words")
    void pullsFromThePrivateRegistry() {
        ContainerImages images = new ContainerImages(ONE_IMAGE);
        String registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

        assertThat(images.pull(TASK_REGION, registry + "/web:1.0").digest()).isEqualTo(WEB_DIGEST);
        assertThat(images.pull(TASK_REGION, registry + "/web@" + WEB_DIGEST).succeeded()).isTrue();
        assertThat(images.pull(TASK_REGION, "localhost:4566/web:1.0").succeeded()).isTrue();
        assertThat(images.pull(TASK_REGION, registry + "/web:2.0").failure()).isEqualTo("CannotPullContainerError: pull "
                + "image manifest has been retried 5 time(s): failed to resolve ref " + registry + "/web:2.0: " + registry
                + "/web:2.0: not found");
        assertThat(images.pull(TASK_REGION, registry + "/api:1.0").failure()).contains("pull access denied, repository "
                + "does not exist or may require authorization");
        assertThat(images.pull(TASK_REGION, "999999999999.dkr.ecr.us-east-1.amazonaws.com/web:1.0").failure())
                .as("another account's repository, without a policy that lets this one pull").contains("pull access denied");
        assertThat(images.pull(TASK_REGION, "web:Bad Tag").failure()).contains("invalid reference format");
    }

    @Test
    @DisplayName("On SIGTERM nginx exits 0, a shell or sleep ignores it (killed: 137), another program exits 143")
    void answersTheStopSignal() {
        assertThat(StopSignals.respond(List.of("nginx", "-g", "daemon off;")).exitCode()).isZero();
        assertThat(StopSignals.respond(List.of("sh", "-c", "sleep 60")).ignoresSignal()).isTrue();
        assertThat(StopSignals.respond(List.of("/bin/sleep", "60")).ignoresSignal()).isTrue();
        assertThat(StopSignals.respond(List.of("java", "-jar", "app.jar")).exitCode()).isEqualTo(143);
    }
}
