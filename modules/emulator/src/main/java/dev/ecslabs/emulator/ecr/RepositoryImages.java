package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The images of one repository and their tags. A tag names exactly one image; moving a tag to
 * another image leaves the old one untagged (it stays, as on ECR, until deleted or expired).
 */
public final class RepositoryImages {
    private final TreeMap<Digest, ImageRecord> byDigest = new TreeMap<>();
    private final Map<String, Digest> tags = new HashMap<>();
    private final Map<Digest, SortedSet<String>> tagsByDigest = new HashMap<>();
    /** Marks the repository these images belong to as changed, so that the change is journaled. */
    private final Runnable changed;

    RepositoryImages(Runnable changed) {
        this.changed = changed;
    }

    public Optional<ImageRecord> find(Digest digest) {
        return Optional.ofNullable(byDigest.get(digest));
    }

    public Optional<Digest> digestOf(String tag) {
        return Optional.ofNullable(tags.get(tag));
    }

    /** The image a tag names. */
    public Optional<ImageRecord> findByTag(String tag) {
        return digestOf(tag).map(byDigest::get);
    }

    /** The image's tags, sorted; empty for an untagged image. */
    public SortedSet<String> tagsOf(Digest digest) {
        SortedSet<String> found = tagsByDigest.get(digest);
        return found == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(found);
    }

    public void add(ImageRecord image) {
        byDigest.putIfAbsent(image.digest(), image);
        changed.run();
    }

    /** Points the tag at the image, taking it off any image it named before. */
    public void tag(String tag, Digest digest) {
        untag(tag);
        tags.put(tag, digest);
        tagsByDigest.computeIfAbsent(digest, d -> new TreeSet<>()).add(tag);
        changed.run();
    }

    public void untag(String tag) {
        Digest previous = tags.remove(tag);
        if (previous != null) {
            SortedSet<String> remaining = tagsByDigest.get(previous);
            remaining.remove(tag);
            if (remaining.isEmpty()) {
                tagsByDigest.remove(previous);
            }
            changed.run();
        }
    }

    /** Deletes the image and every tag naming it. */
    public void remove(Digest digest) {
        for (String tag : List.copyOf(tagsOf(digest))) {
            untag(tag);
        }
        byDigest.remove(digest);
        changed.run();
    }

    /** Every image, by digest. */
    public List<ImageRecord> all() {
        return new ArrayList<>(byDigest.values());
    }

    public int count() {
        return byDigest.size();
    }

    public boolean isEmpty() {
        return byDigest.isEmpty();
    }

    /** Every tag with its image, sorted by tag. */
    public SortedSet<String> allTags() {
        return new TreeSet<>(tags.keySet());
    }

    /** Whether an image index of this repository lists the image; such an image can't be deleted alone. */
    public boolean isReferencedByIndex(Digest digest) {
        for (ImageRecord image : byDigest.values()) {
            for (ImageManifest.Descriptor child : image.manifest().manifests()) {
                if (child.digest().equals(digest)) {
                    return true;
                }
            }
        }
        return false;
    }
}
