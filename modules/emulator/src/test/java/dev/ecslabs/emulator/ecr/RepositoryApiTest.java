package dev.ecslabs.emulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.EcrImages;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

/**
 * ECR repositories through the real SDK, as the ECR API reference describes them
 * (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html and its siblings).
 */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED)
class RepositoryApiTest {
    static Emulator emulator;
    static EcrClient ecr;

    @AfterAll
    static void stop() {
    }

    @Test
    @DisplayName("CreateRepository answers the repository with its ARN, URI and AWS's defaults")
    void createsARepository() {
        Repository repository = ecr.createRepository(b -> b.repositoryName("team/web-app")).repository();

        assertThat(repository.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:000000000000:repository/team/web-app");
        assertThat(repository.registryId()).isEqualTo("000000000000");
        assertThat(repository.repositoryUri()).isEqualTo("localhost:" + emulator.port() + "/team/web-app");
        assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.MUTABLE);
        assertThat(repository.imageScanningConfiguration().scanOnPush()).isFalse();
        assertThat(repository.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.AES256);
        assertThat(repository.createdAt()).isNotNull();
    }

    @Test
    @DisplayName("A repository name with capitals, a leading slash or one character is refused, and nothing is created")
    void refusesBadNames() {
        for (String name : List.of("MyApp", "/app", "a", "app//web", "app-", "app/")) {
            assertThatThrownBy(() -> ecr.createRepository(b -> b.repositoryName(name)))
                    .as(name).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("repositoryName");
        }
        assertThat(ecr.describeRepositoriesPaginator().repositories())
                .extracting(Repository::repositoryName).doesNotContain("MyApp", "/app", "a");
    }

    @Test
    @DisplayName("Creating a repository twice answers RepositoryAlreadyExistsException")
    void refusesADuplicate() {
        ecr.createRepository(b -> b.repositoryName("twice"));

        assertThatThrownBy(() -> ecr.createRepository(b -> b.repositoryName("twice")))
                .isInstanceOf(RepositoryAlreadyExistsException.class).hasMessageContaining("'twice' already exists");
    }

    @Test
    @DisplayName("DescribeRepositories by name answers RepositoryNotFoundException for an unknown name")
    void describesByName() {
        ecr.createRepository(b -> b.repositoryName("known"));

        assertThat(ecr.describeRepositories(b -> b.repositoryNames("known")).repositories())
                .extracting(Repository::repositoryName).containsExactly("known");
        assertThatThrownBy(() -> ecr.describeRepositories(b -> b.repositoryNames("known", "unknown")))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessageContaining("The repository with name 'unknown' does not exist in the registry with id '000000000000'");
    }

    @Test
    @DisplayName("The DescribeRepositories paginator walks pages of maxResults without skipping or repeating")
    void paginates() {
        try (EcrClient other = AwsClients.ecr(emulator, "222222222222")) {
            IntStream.range(0, 25).forEach(i -> other.createRepository(b -> b.repositoryName(String.format("page/r%02d", i))));

            var pages = other.describeRepositoriesPaginator(b -> b.maxResults(10)).stream().toList();

            assertThat(pages).hasSize(3);
            assertThat(pages.stream().flatMap(p -> p.repositories().stream()).map(Repository::repositoryName))
                    .hasSize(25).doesNotHaveDuplicates();
            assertThatThrownBy(() -> other.describeRepositories(b -> b.maxResults(1001)))
                    .isInstanceOf(InvalidParameterException.class);
        }
    }

    @Test
    @DisplayName("DeleteRepository refuses a repository with images unless force is set")
    void deletesOnlyEmptyRepositoriesWithoutForce() {
        ecr.createRepository(b -> b.repositoryName("full"));
        EcrImages.push(ecr, "full", "v1", EcrImages.image("full"));

        assertThatThrownBy(() -> ecr.deleteRepository(b -> b.repositoryName("full")))
                .isInstanceOf(RepositoryNotEmptyException.class).hasMessageContaining("still contains images");
        assertThat(ecr.describeRepositories(b -> b.repositoryNames("full")).repositories()).hasSize(1);

        Repository deleted = ecr.deleteRepository(b -> b.repositoryName("full").force(true)).repository();

        assertThat(deleted.repositoryName()).isEqualTo("full");
        assertThatThrownBy(() -> ecr.describeRepositories(b -> b.repositoryNames("full")))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    @DisplayName("PutImageTagMutability and PutImageScanningConfiguration change the repository")
    void changesSettings() {
        ecr.createRepository(b -> b.repositoryName("settings"));

        ecr.putImageTagMutability(b -> b.repositoryName("settings").imageTagMutability(ImageTagMutability.IMMUTABLE));
        ecr.putImageScanningConfiguration(b -> b.repositoryName("settings").imageScanningConfiguration(c -> c.scanOnPush(true)));

        Repository repository = ecr.describeRepositories(b -> b.repositoryNames("settings")).repositories().get(0);
        assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(repository.imageScanningConfiguration().scanOnPush()).isTrue();
    }

    @Test
    @DisplayName("A KMS key with AES256 encryption is refused; KMS without a key uses the aws/ecr managed key")
    void checksEncryption() {
        assertThatThrownBy(() -> ecr.createRepository(b -> b.repositoryName("aes")
                .encryptionConfiguration(e -> e.encryptionType(EncryptionType.AES256).kmsKey("arn:aws:kms:us-east-1:000000000000:key/x"))))
                .isInstanceOf(InvalidParameterException.class);

        Repository kms = ecr.createRepository(b -> b.repositoryName("kms")
                .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS))).repository();

        assertThat(kms.encryptionConfiguration().kmsKey()).endsWith(":alias/aws/ecr");
    }

    @Test
    @DisplayName("A repository policy is validated, stored, answered and deleted")
    void keepsARepositoryPolicy() {
        ecr.createRepository(b -> b.repositoryName("shared"));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":[\"ecr:BatchGetImage\"]}]}";

        assertThatThrownBy(() -> ecr.getRepositoryPolicy(b -> b.repositoryName("shared")))
                .isInstanceOf(RepositoryPolicyNotFoundException.class);
        assertThatThrownBy(() -> ecr.setRepositoryPolicy(b -> b.repositoryName("shared").policyText("{\"Statement\":[]}")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid repository policy provided");

        ecr.setRepositoryPolicy(b -> b.repositoryName("shared").policyText(policy));

        assertThat(ecr.getRepositoryPolicy(b -> b.repositoryName("shared")).policyText()).isEqualTo(policy);
        assertThat(ecr.deleteRepositoryPolicy(b -> b.repositoryName("shared")).policyText()).isEqualTo(policy);
        assertThatThrownBy(() -> ecr.deleteRepositoryPolicy(b -> b.repositoryName("shared")))
                .isInstanceOf(RepositoryPolicyNotFoundException.class);
    }

    @Test
    @DisplayName("Tags are added, listed and removed by repository ARN; aws: keys and more than 50 tags are refused")
    void tagsRepositories() {
        String arn = ecr.createRepository(b -> b.repositoryName("tagged").tags(tag("team", "web"))).repository().repositoryArn();

        ecr.tagResource(b -> b.resourceArn(arn).tags(tag("cost-center", "42"), tag("team", "payments")));
        assertThat(ecr.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsExactlyInAnyOrder(tag("team", "payments"), tag("cost-center", "42"));

        ecr.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertThat(ecr.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactly(tag("cost-center", "42"));

        assertThatThrownBy(() -> ecr.tagResource(b -> b.resourceArn(arn).tags(tag("aws:owner", "x"))))
                .isInstanceOf(InvalidTagParameterException.class);
        List<Tag> many = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
        assertThatThrownBy(() -> ecr.tagResource(b -> b.resourceArn(arn).tags(many)))
                .isInstanceOf(TooManyTagsException.class);
        assertThat(ecr.listTagsForResource(b -> b.resourceArn(arn)).tags()).hasSize(1);
        assertThatThrownBy(() -> ecr.listTagsForResource(b -> b.resourceArn(arn.replace("tagged", "nope"))))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    @DisplayName("DescribeRegistry answers the caller's registry id and an empty replication configuration")
    void describesTheRegistry() {
        var registry = ecr.describeRegistry(b -> { });

        assertThat(registry.registryId()).isEqualTo("000000000000");
        assertThat(registry.replicationConfiguration().rules()).isEmpty();
    }

    @Test
    @DisplayName("A registryId of another account is refused with InvalidParameterException")
    void refusesAnotherRegistry() {
        assertThatThrownBy(() -> ecr.describeRepositories(b -> b.registryId("123456789012")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("registryId");
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
