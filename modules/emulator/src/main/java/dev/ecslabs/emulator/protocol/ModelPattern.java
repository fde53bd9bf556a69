package dev.ecslabs.emulator.protocol;

import dev.ecslabs.emulator.protocol.ModelPatternParser.Alternation;
import dev.ecslabs.emulator.protocol.ModelPatternParser.Chars;
import dev.ecslabs.emulator.protocol.ModelPatternParser.End;
import dev.ecslabs.emulator.protocol.ModelPatternParser.Lookahead;
import dev.ecslabs.emulator.protocol.ModelPatternParser.Node;
import dev.ecslabs.emulator.protocol.ModelPatternParser.Repeat;
import dev.ecslabs.emulator.protocol.ModelPatternParser.Sequence;
import dev.ecslabs.emulator.protocol.ModelPatternParser.Start;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A model's {@code pattern} compiled to an automaton that answers "does the pattern occur in this
 * text?" (the unanchored search AWS's validators do) in one pass over the text, whatever the
 * pattern: a lazily built DFA over the Thompson automaton of the pattern, so a 1 MiB string costs
 * about a millisecond and no input can make it backtrack. {@code java.util.regex} backtracks: the
 * ECR digest pattern {@code [a-zA-Z0-9-_+.]+:[a-fA-F0-9]+} took 23 s on 40,000 characters.
 */
public final class ModelPattern {
    /** Past this many cached DFA states the cache starts afresh; memory stays bounded, time linear. */
    private static final int MAX_STATES = 2_000;
    private static final int MAX_INSTRUCTIONS = 200_000;

    private static final int CHAR = 0;
    private static final int SPLIT = 1;
    private static final int JUMP = 2;
    private static final int START = 3;
    private static final int END = 4;
    private static final int LOOK = 5;
    private static final int MATCH = 6;

    private final String source;
    private final boolean anchored;
    private final List<int[]> program = new ArrayList<>(); // {op, next, alternative}
    private final List<IntPredicate> sets = new ArrayList<>();
    private final List<ModelPattern> lookaheads = new ArrayList<>();
    private final List<Boolean> negative = new ArrayList<>();
    private final int entry;
    private final Map<Kernel, State> states = new HashMap<>();
    /** Work space of {@link #closure}, kept between calls (under the lock of {@link #find}) so that building a state allocates only its result. */
    private int[] visited = new int[0];
    private int[] kept = new int[0];
    private int[] stack = new int[0];
    private int epoch;
    private State start;
    private int generation;

    private ModelPattern(String source, Node root, boolean anchored) {
        this.source = source;
        this.anchored = anchored;
        int match = emit(MATCH, -1, -1);
        this.entry = compile(root, match);
    }

    /** Compiles an ECMA-262 pattern of a service model; refuses syntax that only a backtracking engine could match. */
    public static ModelPattern compile(String regex) {
        return new ModelPattern(regex, ModelPatternParser.parse(regex), false);
    }

    public String source() {
        return source;
    }

    /** Whether the pattern occurs anywhere in {@code text}, as {@code Pattern.compile(p).matcher(text).find()}. */
    public synchronized boolean find(CharSequence text) {
        int length = text.length();
        State state;
        if (lookaheads.isEmpty() && length > 0) {
            if (start == null || start.epoch != epoch) {
                start = state(closure(new int[] {entry}, true, false, text));
            }
            state = start; // without lookaheads, where a search starts does not depend on the text
        } else {
            state = state(closure(new int[] {entry}, true, length == 0, text));
        }
        if (state.match) {
            return true;
        }
        for (int i = 0; i < length; ) {
            int c = Character.codePointAt(text, i);
            i += Character.charCount(c);
            state = step(state, c);
            if (state.match) {
                return true;
            }
            if (state.kernel.pcs.length == 0) {
                return false; // no thread is alive, and none can start again (a search restarts in every state)
            }
        }
        if (state.matchAtEnd == null) {
            state.matchAtEnd = containsMatch(closure(state.kernel.pcs, false, true, text));
        }
        return state.matchAtEnd;
    }

    private State step(State state, int c) {
        State next = c < 128 ? state.ascii[c] : c == state.lastOther ? state.lastOtherNext : state.other.get(c);
        if (next != null) {
            return next;
        }
        int[] seeds = new int[state.kernel.pcs.length + 1];
        int count = 0;
        for (int pc : state.kernel.pcs) {
            int[] op = program.get(pc);
            if (op[0] == CHAR && sets.get(op[2]).test(c)) {
                seeds[count++] = op[1];
            }
        }
        if (!anchored) {
            seeds[count++] = entry; // an unanchored search may start at every position
        }
        next = state(closure(Arrays.copyOf(seeds, count), false, false, null));
        if (state.epoch != epoch) {
            return next; // the cache was reset since this state was made: do not link the old states to the new ones
        }
        if (c < 128) {
            state.ascii[c] = next;
        } else {
            if (state.other.size() < 256) {
                state.other.put(c, next);
            }
            state.lastOther = c; // text in one script repeats its characters: skip the map's boxing for them
            state.lastOtherNext = next;
        }
        return next;
    }

    /**
     * The instructions reachable from {@code seeds} without reading a character. {@code ^} holds only
     * at position 0 and {@code $} only at the end; a lookahead is tried on the text at position 0
     * (the parser allows no other place), and elsewhere only one whose body starts with {@code ^}
     * can be reached, and it fails there.
     */
    private int[] closure(int[] seeds, boolean atStart, boolean atEnd, CharSequence text) {
        if (visited.length < program.size()) {
            visited = new int[program.size()];
            kept = new int[program.size()];
        }
        if (stack.length < 2 * program.size() + seeds.length + 1) {
            stack = new int[2 * program.size() + seeds.length + 1];
        }
        generation++;
        int top = 0;
        for (int seed : seeds) {
            stack[top++] = seed;
        }
        int count = 0;
        while (top > 0) {
            int pc = stack[--top];
            if (visited[pc] == generation) {
                continue;
            }
            visited[pc] = generation;
            int[] op = program.get(pc);
            switch (op[0]) {
                case CHAR, MATCH -> kept[count++] = pc;
                case SPLIT -> {
                    stack[top++] = op[2];
                    stack[top++] = op[1];
                }
                case JUMP -> stack[top++] = op[1];
                case START -> {
                    if (atStart) {
                        stack[top++] = op[1];
                    }
                }
                case END -> {
                    if (atEnd) {
                        stack[top++] = op[1];
                    } else {
                        kept[count++] = pc; // may hold once the text has ended
                    }
                }
                case LOOK -> {
                    boolean found = atStart && lookaheads.get(op[2]).find(text);
                    if (found != negative.get(op[2])) {
                        stack[top++] = op[1];
                    }
                }
                default -> throw new IllegalStateException("Unknown instruction " + op[0]);
            }
        }
        int[] pcs = Arrays.copyOf(kept, count);
        Arrays.sort(pcs);
        return pcs;
    }

    private boolean containsMatch(int[] pcs) {
        for (int pc : pcs) {
            if (program.get(pc)[0] == MATCH) {
                return true;
            }
        }
        return false;
    }

    private State state(int[] pcs) {
        Kernel kernel = new Kernel(pcs);
        State state = states.get(kernel);
        if (state == null) {
            if (states.size() >= MAX_STATES) {
                states.clear();
                epoch++;
            }
            state = new State(kernel, containsMatch(pcs), epoch);
            states.put(kernel, state);
        }
        return state;
    }

    private int compile(Node node, int next) {
        if (node instanceof Chars chars) {
            sets.add(chars.set());
            return emit(CHAR, next, sets.size() - 1);
        }
        if (node instanceof Sequence sequence) {
            for (int i = sequence.items().size() - 1; i >= 0; i--) {
                next = compile(sequence.items().get(i), next);
            }
            return next;
        }
        if (node instanceof Alternation alternation) {
            List<Node> branches = alternation.branches();
            int entryPc = compile(branches.get(branches.size() - 1), next);
            for (int i = branches.size() - 2; i >= 0; i--) {
                entryPc = emit(SPLIT, compile(branches.get(i), next), entryPc);
            }
            return entryPc;
        }
        if (node instanceof Repeat repeat) {
            int entryPc;
            if (repeat.max() < 0) {
                int loop = emit(SPLIT, -1, next);
                program.get(loop)[1] = compile(repeat.node(), loop);
                entryPc = loop;
            } else {
                entryPc = next;
                for (int i = repeat.min(); i < repeat.max(); i++) {
                    entryPc = emit(SPLIT, compile(repeat.node(), entryPc), next);
                }
            }
            for (int i = 0; i < repeat.min(); i++) {
                entryPc = compile(repeat.node(), entryPc);
            }
            return entryPc;
        }
        if (node instanceof Start) {
            return emit(START, next, -1);
        }
        if (node instanceof End) {
            return emit(END, next, -1);
        }
        if (node instanceof Lookahead look) {
            lookaheads.add(new ModelPattern(source, look.body(), true));
            negative.add(look.negative());
            return emit(LOOK, next, lookaheads.size() - 1);
        }
        throw new IllegalStateException("Unknown pattern node " + node);
    }

    private int emit(int op, int next, int argument) {
        if (program.size() >= MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("The model pattern " + source + " is too large to compile");
        }
        program.add(new int[] {op, next, argument});
        return program.size() - 1;
    }

    @Override
    public String toString() {
        return source;
    }

    /** The instructions a DFA state stands for: those that read a character, wait for the end, or match. */
    private record Kernel(int[] pcs) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Kernel kernel && Arrays.equals(pcs, kernel.pcs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(pcs);
        }
    }

    private static final class State {
        final Kernel kernel;
        final boolean match;
        final State[] ascii = new State[128];
        final Map<Integer, State> other = new HashMap<>();
        int lastOther = -1;
        State lastOtherNext;
        final int epoch;
        Boolean matchAtEnd;

        State(Kernel kernel, boolean match, int epoch) {
            this.kernel = kernel;
            this.match = match;
            this.epoch = epoch;
        }
    }
}
