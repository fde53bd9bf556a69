package dev.ecslabs.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import dev.ecslabs.emulator.state.StateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * The IAM roles of one account. IAM is global: they live in the account's
 * {@link AwsService#GLOBAL_REGION} state whatever region a call was signed for. Role names are unique
 * without regard to case ("you can't create roles named both PRODROLE and prodrole",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html), so they are filed by
 * their lower-case name.
 */
public final class Roles implements ResourceArea {
    /** IAM's default quota of roles per account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
    public static final int MAX_ROLES = 1000;

    private final AccountRegion region;
    private final Map<String, IamRole> byKey = new LinkedHashMap<>();

    private Roles(AccountRegion region) {
        this.region = region;
    }

    public static Roles of(AccountRegion region) {
        return region.area(Roles.class, Roles::new);
    }

    /** The account's IAM state, wherever the caller is: its global region. */
    public static AccountRegion home(StateStore store, String accountId) {
        return store.get(accountId, AwsService.GLOBAL_REGION);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Optional<IamRole> find(String name) {
        return Optional.ofNullable(byKey.get(key(name)));
    }

    public IamRole require(String name) {
        return find(name).orElseThrow(() -> IamErrors.noSuchEntity("The role with name " + name + " cannot be found."));
    }

    /** The role an ARN of this account names ({@code arn:aws:iam::<account>:role/<path><name>}), if it exists with that path. */
    public Optional<IamRole> findByArn(String arn) {
        int slash = arn == null ? -1 : arn.lastIndexOf('/');
        if (slash < 0 || !arn.startsWith("arn:aws:iam::" + region.accountId() + ":role/")) {
            return Optional.empty();
        }
        return find(arn.substring(slash + 1)).filter(role -> role.role().arn().equals(arn));
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    public int size() {
        return byKey.size();
    }

    public void put(IamRole role) {
        byKey.put(key(role.name()), role);
        region.changed(Roles.class, key(role.name()));
    }

    public void remove(String name) {
        if (byKey.remove(key(name)) != null) {
            region.changed(Roles.class, key(name));
        }
    }

    /** Every role, as ListRoles orders them: by path, then name. */
    public List<IamRole> all() {
        List<IamRole> roles = new ArrayList<>(byKey.values());
        roles.sort(Comparator.comparing((IamRole r) -> r.role().path()).thenComparing(r -> key(r.name())));
        return roles;
    }

    @Override
    public JsonNode snapshot() {
        ArrayNode roles = SavedStateJson.MAPPER.createArrayNode();
        byKey.values().forEach(role -> roles.add(write(role)));
        return roles;
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (JsonNode node : snapshot) {
            IamRole role = read(node);
            byKey.put(key(role.name()), role);
        }
    }

    @Override
    public Optional<JsonNode> snapshotOf(String key) {
        return Optional.ofNullable(byKey.get(key)).map(Roles::write);
    }

    @Override
    public void restoreResource(String key, JsonNode json) {
        if (json == null) {
            byKey.remove(key);
        } else {
            IamRole role = read(json);
            byKey.put(key(role.name()), role);
        }
    }

    private static JsonNode write(IamRole role) {
        ObjectNode node = SavedStateJson.MAPPER.createObjectNode();
        node.set("role", SavedStateJson.write(role.role()));
        ArrayNode attached = node.putArray("attachedPolicyArns");
        role.attachedPolicyArns().forEach(attached::add);
        ObjectNode inline = node.putObject("inlinePolicies");
        role.inlinePolicies().forEach(inline::put);
        return node;
    }

    private static IamRole read(JsonNode node) {
        Role role = SavedStateJson.read(node.get("role"), Role.class);
        if (role == null || role.roleName() == null) {
            throw new IllegalArgumentException("a saved IAM role lacks its name: " + node);
        }
        List<String> attached = new ArrayList<>();
        node.path("attachedPolicyArns").forEach(arn -> attached.add(arn.asText()));
        Map<String, String> inline = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("inlinePolicies").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            inline.put(entry.getKey(), entry.getValue().asText());
        }
        return new IamRole(role, attached, inline);
    }
}
