package io.minnow.runtime.bench;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.Tensor;
import java.util.Map;

public final class DecodeLoop {
    public static void main(String[] args) {
        Interpreter in = Interpreters.create(BenchmarkModels.kvCache(BenchmarkModels.LM_2M),
                InterpreterOptions.DEFAULT.withBackend(BackendChoice.valueOf(args[0])));
        Map<String, Tensor> d = BenchmarkModels.decode(BenchmarkModels.LM_2M, 64);
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                in.runSignature("decode", d);
            }
            System.out.printf("%s decode %.3f ms%n", args[0], (System.nanoTime() - t0) / 200e6);
        }
    }
}
