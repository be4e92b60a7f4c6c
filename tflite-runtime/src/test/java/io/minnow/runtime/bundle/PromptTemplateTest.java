package io.minnow.runtime.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.generate.ChatMessage;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.tokenizer.PromptText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
    private final PromptTemplate template =
            PromptTemplate.parse("templates.alarm", "alarm", "Sensor {{sensor}} reads {{ value }}. {{sensor}}:");

    @Test
    void rendersEveryPlaceholderIncludingRepeats() throws Exception {
        assertThat(template.placeholders()).containsExactlyInAnyOrder("sensor", "value");
        PromptText prompt = template.render(Map.of("sensor", "T1", "value", "{{x}}"));
        assertThat(prompt.text()).isEqualTo("Sensor T1 reads {{x}}. T1:");
        assertThat(prompt.parts()).filteredOn(p -> !p.trusted()).extracting(PromptText.Part::text)
                .containsExactly("T1", "{{x}}", "T1");
    }

    @Test
    void aMissingValueIsABadRequestNamingIt() {
        assertThatThrownBy(() -> template.render(Map.of("sensor", "T1")))
                .isInstanceOfSatisfying(GenerationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("'alarm' needs a value for value");
    }

    @Test
    void anUnknownValueIsABadRequestNamingIt() {
        assertThatThrownBy(() -> template.render(Map.of("sensor", "T1", "value", "3", "unit", "C")))
                .isInstanceOfSatisfying(GenerationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("has no placeholder unit");
    }

    @Test
    void rejectsAnUnclosedPlaceholderNamingTheField() {
        assertThatThrownBy(() -> PromptTemplate.parse("templates.t", "t", "hello {{name"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("templates.t"))
                .hasMessageContaining("unclosed {{ at offset 6");
    }

    @Test
    void rejectsAPlaceholderThatIsNotAName() {
        assertThatThrownBy(() -> PromptTemplate.parse("templates.t", "t", "{{two words}}"))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("is not a name");
    }

    @Test
    void chatTemplateWrapsEachMessageByRoleAndOpensTheAnswer() throws Exception {
        ChatTemplate chat = new ChatTemplate("<s>", Map.of("user", "U:{{content}}\n", "assistant", "A:{{content}}\n"), "A:");
        PromptText prompt = chat.render(List.of(new ChatMessage("user", "hi"), new ChatMessage("assistant", "yo"),
                new ChatMessage("user", "temp?")));
        assertThat(prompt.text()).isEqualTo("<s>U:hi\nA:yo\nU:temp?\nA:");
        assertThat(prompt.parts()).filteredOn(p -> !p.trusted()).extracting(PromptText.Part::text)
                .containsExactly("hi", "yo", "temp?");
    }

    @Test
    void chatWithAnUnknownRoleIsABadRequestNamingIt() {
        ChatTemplate chat = new ChatTemplate("", Map.of("user", "{{content}}"), "");
        assertThatThrownBy(() -> chat.render(List.of(new ChatMessage("robot", "x"))))
                .isInstanceOfSatisfying(GenerationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("messages[0].role is 'robot'");
    }

    @Test
    void chatRoleTemplatesMustUseOnlyContent() {
        assertThatThrownBy(() -> new ChatTemplate("", Map.of("user", "{{name}}: {{content}}"), ""))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("chat_template.roles.user"));
    }
}
