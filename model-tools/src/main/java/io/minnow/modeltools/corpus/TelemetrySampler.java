package io.minnow.modeltools.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Draws telemetry lines and writes their status line, following the manual's limits. Most lines have zero
 * to two sensors out of range; values are drawn on the sensor's resolution grid, often next to a limit so
 * the model learns where the limits are. Not thread-safe (it owns a random stream).
 */
final class TelemetrySampler {

    private final List<SensorSpec> sensors;
    private final SplittableRandom random;

    TelemetrySampler(List<SensorSpec> sensors, SplittableRandom random) {
        this.sensors = List.copyOf(sensors);
        this.random = random;
    }

    /** A reading line and its status line. */
    Example next() {
        int abnormal = pickAbnormalCount();
        boolean[] out = new boolean[sensors.size()];
        for (int placed = 0; placed < abnormal; ) {
            int i = random.nextInt(sensors.size());
            if (!out[i]) {
                out[i] = true;
                placed++;
            }
        }
        StringBuilder reading = new StringBuilder();
        double[] values = new double[sensors.size()];
        for (int i = 0; i < sensors.size(); i++) {
            SensorSpec s = sensors.get(i);
            values[i] = out[i] ? abnormalValue(s) : normalValue(s);
            if (i > 0) {
                reading.append(' ');
            }
            reading.append(s.name()).append('=').append(s.format(values[i]));
        }
        return Example.of(Task.STATUS, reading.toString(), status(values));
    }

    /** The status line for values in sensor order: the worst severity, then every deviation. */
    String status(double[] values) {
        Severity worst = Severity.OK;
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < sensors.size(); i++) {
            Optional<SensorSpec.Deviation> d = sensors.get(i).assess(values[i]);
            if (d.isPresent()) {
                worst = worst.max(d.get().severity());
                reasons.add(d.get().describe());
            }
        }
        return reasons.isEmpty() ? "OK: all readings normal" : worst + ": " + String.join("; ", reasons);
    }

    private int pickAbnormalCount() {
        double u = random.nextDouble();
        return u < 0.3 ? 0 : u < 0.75 ? 1 : u < 0.95 ? 2 : 3;
    }

    private double normalValue(SensorSpec s) {
        double lo = Double.isNaN(s.normalLow()) ? s.rangeMin() : s.normalLow();
        double hi = Double.isNaN(s.normalHigh()) ? s.rangeMax() : s.normalHigh();
        return draw(s, lo, hi);
    }

    private double abnormalValue(SensorSpec s) {
        List<double[]> regions = new ArrayList<>();
        double step = s.step();
        if (!Double.isNaN(s.normalLow())) {
            double critLow = s.criticalLow();
            regions.add(new double[] {Double.isNaN(critLow) ? s.rangeMin() : critLow + step, s.normalLow() - step});
            if (!Double.isNaN(critLow)) {
                regions.add(new double[] {s.rangeMin(), critLow});
            }
        }
        if (!Double.isNaN(s.normalHigh())) {
            double critHigh = s.criticalHigh();
            regions.add(new double[] {s.normalHigh() + step, Double.isNaN(critHigh) ? s.rangeMax() : critHigh - step});
            if (!Double.isNaN(critHigh)) {
                regions.add(new double[] {critHigh, s.rangeMax()});
            }
        }
        double[] region = regions.get(random.nextInt(regions.size()));
        return draw(s, region[0], region[1]);
    }

    /** A grid value in [lo, hi], a third of the time within three steps of either end. */
    private double draw(SensorSpec s, double lo, double hi) {
        // Integers over a power of ten, so 8.0 parses and compares exactly like the manual's "8.0".
        double scale = Math.pow(10, s.decimals());
        long first = Math.round(lo * scale);
        long last = Math.round(hi * scale);
        long n = last - first + 1;
        long k;
        if (n > 6 && random.nextInt(3) == 0) {
            long off = random.nextInt(3);
            k = random.nextBoolean() ? first + off : last - off;
        } else {
            k = first + random.nextLong(n);
        }
        return k / scale;
    }
}
