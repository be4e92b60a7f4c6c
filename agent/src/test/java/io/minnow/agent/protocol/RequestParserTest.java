package io.minnow.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.ModelInfo;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {
    private static final ModelInfo MODEL = new ModelInfo("pump", "1.0", 128, List.of("diagnose"));
    private final RequestParser parser = new RequestParser(1024, 30_000, () -> Optional.of(MODEL));

    private static InboundMessage v3(String json) {
        return new InboundMessage("minnow/b1/request", json.getBytes(StandardCharsets.UTF_8), Optional.empty(),
                Optional.empty(), false, () -> { });
    }

    private static InboundMessage v5(String json) {
        return new InboundMessage("minnow/b1/request", json.getBytes(StandardCharsets.UTF_8), Optional.of("r/1"),
                Optional.of(new byte[] {1, 2}), false, () -> { });
    }

    private RequestRejected rejected(InboundMessage m) {
        try {
            parser.parse(m);
        } catch (RequestRejected e) {
            return e;
        }
        throw new AssertionError("accepted " + new String(m.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void readsAPromptRequestWithEveryOption() throws RequestRejected {
        InferenceRequest r = parser.parse(v3("""
                {"id":"7","reply_to":"dev/1/replies","client":"dev-1","prompt":"hi","max_tokens":5,"temperature":0,
                 "top_k":3,"top_p":0.5,"min_p":0.1,"repeat_penalty":1.2,"seed":42,"stop":["\\n"],"stream":true,
                 "deadline_ms":900}"""));
        assertThat(r.id()).hasValue("7");
        assertThat(r.route()).isEqualTo(new ReplyRoute("dev/1/replies", Optional.empty()));
        assertThat(r.client()).isEqualTo("dev-1");
        assertThat(r.input()).isEqualTo(new PromptInput.Text("hi"));
        assertThat(r.sampling().maxTokens()).isEqualTo(5);
        assertThat(r.sampling().temperature()).isZero();
        assertThat(r.sampling().topK()).isEqualTo(3);
        assertThat(r.sampling().seed()).hasValue(42);
        assertThat(r.sampling().stop()).containsExactly("\n");
        assertThat(r.stream()).isTrue();
        assertThat(r.deadlineMs()).isEqualTo(900);
    }

    @Test
    void optionsARequestLeavesOutTakeTheLoadedModelsDefaults() throws RequestRejected {
        SamplingOptions greedy = new SamplingOptions(20, 0f, 0, 1f, 0f, 1f, OptionalLong.empty(), List.of());
        RequestParser withDefaults = new RequestParser(1024, 30_000,
                () -> Optional.of(new ModelInfo("pump", "3.0", 128, List.of("diagnose"), greedy)));
        SamplingOptions left = withDefaults.parse(v5("{\"prompt\":\"hi\",\"seed\":3}")).sampling();
        assertThat(left).isEqualTo(new SamplingOptions(20, 0f, 0, 1f, 0f, 1f, OptionalLong.of(3), List.of()));
        SamplingOptions given = withDefaults.parse(v5("""
                {"prompt":"hi","temperature":0.7,"top_k":5,"top_p":0.9,"min_p":0.1,"repeat_penalty":1.3,
                 "max_tokens":7}""")).sampling();
        assertThat(given).isEqualTo(new SamplingOptions(7, 0.7f, 5, 0.9f, 0.1f, 1.3f, OptionalLong.empty(), List.of()));
        assertThat(parser.parse(v5("{\"prompt\":\"hi\"}")).sampling().temperature())
                .as("a model without defaults: the runtime's").isEqualTo(SamplingOptions.DEFAULT.temperature());
    }

    @Test
    void mqtt5RequestsReplyToTheResponseTopicWithCorrelationDataAndNeedNoId() throws RequestRejected {
        InferenceRequest r = parser.parse(v5("{\"prompt\":\"hi\"}"));
        assertThat(r.id()).isEmpty();
        assertThat(r.route().topic()).isEqualTo("r/1");
        assertThat(r.route().correlationData()).hasValueSatisfying(c -> assertThat(c).containsExactly(1, 2));
        assertThat(r.client()).isEqualTo("r/1");
        assertThat(r.deadlineMs()).isEqualTo(30_000);
    }

    @Test
    void aMalformedReplyToInAnMqtt5RequestIsAnsweredOnTheResponseTopic() {
        for (String replyTo : List.of("\"dev/#\"", "\"\"", "\"a+b\"", "7")) {
            RequestRejected e = rejected(v5("{\"id\":\"m1\",\"reply_to\":" + replyTo + ",\"prompt\":\"hi\"}"));
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.getMessage()).as(replyTo).startsWith("reply_to is ");
            assertThat(e.route()).as(replyTo).hasValueSatisfying(r -> assertThat(r.topic()).isEqualTo("r/1"));
            assertThat(e.id()).hasValue("m1");
        }
    }

    @Test
    void mqtt5RequestsWithoutIdOrCorrelationDataAreServedButCannotBeDeduplicated() throws RequestRejected {
        InboundMessage m = new InboundMessage("t", "{\"prompt\":\"hi\"}".getBytes(StandardCharsets.UTF_8),
                Optional.of("r/2"), Optional.empty(), false, () -> { });
        assertThat(parser.parse(m).dedupeKey()).isEmpty();
        assertThat(parser.parse(v5("{\"prompt\":\"hi\"}")).dedupeKey()).isPresent();
    }

    @Test
    void readsTemplatesAndChats() throws RequestRejected {
        assertThat(parser.parse(v5("{\"template\":\"diagnose\",\"values\":{\"pressure\":3.5,\"alarm\":\"E7\"}}")).input())
                .isEqualTo(new PromptInput.Template("diagnose", Map.of("pressure", "3.5", "alarm", "E7")));
        assertThat(parser.parse(v5("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).input())
                .isInstanceOf(PromptInput.Chat.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                         | {"prompt":                    | payload is not valid JSON at line 1, column
            a JSON array                     | [1,2]                         | payload is a JSON array; expected a JSON object
            a bare string                    | "hi"                          | payload is a JSON string; expected a JSON object
            trailing garbage                 | {"prompt":"a"} x              | payload is not valid JSON
            duplicate field                  | {"prompt":"a","prompt":"b"}   | Duplicate field 'prompt'
            unknown field                    | {"prompt":"a","tempreature":1}| unknown field "tempreature"; expected only
            no input                         | {"max_tokens":3}              | no input; expected exactly one of prompt, template (with values) or messages
            two inputs                       | {"prompt":"a","messages":[]}  | more than one input
            prompt of wrong type             | {"prompt":5}                  | prompt is 5; expected a string
            max_tokens as text               | {"prompt":"a","max_tokens":"9"} | max_tokens is "9"; expected an integer from 1 to 128
            max_tokens past the context      | {"prompt":"a","max_tokens":129} | max_tokens is 129; expected an integer from 1 to 128
            fractional top_k                 | {"prompt":"a","top_k":1.5}    | top_k is 1.5; expected an integer from 0
            negative temperature             | {"prompt":"a","temperature":-1} | temperature is -1.0; expected a number >= 0
            top_p out of range               | {"prompt":"a","top_p":2}      | top_p is 2.0; expected a number in (0, 1]
            stream as text                   | {"prompt":"a","stream":"yes"} | stream is "yes"; expected true or false
            zero deadline                    | {"prompt":"a","deadline_ms":0} | deadline_ms is 0; expected an integer from 1 to 3600000
            seed as float                    | {"prompt":"a","seed":1.5}     | seed is 1.5; expected an integer
            stop of numbers                  | {"prompt":"a","stop":[1]}     | stop is [1]; expected a string or an array of up to 8 strings
            empty stop                       | {"prompt":"a","stop":""}      | stop is ""; expected non-empty strings
            unknown template                 | {"template":"nope"}           | template "nope" is not in model pump 1.0; expected one of [diagnose]
            values without template          | {"prompt":"a","values":{}}    | values is set without template
            values of objects                | {"template":"diagnose","values":{"a":{}}} | values.a is {}; expected a string, number or boolean
            empty messages                   | {"messages":[]}               | messages is []; expected a non-empty array
            message without content          | {"messages":[{"role":"user"}]} | messages[0] is {"role":"user"}; expected
            unknown role                     | {"messages":[{"role":"robot","content":"x"}]} | messages[0].role is "robot"; expected system, user or assistant
            numeric id                       | {"id":5,"prompt":"a"}         | id is 5; expected a string of 1 to 128 characters
            """)
    void rejectsBadRequestsWithAMessageThatNamesTheProblem(String what, String json, String message) {
        RequestRejected e = rejected(v5(json));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).contains(message);
        assertThat(e.route()).as("error goes to the response topic").hasValue(new ReplyRoute("r/1", Optional.of(new byte[] {1, 2})));
    }

    @Test
    void rejectsBinaryGarbage() {
        InboundMessage m = new InboundMessage("t", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}, Optional.of("r"),
                Optional.empty(), false, () -> { });
        assertThat(rejected(m)).hasMessage("payload is not UTF-8 text; expected a JSON object")
                .extracting(RequestRejected::code).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void rejectsOversizedPayloadsAsTooLargeButStillFindsTheirReplyTopic() {
        String big = "{\"id\":\"big-1\",\"reply_to\":\"dev/9\",\"prompt\":\"" + "x".repeat(2000) + "\"}";
        RequestRejected e = rejected(v3(big));
        assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("payload is " + big.length() + " bytes; the limit is 1024 bytes"
                + " (mqtt.max_payload_bytes)");
        assertThat(e.id()).hasValue("big-1");
        assertThat(e.route()).hasValue(new ReplyRoute("dev/9", Optional.empty()));
    }

    @Test
    void mqtt311RequestsMustNameAReplyTopicAndAnId() {
        RequestRejected noTopic = rejected(v3("{\"id\":\"1\",\"prompt\":\"a\"}"));
        assertThat(noTopic.route()).isEmpty();
        assertThat(noTopic).hasMessage("no reply topic; set the MQTT 5 response topic or the reply_to field");
        RequestRejected noId = rejected(v3("{\"reply_to\":\"dev/1\",\"prompt\":\"a\"}"));
        assertThat(noId.route()).hasValue(new ReplyRoute("dev/1", Optional.empty()));
        assertThat(noId).hasMessageStartingWith("id is missing");
    }

    @Test
    void rejectsWildcardReplyTopics() {
        assertThat(rejected(v3("{\"id\":\"1\",\"reply_to\":\"dev/#\",\"prompt\":\"a\"}")))
                .hasMessage("reply_to is \"dev/#\"; expected a topic name of 1 to 1024 characters without '+', '#' or NUL")
                .extracting(RequestRejected::route).isEqualTo(Optional.empty());
    }

    @Test
    void rejectsEmptyAndOverlongReplyTopicsNamingTheLimit() {
        assertThat(rejected(v3("{\"id\":\"1\",\"reply_to\":\"\",\"prompt\":\"a\"}")))
                .hasMessage("reply_to is \"\"; expected a topic name of 1 to 1024 characters without '+', '#' or NUL");
        String overlong = "d".repeat(1025);
        RequestParser roomy = new RequestParser(4096, 30_000, () -> Optional.of(MODEL));
        assertThatThrownBy(() -> roomy.parse(v3("{\"id\":\"1\",\"reply_to\":\"" + overlong + "\",\"prompt\":\"a\"}")))
                .isInstanceOf(RequestRejected.class)
                .hasMessageContaining("expected a topic name of 1 to 1024 characters")
                .extracting(e -> ((RequestRejected) e).route()).isEqualTo(Optional.empty());
    }

    @Test
    void invalidJsonStillGetsItsErrorToTheReplyTopicWhenItCanBeRead() {
        RequestRejected e = rejected(v3("{\"id\":\"x1\",\"reply_to\":\"dev/2\",\"prompt\":\"unterminated"));
        assertThat(e.route()).hasValue(new ReplyRoute("dev/2", Optional.empty()));
        assertThat(e.id()).hasValue("x1");
    }

    @Test
    void anyBytesAreEitherAcceptedOrRejectedWithACode() {
        // Seeded, so a failure reproduces: half pure noise, half a valid request with a few bytes changed.
        SplittableRandom random = new SplittableRandom(20261128);
        byte[] valid = "{\"id\":\"a1\",\"reply_to\":\"dev/1\",\"prompt\":\"hello\",\"max_tokens\":4}"
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 500; i++) {
            byte[] payload;
            if (i % 2 == 0) {
                payload = new byte[random.nextInt(300)];
                for (int j = 0; j < payload.length; j++) {
                    payload[j] = (byte) random.nextInt(256);
                }
            } else {
                payload = valid.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
                }
            }
            InboundMessage m = new InboundMessage("t", payload, Optional.of("r"), Optional.empty(), false, () -> { });
            try {
                parser.parse(m);
            } catch (RequestRejected e) {
                assertThat(e.code()).as("payload %s", Arrays.toString(payload))
                        .isIn(ErrorCode.BAD_REQUEST, ErrorCode.TOO_LARGE);
                assertThat(e.getMessage()).isNotBlank();
                assertThat(e.route()).as("a request with a response topic is never unanswerable").isPresent();
            }
        }
    }
}
