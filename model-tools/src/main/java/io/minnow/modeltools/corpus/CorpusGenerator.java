package io.minnow.modeltools.corpus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates the default model's corpus from the device manual and the phrasings. The same manual, phrasings
 * and spec always give the same corpus. Held-out wordings (error forms, question frames, log templates, user
 * names) appear only in the evaluation set, and no held-out status reading appears in training.
 * Stateless and thread-safe.
 */
public final class CorpusGenerator {

    private final DeviceManual manual;
    private final Phrasings phrasings;
    private final HeldOutWordings heldOut;
    private final List<String> freeWords;

    private static final java.util.regex.Pattern SLOT = java.util.regex.Pattern.compile("\\{([a-z0-9]+)\\}");

    /** In the compositional corpus, the share of log lines still drawn from the training templates. */
    private static final double TEMPLATE_SHARE = 0.25;

    public CorpusGenerator(DeviceManual manual, Phrasings phrasings) {
        this.manual = manual;
        this.phrasings = phrasings;
        this.heldOut = new HeldOutWordings(phrasings);
        this.freeWords = FreeQuestionWords.of(manual, phrasings);
        manual.facts().forEach(f -> phrasings.frames(f.kind()));
        manual.logCategories().forEach(c -> phrasings.logTemplates(c.name()));
    }

    /**
     * The corpus {@code spec} asks for. Throws if a compositional corpus is asked of phrasings without log
     * keywords and shapes for every category.
     */
    public Corpus generate(CorpusSpec spec) {
        if (spec.compositional()) {
            if (phrasings.logShapes().isEmpty()) {
                throw new IllegalArgumentException("a compositional corpus needs log shapes in the phrasings");
            }
            manual.logCategories().forEach(c -> phrasings.logKeywords(c.name()));
        }
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom trainRandom = root.split();
        SplittableRandom evalRandom = root.split();
        List<Example> train = new ArrayList<>();
        TelemetrySampler trainTelemetry = new TelemetrySampler(manual.sensors(), trainRandom.split());
        Set<String> trainReadings = new HashSet<>();
        for (int i = 0; i < spec.statusTrain(); i++) {
            Example e = trainTelemetry.next();
            trainReadings.add(e.prompt());
            train.add(e);
        }
        for (int i = 0; i < spec.errorTrain(); i++) {
            Example e = errorExample(pick(manual.errorCodes(), trainRandom), pick(phrasings.errorForms().train(), trainRandom));
            train.add(noisy(e, spec.noise(), trainRandom));
        }
        for (int i = 0; i < spec.manualTrain(); i++) {
            if (spec.freeQuestions() > 0 && trainRandom.nextDouble() < spec.freeQuestions()) {
                train.add(unseen(() -> freeQuestion(trainRandom)));
            } else {
                train.add(spec.compositional() ? unseen(() -> noisy(manualExample(trainRandom, true), spec.noise(), trainRandom))
                        : noisy(manualExample(trainRandom, false), spec.noise(), trainRandom));
            }
        }
        for (int i = 0; i < spec.logTrain(); i++) {
            LogCategory category = pick(manual.logCategories(), trainRandom);
            if (spec.compositional() && trainRandom.nextDouble() >= TEMPLATE_SHARE) {
                train.add(unseen(() -> noisy(composedLogExample(category, trainRandom), spec.noise(), trainRandom)));
            } else {
                train.add(noisy(logExample(category, false, trainRandom), spec.noise(), trainRandom));
            }
        }
        shuffle(train, trainRandom);

        List<Example> eval = new ArrayList<>();
        TelemetrySampler evalTelemetry = new TelemetrySampler(manual.sensors(), evalRandom.split());
        while (eval.size() < spec.statusEval()) {
            Example e = evalTelemetry.next();
            if (!trainReadings.contains(e.prompt())) {
                eval.add(e);
            }
        }
        for (ErrorCode code : manual.errorCodes()) {
            for (String form : phrasings.errorForms().heldOut()) {
                eval.add(errorExample(code, form));
            }
        }
        for (MaintenanceFact f : manual.facts()) {
            for (String topic : f.topics()) {
                for (String frame : phrasings.frames(f.kind()).heldOut()) {
                    eval.add(manualExample(f, topic, frame));
                }
            }
        }
        for (int i = 0; i < spec.logEval(); i++) {
            eval.add(logExample(manual.logCategories().get(i % manual.logCategories().size()), true, evalRandom));
        }
        return new Corpus(train, eval);
    }

    /**
     * With probability {@code noise}, the example's input wrapped in one to three filler words before and/or
     * after it (and sometimes a unit number), so position and neighbours stop being cues.
     */
    private Example noisy(Example e, double noise, SplittableRandom random) {
        if (noise == 0 || random.nextDouble() >= noise || phrasings.filler().isEmpty()) {
            return e;
        }
        String input = e.prompt().substring(e.task().marker().length(), e.prompt().length() - Task.ANSWER.length());
        int where = random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        if (where != 1) {
            sb.append(fillerWords(random)).append(random.nextInt(4) == 0 ? ": " : " ");
        }
        sb.append(input);
        if (where != 0) {
            sb.append(random.nextInt(3) == 0 ? ", " : " ").append(fillerWords(random));
        }
        return Example.of(e.task(), sb.toString(), e.answer());
    }

    private String fillerWords(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(random.nextInt(6) == 0 ? "unit " + (1 + random.nextInt(40)) : pick(phrasings.filler(), random));
        }
        return sb.toString();
    }

    /** Draws until the example's input contains no held-out wording (the random stream makes this seeded). */
    private Example unseen(java.util.function.Supplier<Example> draw) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            Example e = draw.get();
            if (!heldOut.contains(e.prompt())) {
                return e;
            }
        }
        throw new IllegalStateException("the phrasings keep spelling held-out wordings; 1000 draws in a row were held out");
    }

    /**
     * A training question. In the compositional corpus, some questions get a word from {@code questionTails}
     * after the topic or at the end, so an unseen word next to the topic does not decide the answer.
     */
    private Example manualExample(SplittableRandom random, boolean compositional) {
        MaintenanceFact f = pick(manual.facts(), random);
        String topic = pick(f.topics(), random);
        if (!compositional) {
            return manualExample(f, topic, pick(phrasings.frames(f.kind()).train(), random));
        }
        String frame = pick(phrasings.allTrainFrames(f.kind()), random);
        if (!phrasings.questionTails().isEmpty()) {
            double r = random.nextDouble();
            if (r < 0.3) {
                frame = frame.replace("{topic}", "{topic} " + pick(phrasings.questionTails(), random));
            } else if (r < 0.5) {
                frame = frame + " " + pick(phrasings.questionTails(), random);
            }
        }
        return manualExample(f, topic, frame);
    }

    /**
     * A free-form question: a topic with zero to three words of {@link FreeQuestionWords} before it and zero
     * to three after it, sometimes with a question mark. Nothing but the topic tells the fact.
     */
    private Example freeQuestion(SplittableRandom random) {
        MaintenanceFact f = pick(manual.facts(), random);
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            sb.append(pick(freeWords, random)).append(' ');
        }
        sb.append(pick(f.topics(), random));
        for (int i = random.nextInt(4); i > 0; i--) {
            sb.append(' ').append(pick(freeWords, random));
        }
        if (random.nextInt(3) == 0) {
            sb.append('?');
        }
        return manualExample(f, sb.toString(), "{topic}");
    }

    /**
     * A log line of {@code category} composed from its keyword phrases in a category-neutral shape; a shape
     * with two slots gets two different phrases of the same category.
     */
    private Example composedLogExample(LogCategory category, SplittableRandom random) {
        List<String> keywords = phrasings.logKeywords(category.name());
        String first = pick(keywords, random);
        String second = pick(keywords, random);
        while (keywords.size() > 1 && second.equals(first)) {
            second = pick(keywords, random);
        }
        String shape = pick(phrasings.logShapes(), random);
        return Example.of(Task.LOG, timeStamp(random) + " " + fill(shape.replace("{kw2}", second).replace("{kw}", first), random),
                category.name());
    }

    private static Example errorExample(ErrorCode code, String form) {
        String input = form.replace("{code}", code.code())
                .replace("{nn}", String.format(Locale.ROOT, "%02d", code.number()))
                .replace("{num}", Integer.toString(code.number()));
        return Example.of(Task.ERROR_CODE, input, code.answer());
    }

    private static Example manualExample(MaintenanceFact fact, String topic, String frame) {
        String question = frame.replace("{topic}", topic);
        return Example.of(Task.MANUAL, Character.toUpperCase(question.charAt(0)) + question.substring(1), fact.answer());
    }

    private Example logExample(LogCategory category, boolean heldOut, SplittableRandom random) {
        String template = pick(phrasings.logTemplates(category.name()).pick(heldOut), random);
        List<String> users = heldOut ? phrasings.heldOutUsers() : phrasings.users();
        String message = template
                .replace("{n}", Integer.toString(1 + random.nextInt(99)))
                .replace("{x}", String.format(Locale.ROOT, "%.1f", (1 + random.nextInt(150)) / 10.0))
                .replace("{v}", Integer.toString(170 + random.nextInt(111)))
                .replace("{code}", pick(manual.errorCodes(), random).code())
                .replace("{user}", pick(users, random));
        return Example.of(Task.LOG, timeStamp(random) + " " + message, category.name());
    }

    /** Placeholders filled left to right, each occurrence with its own value (two {n} in a line differ). */
    private String fill(String text, SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        java.util.regex.Matcher m = SLOT.matcher(text);
        int last = 0;
        while (m.find()) {
            sb.append(text, last, m.start()).append(switch (m.group(1)) {
                case "n" -> Integer.toString(1 + random.nextInt(99));
                case "x" -> String.format(Locale.ROOT, "%.1f", (1 + random.nextInt(150)) / 10.0);
                case "v" -> Integer.toString(170 + random.nextInt(111));
                case "code" -> pick(manual.errorCodes(), random).code();
                case "user" -> pick(phrasings.users(), random);
                default -> throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in log wording: " + text);
            });
            last = m.end();
        }
        return sb.append(text, last, text.length()).toString();
    }

    private static String timeStamp(SplittableRandom random) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
    }

    private static <T> T pick(List<T> items, SplittableRandom random) {
        return items.get(random.nextInt(items.size()));
    }

    private static <T> void shuffle(List<T> items, SplittableRandom random) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = items.get(i);
            items.set(i, items.get(j));
            items.set(j, t);
        }
    }
}
