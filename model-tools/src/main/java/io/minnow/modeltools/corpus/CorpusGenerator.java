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

    public CorpusGenerator(DeviceManual manual, Phrasings phrasings) {
        this.manual = manual;
        this.phrasings = phrasings;
        manual.facts().forEach(f -> phrasings.frames(f.kind()));
        manual.logCategories().forEach(c -> phrasings.logTemplates(c.name()));
    }

    public Corpus generate(CorpusSpec spec) {
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
            MaintenanceFact f = pick(manual.facts(), trainRandom);
            Example e = manualExample(f, pick(f.topics(), trainRandom), pick(phrasings.frames(f.kind()).train(), trainRandom));
            train.add(noisy(e, spec.noise(), trainRandom));
        }
        for (int i = 0; i < spec.logTrain(); i++) {
            train.add(noisy(logExample(pick(manual.logCategories(), trainRandom), false, trainRandom), spec.noise(), trainRandom));
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
        String time = String.format(Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
        return Example.of(Task.LOG, time + " " + message, category.name());
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
