package io.minnow.modeltools.corpus;

import java.util.List;

/**
 * The default model's four tasks. Each has a prompt template, as {@code model.json} publishes it: a marker
 * token, the slot the caller fills, then {@link #ANSWER}. The corpus trains on exactly these strings.
 */
public enum Task {
    STATUS("status", "reading"),
    ERROR_CODE("error_code", "code"),
    MANUAL("manual", "question"),
    LOG("log", "line");

    /** Ends every training example; generation stops on it. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    /** Separates the filled prompt from the answer. */
    public static final String ANSWER = "<|answer|>";

    private final String templateName;
    private final String slot;

    Task(String templateName, String slot) {
        this.templateName = templateName;
        this.slot = slot;
    }

    /** The template's name in {@code model.json}, e.g. {@code status}. */
    public String templateName() {
        return templateName;
    }

    /** The placeholder the caller fills, e.g. {@code reading}. */
    public String slot() {
        return slot;
    }

    /** The marker token that opens this task's prompts, e.g. {@code <|status|>}. */
    public String marker() {
        return "<|" + templateName + "|>";
    }

    /** The template text with its placeholder, e.g. {@code <|status|>{{reading}}<|answer|>}. */
    public String template() {
        return marker() + "{{" + slot + "}}" + ANSWER;
    }

    /** The prompt for one slot value. */
    public String prompt(String value) {
        return marker() + value + ANSWER;
    }

    /** Every special token the prompt format uses, end-of-text first (it gets id 0). */
    public static List<String> specialTokens() {
        return List.of(END_OF_TEXT, ANSWER, STATUS.marker(), ERROR_CODE.marker(), MANUAL.marker(), LOG.marker());
    }
}
