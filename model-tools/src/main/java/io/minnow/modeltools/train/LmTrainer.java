package io.minnow.modeltools.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link GptConfig} model on tokenized sequences with DJL on PyTorch (CPU): seeded batches, masked
 * next-token cross-entropy, AdamW. The arrays of each step live in a sub-manager that stays open until the
 * update has run, because arrays made from Java arrays share their memory with autograd (PLATFORM-NOTES).
 * Not thread-safe; one training run at a time per JVM (PyTorch allows one gradient collector).
 */
public final class LmTrainer {

    private final TrainingRecipe recipe;
    private final int padId;
    private final int reportEvery;

    /**
     * @param padId the id padding uses (any id: padded positions carry no loss and, being after the real
     *     tokens, are never attended to)
     * @param reportEvery steps between progress reports
     */
    public LmTrainer(TrainingRecipe recipe, int padId, int reportEvery) {
        if (reportEvery <= 0) {
            throw new IllegalArgumentException("reportEvery must be positive, got " + reportEvery);
        }
        this.recipe = recipe;
        this.padId = padId;
        this.reportEvery = reportEvery;
    }

    /** Trains from {@code initial} and returns the final weights. */
    public GptWeights train(GptWeights initial, List<TrainingSequence> data, Consumer<TrainingProgress> progress) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no training sequences");
        }
        int context = initial.config().contextLength();
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).ids().length > context + 1) {
                throw new IllegalArgumentException("training sequence " + i + " has " + data.get(i).ids().length
                        + " tokens, more than the context of " + context + " + 1");
            }
        }
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) recipe.seed());
        SplittableRandom random = new SplittableRandom(recipe.seed());
        Tracker lr = Tracker.warmUp()
                .optWarmUpSteps(recipe.warmupSteps())
                .optWarmUpBeginValue(recipe.learningRate() / 100)
                .setMainTracker(Tracker.cosine().setBaseValue(recipe.learningRate())
                        .optFinalValue(recipe.learningRate() / 10).setMaxUpdates(recipe.steps()).build())
                .build();
        Optimizer decayed = Optimizer.adamW().optLearningRateTracker(lr).optBeta1(0.9f).optBeta2(0.99f)
                .optWeightDecays(recipe.weightDecay()).build();
        Optimizer plain = Optimizer.adamW().optLearningRateTracker(lr).optBeta1(0.9f).optBeta2(0.99f)
                .optWeightDecays(0f).build();

        try (NDManager root = engine.newBaseManager(); DjlGpt model = new DjlGpt(initial, root, true)) {
            int[] order = shuffled(data.size(), random);
            int cursor = 0;
            long started = System.nanoTime();
            long windowStart = started;
            double windowLoss = 0;
            long windowCounted = 0;
            long windowTokens = 0;
            for (int step = 1; step <= recipe.steps(); step++) {
                List<TrainingSequence> rows = new ArrayList<>(recipe.batchSize());
                for (int r = 0; r < recipe.batchSize(); r++) {
                    if (cursor == order.length) {
                        order = shuffled(data.size(), random);
                        cursor = 0;
                    }
                    rows.add(data.get(order[cursor++]));
                }
                Batch batch = Batch.of(rows, padId);
                try (NDManager stepManager = root.newSubManager()) {
                    float loss;
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray lossArray = loss(model, batch, stepManager);
                        collector.backward(lossArray);
                        loss = lossArray.getFloat();
                    }
                    for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                        NDArray grad = e.getValue().getGradient();
                        (decays(e.getKey()) ? decayed : plain).update(e.getKey(), e.getValue(), grad);
                        grad.subi(grad);
                        grad.close();
                    }
                    if (!Float.isFinite(loss)) {
                        throw new IllegalStateException("loss became " + loss + " at step " + step
                                + "; lower the learning rate (now " + recipe.learningRate() + ")");
                    }
                    windowLoss += (double) loss * batch.counted();
                    windowCounted += batch.counted();
                    windowTokens += (long) batch.rows() * batch.length();
                }
                if (step % reportEvery == 0 || step == recipe.steps()) {
                    long now = System.nanoTime();
                    double seconds = (now - windowStart) / 1e9;
                    Duration elapsed = Duration.ofNanos(now - started);
                    Duration remaining = elapsed.multipliedBy(recipe.steps() - step).dividedBy(step);
                    progress.accept(new TrainingProgress(step, recipe.steps(), windowLoss / windowCounted,
                            lr.getNewValue(step), windowTokens / seconds, elapsed, remaining));
                    windowStart = now;
                    windowLoss = 0;
                    windowCounted = 0;
                    windowTokens = 0;
                }
            }
            return model.snapshot();
        }
    }

    /**
     * Mean cross-entropy (nats) per counted token of {@code data} under {@code weights}, for held-out
     * perplexity. Runs without gradients, in batches of 32.
     */
    public static double meanLoss(GptWeights weights, List<TrainingSequence> data, int padId) {
        Engine engine = Engine.getEngine("PyTorch");
        double total = 0;
        long counted = 0;
        try (NDManager root = engine.newBaseManager(); DjlGpt model = new DjlGpt(weights, root, false)) {
            for (int from = 0; from < data.size(); from += 32) {
                Batch batch = Batch.of(data.subList(from, Math.min(data.size(), from + 32)), padId);
                try (NDManager m = root.newSubManager()) {
                    total += (double) loss(model, batch, m).getFloat() * batch.counted();
                    counted += batch.counted();
                }
            }
        }
        return total / counted;
    }

    /** Mean cross-entropy over the counted targets of a batch. */
    static NDArray loss(DjlGpt model, Batch batch, NDManager m) {
        Shape shape = new Shape(batch.rows(), batch.length());
        NDArray inputs = m.create(batch.inputs(), shape);
        NDArray targets = m.create(batch.targets(), new Shape(batch.rows(), batch.length(), 1));
        NDArray weights = m.create(batch.weights(), new Shape(batch.rows(), batch.length(), 1));
        NDArray count = m.create((float) Math.max(1, batch.counted()));
        NDArray logProbs = model.forward(inputs).logSoftmax(-1);
        return logProbs.gather(targets, -1).mul(weights).sum().neg().div(count);
    }

    private static boolean decays(String name) {
        return name.endsWith(".weight") && !name.contains(".ln") && !name.startsWith("ln_") || name.endsWith("_emb");
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
