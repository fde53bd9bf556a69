package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.classroom.Limits;
import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.dashboard.classroom.ResultEvent;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The learners of one classroom: joining (one learner per name), finding a learner by their
 * secret, and taking their results. Each change is atomic per learner and bumps {@link #version()},
 * which the saver and the live pages follow.
 */
final class Roster {
    private final Map<String, Learner> byName = new ConcurrentHashMap<>();
    private final Map<String, String> nameBySecretHash = new ConcurrentHashMap<>();
    private final Set<String> exercises;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong();

    Roster(Set<String> exercises, Clock clock, Collection<Learner> saved) {
        this.exercises = Set.copyOf(exercises);
        this.clock = clock;
        for (Learner learner : saved) {
            byName.put(learner.name().key(), learner);
            nameBySecretHash.put(learner.secretHash(), learner.name().key());
        }
    }

    /**
     * Lets a learner in under a name nobody else has; joining again with the same name and secret is
     * the same learner (a join whose answer was lost on the way is simply sent again).
     */
    Learner join(LearnerName name, String secret) {
        String hash = Secrets.hash(secret);
        AtomicReference<Refusal> refused = new AtomicReference<>();
        Learner learner = byName.compute(name.key(), (key, existing) -> {
            if (existing != null) {
                if (!Secrets.hashMatches(existing.secretHash(), secret)) {
                    refused.set(new Refusal(409, "Someone in this classroom already joined as '" + existing.name()
                            + "': choose another name, for example '" + name + " 2'."));
                }
                return existing;
            }
            if (byName.size() >= Limits.LEARNERS) {
                refused.set(new Refusal(409, "This classroom is full: it takes " + Limits.LEARNERS + " learners."));
                return null;
            }
            return Learner.joined(name, hash, newAccount(), clock.instant());
        });
        if (refused.get() != null) {
            throw refused.get();
        }
        if (nameBySecretHash.putIfAbsent(hash, name.key()) == null) {
            version.incrementAndGet();
        }
        return learner;
    }

    /** The learner whose tool holds this secret. */
    Optional<Learner> bySecret(String secret) {
        return Optional.ofNullable(nameBySecretHash.get(Secrets.hash(secret))).map(byName::get);
    }

    /** Takes a learner's events, exactly once each. */
    Learner.Taken take(Learner learner, List<ResultEvent> events) {
        AtomicReference<Learner.Taken> taken = new AtomicReference<>();
        byName.computeIfPresent(learner.name().key(), (key, current) -> {
            Learner.Taken result = current.take(events, exercises, clock.instant());
            taken.set(result);
            return result.learner();
        });
        if (taken.get() == null) {
            throw new Refusal(401, "This classroom does not know you any more: join again.");
        }
        if (taken.get().applied() + taken.get().ignored() > 0) {
            version.incrementAndGet();
        }
        return taken.get();
    }

    /** Every learner, by name. */
    List<Learner> learners() {
        return byName.values().stream().sorted(Comparator.comparing(l -> l.name().key())).toList();
    }

    /** Counts every change; read it before reading the learners to know what a snapshot holds at least. */
    long version() {
        return version.get();
    }

    private String newAccount() {
        Set<String> taken = new java.util.HashSet<>();
        byName.values().forEach(l -> taken.add(l.account()));
        String account;
        do {
            account = Secrets.newAccountId();
        } while (taken.contains(account));
        return account;
    }
}
