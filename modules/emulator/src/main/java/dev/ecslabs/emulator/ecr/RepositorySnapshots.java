package dev.ecslabs.emulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.ScanStatus;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * The snapshot format of one ECR repository: its settings and tags as the SDK's {@link Repository}
 * and {@link Tag}, its policies as the text that was put, the links to its layers (digest and
 * size: the content is in the blob store, not here), each image's exact manifest bytes (base64,
 * since the digest is their sha256) with its tags, and the scans and lifecycle steps under way
 * with the instants they started, from which they resume.
 */
final class RepositorySnapshots {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private RepositorySnapshots() {
    }

    static ObjectNode write(RepositoryState state) {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode();
        json.set("repository", AwsJsonCodec.write(state.repository()));
        ArrayNode tags = json.putArray("tags");
        state.tags().forEach(tag -> tags.add(AwsJsonCodec.write(tag)));
        state.policyText().ifPresent(text -> json.put("policyText", text));
        state.lifecyclePolicy().ifPresent(policy -> json.put("lifecyclePolicyText", policy.text()));
        state.lifecyclePolicyLastEvaluatedAt().ifPresent(at -> json.put("lifecyclePolicyLastEvaluatedAt", at.toString()));
        state.pendingEvaluationAt().ifPresent(at -> json.put("pendingEvaluationAt", at.toString()));
        state.preview().ifPresent(preview -> json.set("preview", preview(preview)));
        ObjectNode layers = json.putObject("layers");
        new TreeMap<>(state.layers()).forEach((digest, size) -> layers.put(digest.toString(), size));
        ArrayNode images = json.putArray("images");
        for (ImageRecord image : state.images().all()) {
            ObjectNode written = images.addObject();
            written.put("manifest", BASE64.encodeToString(image.manifest().bytes()));
            written.put("mediaType", image.mediaType());
            written.put("sizeInBytes", image.sizeInBytes());
            written.put("pushedAt", image.pushedAt().toString());
            ArrayNode imageTags = written.putArray("tags");
            state.images().tagsOf(image.digest()).forEach(imageTags::add);
        }
        ObjectNode scans = json.putObject("scans");
        new TreeMap<>(state.scans()).forEach((digest, scan) -> scans.set(digest.toString(), scan(scan)));
        return json;
    }

    static RepositoryState read(JsonNode json) {
        List<Tag> tags = new ArrayList<>();
        json.path("tags").forEach(tag -> tags.add(AwsJsonCodec.read(tag, Tag.builder())));
        RepositoryState state = new RepositoryState(AwsJsonCodec.read(required(json, "repository"), Repository.builder()), tags);
        if (json.hasNonNull("policyText")) {
            state.policyText(json.get("policyText").asText());
        }
        if (json.hasNonNull("lifecyclePolicyText")) {
            state.lifecyclePolicy(LifecyclePolicy.parse(json.get("lifecyclePolicyText").asText()));
        }
        if (json.hasNonNull("lifecyclePolicyLastEvaluatedAt")) {
            state.lifecyclePolicyEvaluated(Instant.parse(json.get("lifecyclePolicyLastEvaluatedAt").asText()));
        }
        if (json.hasNonNull("pendingEvaluationAt")) {
            // only the time is kept: the evaluation is scheduled again when the repository resumes
            state.pendingEvaluation(null, Instant.parse(json.get("pendingEvaluationAt").asText()));
        }
        if (json.hasNonNull("preview")) {
            state.preview(preview(json.get("preview")));
        }
        for (Map.Entry<String, JsonNode> layer : json.path("layers").properties()) {
            state.linkLayer(digest(layer.getKey()), layer.getValue().asLong());
        }
        for (JsonNode image : json.path("images")) {
            ImageManifest manifest = ImageManifest.parse(BASE64_DECODER.decode(required(image, "manifest").asText()),
                    image.path("mediaType").asText(null));
            state.images().add(new ImageRecord(manifest, image.path("sizeInBytes").asLong(),
                    Instant.parse(required(image, "pushedAt").asText())));
            image.path("tags").forEach(tag -> state.images().tag(tag.asText(), manifest.digest()));
        }
        for (Map.Entry<String, JsonNode> scan : json.path("scans").properties()) {
            state.scan(digest(scan.getKey()), scan(scan.getValue()));
        }
        return state;
    }

    private static ObjectNode preview(LifecyclePreview preview) {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode();
        json.put("policyText", preview.policyText());
        json.put("status", preview.status().toString());
        json.put("startedAt", preview.startedAt().toString());
        ArrayNode results = json.putArray("results");
        preview.results().forEach(result -> results.add(AwsJsonCodec.write(result)));
        return json;
    }

    private static LifecyclePreview preview(JsonNode json) {
        List<LifecyclePolicyPreviewResult> results = new ArrayList<>();
        json.path("results").forEach(result -> results.add(AwsJsonCodec.read(result, LifecyclePolicyPreviewResult.builder())));
        return new LifecyclePreview(required(json, "policyText").asText(),
                LifecyclePolicyPreviewStatus.fromValue(required(json, "status").asText()),
                Instant.parse(required(json, "startedAt").asText()), List.copyOf(results));
    }

    private static ObjectNode scan(ImageScan scan) {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode();
        json.put("status", scan.status().toString());
        json.put("startedAt", scan.startedAt().toString());
        if (scan.completedAt() != null) {
            json.put("completedAt", scan.completedAt().toString());
        }
        ArrayNode findings = json.putArray("findings");
        scan.findings().forEach(finding -> findings.add(AwsJsonCodec.write(finding)));
        return json;
    }

    private static ImageScan scan(JsonNode json) {
        List<ImageScanFinding> findings = new ArrayList<>();
        json.path("findings").forEach(finding -> findings.add(AwsJsonCodec.read(finding, ImageScanFinding.builder())));
        return new ImageScan(ScanStatus.fromValue(required(json, "status").asText()),
                Instant.parse(required(json, "startedAt").asText()),
                json.hasNonNull("completedAt") ? Instant.parse(json.get("completedAt").asText()) : null, List.copyOf(findings));
    }

    private static Digest digest(String text) {
        return Digest.parse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a sha256 digest"));
    }

    private static JsonNode required(JsonNode json, String member) {
        JsonNode value = json.get(member);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a repository's snapshot lacks '" + member + "'");
        }
        return value;
    }
}
