package org.tinyssb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void numbersAlignRightTextLeft() {
        String t = new TextTable("#", "feed", "height").row(0, "@abc", 12).row(10, "@de", 7).toString();
        assertEquals(String.join("\n",
                " #  feed  height",
                "--  ----  ------",
                " 0  @abc      12",
                "10  @de        7",
                ""), t);
    }

    @Test
    void contentIsShownAsTextWhenItIsUtf8() {
        assertEquals("grüße", NodeCommands.text("grüße".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("ff00", NodeCommands.text(new byte[] {(byte) 0xff, 0}));
    }
}
