package io.minnow.modeltools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.modeltools.corpus.Task;
import org.junit.jupiter.api.Test;

class TaskScorerTest {

    final TaskScorer scorer = new TaskScorer();

    @Test
    void statusNeedsTheSeverityAndEveryReasonInOrder() {
        String ref = "CRITICAL: pressure low 0.7 bar (limit 1.0); level low 12 % (limit 15)";
        assertThat(scorer.correct(Task.STATUS, ref, ref)).isTrue();
        assertThat(scorer.correct(Task.STATUS, ref, "CRITICAL: pressure low 0.8 bar (limit 1.0); level low 12 % (limit 15)"))
                .as("a miscopied value is still the right status and reasons").isTrue();
        assertThat(scorer.correct(Task.STATUS, ref, "WARN: pressure low 0.7 bar (limit 1.0); level low 12 % (limit 15)")).isFalse();
        assertThat(scorer.correct(Task.STATUS, ref, "CRITICAL: pressure low 0.7 bar (limit 1.0)")).isFalse();
        assertThat(scorer.correct(Task.STATUS, ref, "CRITICAL: pressure high 0.7 bar (limit 1.0); level low 12 % (limit 15)")).isFalse();
        assertThat(scorer.correct(Task.STATUS, "OK: all readings normal", "OK: all readings normal")).isTrue();
        assertThat(scorer.correct(Task.STATUS, "OK: all readings normal", "garbage")).isFalse();
    }

    @Test
    void otherTasksNeedTheWholeAnswer() {
        assertThat(scorer.correct(Task.LOG, "electrical", "electrical")).isTrue();
        assertThat(scorer.correct(Task.LOG, "electrical", "electric")).isFalse();
        assertThat(scorer.correct(Task.ERROR_CODE, "E01 dry run: x. Action: y.", "E01 dry run: x. Action: z.")).isFalse();
    }
}
