package io.minnow.agent.web.page;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.agent.web.generate.Generations;
import io.minnow.agent.web.http.Json;
import io.minnow.agent.web.http.OnceCallback;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.SelfTest;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.selftest.SelfTestRunner;
import java.util.Optional;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/selftest}: runs the serving bundle's {@code self_test} (its known prompts, exact answers and
 * latency budget; the same {@link SelfTestRunner} the OTA updater runs before a model serves) on an inference
 * worker, through the scheduler, and answers the report. 409 when the bundle has no self-test. Thread-safe.
 */
public final class SelfTestHandler extends Handler.Abstract {
    private final Generations generations;

    public SelfTestHandler(Generations generations) {
        this.generations = generations;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        OnceCallback done = new OnceCallback(callback);
        if (!HttpMethod.POST.is(request.getMethod())) {
            Json.error(response, done, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST");
            return true;
        }
        Optional<Generations.Refused> refused = generations.submitTask("page", g -> {
            SelfTest test = g instanceof BundleGenerator b ? b.manifest().selfTest() : null;
            return test == null ? null : SelfTestRunner.run(g, test, System::nanoTime);
        }, report -> {
            if (report == null) {
                Json.error(response, done, HttpStatus.CONFLICT_409, "the serving model's bundle has no self_test");
            } else {
                Json.send(response, done, HttpStatus.OK_200, body(report));
            }
        }, (code, message) -> Json.error(response, done, status(code), "the self-test did not run: " + message));
        refused.ifPresent(r -> Json.error(response, done, status(r.code()), r.message()));
        return true;
    }

    private static int status(ErrorCode code) {
        return switch (code) {
            case BUSY -> HttpStatus.TOO_MANY_REQUESTS_429;
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT_504;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR_500;
            default -> HttpStatus.SERVICE_UNAVAILABLE_503;
        };
    }

    static ObjectNode body(SelfTestRunner.Report report) {
        ObjectNode out = Json.object().put("passed", report.passed()).put("summary", report.summary())
                .put("latency_budget_ms", report.latencyBudgetMs());
        var cases = out.putArray("cases");
        for (SelfTestRunner.CaseResult c : report.cases()) {
            ObjectNode n = cases.addObject().put("label", c.testCase().label()).put("expect", c.testCase().expect())
                    .put("answer", c.answer()).put("millis", c.millis()).put("right", c.answeredRight());
            if (c.error() != null) {
                n.put("error", c.error());
            }
        }
        return out;
    }
}
