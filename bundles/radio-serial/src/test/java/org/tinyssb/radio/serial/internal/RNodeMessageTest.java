package org.tinyssb.radio.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyssb.codec.CodecException;
import org.tinyssb.codec.Kiss;

/** The RNode's messages decoded from the bytes its firmware writes; wrong lengths refused. */
class RNodeMessageTest {
    private static RNodeMessage decode(String hex) throws CodecException {
        return RNodeMessage.decode(HexFormat.of().parseHex(hex));
    }

    @Test
    void settingsStatisticsAndEventsDecodeAsTheFirmwareWritesThem() throws CodecException {
        assertEquals(new RNodeMessage.Setting(RNodeProtocol.FREQUENCY, 868_299_987L), decode("0133c134d3"));
        assertEquals(new RNodeMessage.Setting(RNodeProtocol.TX_POWER, -9), decode("03f7"), "SX126x power below 0 dBm");
        assertEquals(new RNodeMessage.FirmwareVersion(1, 85), decode("500155"));
        assertEquals("1.85", decode("500155").toString());
        assertEquals(new RNodeMessage.AirtimeLock(true, 10.0), decode("0b03e8"));
        assertEquals(new RNodeMessage.Rssi(-97), decode("233c"));
        assertEquals(new RNodeMessage.Snr(-2.5), decode("24f6"));
        assertEquals(new RNodeMessage.Ready(false), decode("0f00"));
        assertEquals(new RNodeMessage.Reset(), decode("55f8"));
        assertEquals(new RNodeMessage.Error(0x04), decode("9004"));
        assertEquals(new RNodeMessage.Battery(2, 90), decode("27025a"));
        RNodeMessage.ChannelTime old = assertInstanceOf(RNodeMessage.ChannelTime.class, decode("2500640032000a0005"));
        assertEquals(1.0, old.airtimeShort());
        assertEquals(0.05, old.loadLong());
        assertNull(old.noiseFloorDbm(), "8-byte channel time of older firmware");
        RNodeMessage.ChannelTime now = assertInstanceOf(RNodeMessage.ChannelTime.class,
                decode("2500640032000a00052f27ff"));
        assertEquals(-118, now.noiseFloorDbm());
        assertNull(now.interferenceDbm(), "FF: no interference");
        RNodeMessage.PhysicalParameters p = assertInstanceOf(RNodeMessage.PhysicalParameters.class,
                decode("26020007a10012000b000a0014"));
        assertEquals(0.512, p.symbolMillis());
        assertEquals(18, p.preambleSymbols());
        assertInstanceOf(RNodeMessage.Other.class, decode("2900"), "temperature: not used");
    }

    @Test
    void knownCommandsWithWrongLengthsAreRefused() {
        for (String bad : List.of("01aabb", "0301ff", "5001", "2500", "260102", "0b01", "")) {
            assertThrows(CodecException.class, () -> decode(bad), bad);
        }
    }

    @Test
    void theDetectRequestIsReticulumsFourCommandsSharingDelimiters() {
        assertEquals("c00873c05000c04800c04900c0", HexFormat.of().formatHex(RNodeProtocol.detectRequest()));
    }

    @Test
    void aFrameFedOneByteAtATimeDecodesWhole() throws CodecException {
        byte[] line = RNodeProtocol.frame(RNodeProtocol.DATA, new byte[] {1, (byte) 0xC0, 2, (byte) 0xDB, 3});
        List<byte[]> frames = new ArrayList<>();
        Kiss.Decoder d = new Kiss.Decoder(600, new Kiss.FrameSink() {
            @Override
            public void frame(byte[] payload) {
                frames.add(payload);
            }

            @Override
            public void discarded(String reason, int bytes) {
                throw new AssertionError(reason);
            }
        });
        for (byte b : line) {
            d.feed(new byte[] {b}, 0, 1);
        }
        RNodeMessage.Data data = assertInstanceOf(RNodeMessage.Data.class, RNodeMessage.decode(frames.get(0)));
        assertEquals("01c002db03", HexFormat.of().formatHex(data.payload()));
        assertTrue(frames.size() == 1);
    }
}
