package io.minnow.runtime.tokenizer;

import java.util.ArrayList;
import java.util.List;

/** Texts that exercise tokenizer edge cases: scripts, emoji, code, whitespace runs, control characters. */
final class TextCorpus {
    private TextCorpus() {}

    static List<String> texts() {
        List<String> texts = new ArrayList<>(List.of(
                "",
                " ",
                "  ",
                "\n",
                "\t",
                "a",
                "Hello world",
                " Hello world",
                "Hello  world   with    runs     of spaces",
                "trailing spaces   ",
                "   leading spaces",
                "line one\nline two\n\nline four\r\nwindows\rold mac\n\n\n\n",
                "tabs\tand\t\tmore\t \t mixed \n\t\n",
                "I'm sure they'll say we've done what you'd've DONE, isn't it? IT'S FINE'S 'S 'T",
                "the long s: it'\u017F here, Kelvin \u212A",
                "Numbers: 0 7 42 123 1234 12345 1234567890 3.14159 -2e10 1,000,000 \u00B2\u00B3 \u2155 \u0661\u0662\u0663",
                "Zahlen und Umlaute: Gr\u00FC\u00DFe aus M\u00FCnchen, \u00C4rger \u00FCber \u00D6l.",
                "Fran\u00E7ais : \u00E0 l'\u00E9cole, o\u00F9 \u00EAtes-vous ? \u00AB guillemets \u00BB",
                "\u0420\u0443\u0441\u0441\u043A\u0438\u0439 \u0442\u0435\u043A\u0441\u0442: \u041F\u0440\u0438\u0432\u0435\u0442, \u043C\u0438\u0440!",
                "\u0395\u03BB\u03BB\u03B7\u03BD\u03B9\u03BA\u03AC: \u039A\u03B1\u03BB\u03B7\u03BC\u03AD\u03C1\u03B1 \u03BA\u03CC\u03C3\u03BC\u03B5",
                "\u0627\u0644\u0639\u0631\u0628\u064A\u0629: \u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
                "\u05E2\u05D1\u05E8\u05D9\u05EA: \u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD \u200F\u200E",
                "\u0939\u093F\u0928\u094D\u0926\u0940: \u0928\u092E\u0938\u094D\u0924\u0947 \u0926\u0941\u0928\u093F\u092F\u093E",
                "\u0E20\u0E32\u0E29\u0E32\u0E44\u0E17\u0E22\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\u0E0A\u0E32\u0E27\u0E42\u0E25\u0E01",
                "\u4E2D\u6587\uFF1A\u4F60\u597D\uFF0C\u4E16\u754C\uFF01\u4ECA\u5929\u5929\u6C14\u5F88\u597D\u3002",
                "\u65E5\u672C\u8A9E\uFF1A\u3053\u3093\u306B\u3061\u306F\u4E16\u754C\u3001\u30AB\u30BF\u30AB\u30CA\u3068\u6F22\u5B57",
                "\uD55C\uAD6D\uC5B4: \uC548\uB155\uD558\uC138\uC694 \uC138\uACC4",
                "decomposed Hangul \u1112\u1161\u11AB and e\u0301 vs \u00E9, A\u030A vs \u00C5, \uFB01 ligature",
                "Emoji: \uD83D\uDE00 \uD83D\uDC4D\uD83C\uDFFD \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 "
                        + "\uD83C\uDDE9\uD83C\uDDEA \u2764\uFE0F \uD83E\uDDEA\uD83E\uDDEA\uD83E\uDDEA",
                "\uD835\uDD18\uD835\uDD2B\uD835\uDD26 math letters, \uD800\uDF30 Gothic, \uD840\uDC00 CJK ext B",
                "Controls: \u0000 \u0001\u0002 \u001B[31mred\u001B[0m \u007F \u0085 \u00AD soft",
                "Unicode spaces:\u00A0nbsp\u3000ideographic\u2028line\u2029para\u2003em\u202Fnarrow\u200Bzw",
                "nbsp runs\u00A0\u00A0\u00A0word\u00A0\u00A0 end\u00A0\u00A0\n",
                "ideographic\u3000\u3000\u3000space\u3000\u3000",
                "em\u2003\u2003 spaces \u2003\u2003\u2003x \u2028\u2028y\u0085\u0085z",
                "vertical\u000B\u000Btab\u000C\u000Cfeed \u001C\u001D\u001E\u001F separators",
                "$\u00A0100 and 5\u00A0%, 1\u202F000",
                "ALL'S WELL'LL YOU'VE 'RE 'Ll 'lL",
                "public static int add(int a, int b) {\n    return a + b; // sum\n}\n",
                "def f(x):\n\tif x > 0:\n\t\treturn x ** 2\n    else:\n        return None\n",
                "{\"key\": [1, 2.5, true, null], \"nested\": {\"a\": \"b\\n\"}}",
                "<html><body class=\"x\">&amp; &lt;tag&gt;</body></html>",
                "SELECT * FROM users WHERE id = 42 AND name LIKE '%o''neil%';",
                "x+=1;y-=2;z*=3;a/=4;b%=5;c**=6;d//=7;e>>=8;f<<=9;g&&h||!i",
                "https://example.com/path?query=1&other=two#frag user@example.org",
                "!!!???...,,,;;;:::---___===+++***&&&^^^%%%$$$###@@@~~~```'''\"\"\"",
                "Special tokens in text: <|endoftext|> <s> </s> <unk> <|begin_of_text|> <|im_start|>user<|im_end|>",
                "Qwen tags: <think>reasoning</think><tool_call>{}</tool_call>",
                "<|endoftext|><|endoftext|>",
                "<s>",
                "\u2581already has the meta space\u2581\u2581 twice",
                "Supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopic",
                "\uFFFD replacement char and \uFEFF BOM and \uE000 private use"));
        texts.add("a".repeat(300));
        texts.add(" ".repeat(257) + "x" + "\n".repeat(33));
        texts.add("word ".repeat(400));
        StringBuilder mixed = new StringBuilder();
        for (String text : List.copyOf(texts)) {
            mixed.append(text).append(' ');
        }
        texts.add(mixed.toString());
        return texts;
    }
}
