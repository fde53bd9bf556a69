package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.dashboard.classroom.Limits;
import dev.ecslabs.dashboard.classroom.ResultEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The learners of one classroom: joining (one learner per name), finding a learner by their
 * secret, taking their results, and the instructor's corrections (rename, merge, remove). Changes
 * are serialized on the roster (a room's few requests a second need no finer locking) and each
 * bumps {@link #version()}, which the saver and the live pages follow.
 */
final class Roster {
    private final Map<String, Learner> byName = new HashMap<>();
    private final Map<String, String> nameBySecretHash = new HashMap<>();
    private final Set<String> exercises;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong();

    Roster(Set<String> exercises, Clock clock, Collection<Learner> saved) {
        this.exercises = Set.copyOf(exercises);
        this.clock = clock;
        for (Learner learner : saved) {
            byName.put(learner.name().key(), learner);
            learner.secretHashes().forEach(hash -> nameBySecretHash.put(hash, learner.name().key()));
        }
    }

    /**
     * Lets a learner in under a name nobody else has. A tool that joins again with a secret the
     * classroom knows is that learner, whatever name it gives (a join whose answer was lost, or a
     * row the instructor renamed).
     */
    synchronized Learner join(LearnerName name, String secret) {
        String hash = Secrets.hash(secret);
        String known = nameBySecretHash.get(hash);
        if (known != null) {
            return byName.get(known);
        }
        Learner existing = byName.get(name.key());
        if (existing != null) {
            throw new Refusal(409, "Someone in this classroom already joined as '" + existing.name()
                    + "': choose another name, for example '" + name + " 2'. If that row is yours (from another laptop "
                    + "or another copy of the course), join as '" + name + " 2' and ask the instructor to merge the two rows.");
        }
        if (byName.size() >= Limits.LEARNERS) {
            throw new Refusal(409, "This classroom is full: it takes " + Limits.LEARNERS + " learners.");
        }
        Learner learner = Learner.joined(name, hash, newAccount(), clock.instant());
        byName.put(name.key(), learner);
        nameBySecretHash.put(hash, name.key());
        version.incrementAndGet();
        return learner;
    }

    /** Whether this name would be a new learner's (no one has it). */
    synchronized boolean isFree(LearnerName name) {
        return !byName.containsKey(name.key());
    }

    /** Whether a tool with this secret has joined. */
    synchronized boolean knows(String secret) {
        return nameBySecretHash.containsKey(Secrets.hash(secret));
    }

    /** The learner whose tool holds this secret. */
    synchronized Optional<Learner> bySecret(String secret) {
        return Optional.ofNullable(nameBySecretHash.get(Secrets.hash(secret))).map(byName::get);
    }

    /** Takes the events of the tool holding {@code secret}, exactly once each; an empty batch says the tool is still there. */
    synchronized Learner.Taken take(String secret, List<ResultEvent> events) {
        String hash = Secrets.hash(secret);
        Learner current = Optional.ofNullable(nameBySecretHash.get(hash)).map(byName::get)
                .orElseThrow(() -> new Refusal(401, "This classroom does not know you any more: join again."));
        Instant now = clock.instant();
        // a tool heard from again after a while changes the page (connected again), as a result does
        boolean back = Duration.between(current.lastSeen(), now).compareTo(Limits.CONNECTED_WITHIN) > 0;
        Learner.Taken taken = current.take(hash, events, exercises, now);
        byName.put(current.name().key(), taken.learner());
        if (taken.applied() + taken.ignored() > 0 || back) {
            version.incrementAndGet();
        }
        return taken;
    }

    /** Gives a row another name; the learner's tool keeps writing to it. */
    synchronized void rename(LearnerName from, LearnerName to) {
        Learner learner = require(from);
        if (!from.key().equals(to.key()) && byName.containsKey(to.key())) {
            throw new IllegalArgumentException("There is a row named '" + byName.get(to.key()).name()
                    + "' already: merge the two rows instead.");
        }
        byName.remove(from.key());
        byName.put(to.key(), learner.renamed(to));
        learner.secretHashes().forEach(hash -> nameBySecretHash.put(hash, to.key()));
        version.incrementAndGet();
    }

    /** Merges one row into another: results together, and both tools write to the one row from now on. */
    synchronized void merge(LearnerName from, LearnerName into) {
        Learner source = require(from);
        Learner target = require(into);
        if (source == target) {
            throw new IllegalArgumentException("'" + from + "' and '" + into + "' are the same row.");
        }
        byName.remove(from.key());
        byName.put(into.key(), target.absorb(source));
        source.secretHashes().forEach(hash -> nameBySecretHash.put(hash, into.key()));
        version.incrementAndGet();
    }

    /** Removes a row; a tool still running with its secret is told it is not known, and joins again. */
    synchronized void remove(LearnerName name) {
        Learner learner = require(name);
        byName.remove(name.key());
        learner.secretHashes().forEach(nameBySecretHash::remove);
        version.incrementAndGet();
    }

    private Learner require(LearnerName name) {
        Learner learner = byName.get(name.key());
        if (learner == null) {
            throw new IllegalArgumentException("No learner is named '" + name + "' in this classroom; the names are on "
                    + "the classroom's page.");
        }
        return learner;
    }

    /** Every learner, by name. */
    synchronized List<Learner> learners() {
        return byName.values().stream().sorted(Comparator.comparing(l -> l.name().key())).toList();
    }

    /** Counts every change; read it before reading the learners to know what a snapshot holds at least. */
    long version() {
        return version.get();
    }

    private String newAccount() {
        Set<String> taken = new HashSet<>();
        byName.values().forEach(l -> taken.add(l.account()));
        String account;
        do {
            account = Secrets.newAccountId();
        } while (taken.contains(account));
        return account;
    }
}
