package io.lpmos.console.boottree;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Answers the boot tree's questions from a script, as an operator would, and records what was asked.
 * An unexpected question fails the test.
 */
public final class ScriptedDialogs implements BootTreeDialogs {
    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();

    /** Queues the next answer: a {@link ClashDecision}, a Boolean (delete?) or a String / null (new name). */
    public ScriptedDialogs answer(Object answer) {
        answers.add(answer == null ? Optional.empty() : answer);
        return this;
    }

    /** The questions asked so far, e.g. {@code clash kernel.img}. */
    public List<String> asked() {
        return asked;
    }

    private Object next(String question) {
        asked.add(question);
        if (answers.isEmpty()) {
            throw new AssertionError("unexpected question: " + question);
        }
        return answers.poll();
    }

    @Override
    public ClashDecision askClash(Path existing, boolean existingIsFolder) {
        return (ClashDecision) next("clash " + existing.getFileName());
    }

    @Override
    public boolean confirmDelete(Path path, boolean folder) {
        return (Boolean) next("delete " + path.getFileName());
    }

    @Override
    public Optional<String> askNewName(Path path) {
        Object answer = next("rename " + path.getFileName());
        return answer instanceof String name ? Optional.of(name) : Optional.empty();
    }
}
