package dev.ecslabs.emulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * The ECR repositories of one account and region (its private registry), by name. Its snapshot is
 * every repository in {@link RepositorySnapshots}' format; layer uploads under way are not kept.
 */
public final class Repositories implements ResourceArea {
    /** ECR's default quota "Registered repositories" per Region (https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html). */
    public static final int MAX_REPOSITORIES = 10_000;
    /** The repository name rule of the ECR model, anchored: lowercase path segments joined by '/'. */
    static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");

    private final AccountRegion region;
    private final TreeMap<String, RepositoryState> byName = new TreeMap<>();

    private Repositories(AccountRegion region) {
        this.region = region;
    }

    public static Repositories of(AccountRegion region) {
        return region.area(Repositories.class, Repositories::new);
    }

    public AccountRegion region() {
        return region;
    }

    public String registryId() {
        return region.accountId();
    }

    public String arn(String name) {
        return Arns.of("ecr", region.region(), region.accountId(), "repository/" + name);
    }

    /**
     * The repository URI that registry clients push to. The emulator answers
     * {@code localhost:<port>/<name>}: every client resolves {@code localhost}, while AWS's shape
     * {@code <account>.dkr.ecr.<region>.localhost:<port>} resolves only where the system resolver
     * maps all of {@code *.localhost} to the loopback address (the registry accepts both).
     */
    public String uri(String name) {
        return registryHost(region.context().url()) + "/" + name;
    }

    /**
     * The repository as ECR answers it, with its URI on the port the emulator answers on now: a
     * repository restored from a snapshot may have been created while the emulator ran on another one.
     */
    public Repository answered(RepositoryState repository) {
        String uri = uri(repository.name());
        return uri.equals(repository.repository().repositoryUri()) ? repository.repository()
                : repository.repository().toBuilder().repositoryUri(uri).build();
    }

    /** {@code localhost:<port>} for an emulator on a loopback address, else its own host and port. */
    public static String registryHost(URI url) {
        String host = url.getHost();
        boolean loopback = host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1") || host.equals("localhost");
        return (loopback ? "localhost" : host) + ":" + url.getPort();
    }

    /** Whether a name follows ECR's rules: 2 to 256 characters, lowercase path segments. */
    public static boolean isValidName(String name) {
        return name != null && name.length() >= 2 && name.length() <= 256 && NAME.matcher(name).matches();
    }

    public Optional<RepositoryState> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The repository, or ECR's RepositoryNotFoundException. */
    public RepositoryState require(String name) {
        return find(name).orElseThrow(() -> EcrErrors.repositoryNotFound(name, registryId()));
    }

    /** The repository an ECR resource ARN names, or ECR's error for a wrong or unknown ARN. */
    public RepositoryState requireByArn(String arn) {
        Arns.Arn parsed = Arns.parse(arn).filter(a -> a.service().equals("ecr") && a.resource().startsWith("repository/"))
                .orElseThrow(() -> EcrErrors.invalidParameter("resourceArn", "'" + arn + "' is not an ECR repository ARN "
                        + "(arn:aws:ecr:<region>:<account>:repository/<name>)"));
        String name = parsed.resource().substring("repository/".length());
        if (!parsed.accountId().equals(registryId()) || !parsed.region().equals(region.region())) {
            throw EcrErrors.invalidParameter("resourceArn", "'" + arn + "' is a repository of another account or region; "
                    + "this call is signed for account " + registryId() + " in " + region.region());
        }
        return require(name);
    }

    void add(RepositoryState repository) {
        if (!byName.containsKey(repository.name()) && byName.size() >= MAX_REPOSITORIES) {
            throw EcrErrors.limitExceeded("This registry already has " + MAX_REPOSITORIES + " repositories in "
                    + region.region() + ", ECR's default quota of registered repositories: delete one first.");
        }
        byName.put(repository.name(), repository);
        repository.journalWith(() -> region.changed(Repositories.class, repository.name()));
        repository.changed();
    }

    void remove(RepositoryState repository) {
        if (byName.remove(repository.name(), repository)) {
            region.changed(Repositories.class, repository.name());
        }
    }

    /** Whether this object is still the repository of that name (it may have been deleted and created again). */
    boolean isCurrent(RepositoryState repository) {
        return byName.get(repository.name()) == repository;
    }

    /** Every repository, sorted by name. */
    public List<RepositoryState> all() {
        return new ArrayList<>(byName.values());
    }

    @Override
    public JsonNode snapshot() {
        ArrayNode repositories = AwsJsonCodec.MAPPER.createArrayNode();
        byName.values().forEach(repository -> repositories.add(RepositorySnapshots.write(repository)));
        return repositories;
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (JsonNode repository : snapshot) {
            add(RepositorySnapshots.read(repository));
        }
    }

    /** A repository is journaled by its name, with its images, layers and scans, in {@link RepositorySnapshots}' format. */
    @Override
    public Optional<JsonNode> snapshotOf(String name) {
        return find(name).map(RepositorySnapshots::write);
    }

    @Override
    public void restoreResource(String name, JsonNode json) {
        if (json == null) {
            byName.remove(name);
            return;
        }
        RepositoryState repository = RepositorySnapshots.read(json);
        if (!repository.name().equals(name)) {
            throw new IllegalArgumentException("the repository saved as '" + name + "' is named " + repository.name());
        }
        byName.remove(name);
        add(repository);
    }

    /**
     * Checks a request's optional registryId: the emulator keeps every account's registry apart,
     * so a call reaches only the registry of the account it is signed for.
     */
    public void checkRegistryId(String registryId) {
        if (registryId != null && !registryId.equals(registryId())) {
            throw EcrErrors.invalidParameter("registryId", "registryId '" + registryId + "' is not the registry of "
                    + "the calling account (" + registryId() + "); leave registryId out to use your own");
        }
    }
}
