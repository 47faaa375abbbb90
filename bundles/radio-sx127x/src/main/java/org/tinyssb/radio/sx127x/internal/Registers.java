package org.tinyssb.radio.sx127x.internal;

/** SX1276/77/78/79 registers and bits used in LoRa mode (datasheet rev. 7, §6.4). */
final class Registers {
    static final int FIFO = 0x00;
    static final int OP_MODE = 0x01;
    static final int FRF_MSB = 0x06;
    static final int FRF_MID = 0x07;
    static final int FRF_LSB = 0x08;
    static final int PA_CONFIG = 0x09;
    static final int OCP = 0x0B;
    static final int LNA = 0x0C;
    static final int FIFO_ADDR_PTR = 0x0D;
    static final int FIFO_TX_BASE_ADDR = 0x0E;
    static final int FIFO_RX_BASE_ADDR = 0x0F;
    static final int FIFO_RX_CURRENT_ADDR = 0x10;
    static final int IRQ_FLAGS_MASK = 0x11;
    static final int IRQ_FLAGS = 0x12;
    static final int RX_NB_BYTES = 0x13;
    static final int PKT_SNR_VALUE = 0x19;
    static final int PKT_RSSI_VALUE = 0x1A;
    static final int MODEM_CONFIG_1 = 0x1D;
    static final int MODEM_CONFIG_2 = 0x1E;
    static final int PREAMBLE_MSB = 0x20;
    static final int PREAMBLE_LSB = 0x21;
    static final int PAYLOAD_LENGTH = 0x22;
    static final int MODEM_CONFIG_3 = 0x26;
    static final int SYNC_WORD = 0x39;
    static final int DIO_MAPPING_1 = 0x40;
    static final int VERSION = 0x42;
    static final int PA_DAC = 0x4D;

    /** RegOpMode: LoRa mode (set only in sleep). */
    static final int LONG_RANGE_MODE = 0x80;
    static final int MODE_SLEEP = 0x00;
    static final int MODE_STANDBY = 0x01;
    static final int MODE_TX = 0x03;
    static final int MODE_RX_CONTINUOUS = 0x05;
    /** Channel activity detection: listens a few symbols for LoRa chirps, then CadDone. */
    static final int MODE_CAD = 0x07;
    static final int MODE_MASK = 0x07;

    static final int IRQ_RX_DONE = 0x40;
    static final int IRQ_PAYLOAD_CRC_ERROR = 0x20;
    static final int IRQ_VALID_HEADER = 0x10;
    static final int IRQ_TX_DONE = 0x08;
    static final int IRQ_CAD_DONE = 0x04;
    static final int IRQ_CAD_DETECTED = 0x01;

    /** RegDioMapping1: DIO0 is RxDone (00) or TxDone (01). */
    static final int DIO0_RX_DONE = 0x00;
    static final int DIO0_TX_DONE = 0x40;
    static final int DIO0_CAD_DONE = 0x80;

    /** RegPaDac: default, or +20 dBm on PA_BOOST (datasheet §5.4.3). */
    static final int PA_DAC_DEFAULT = 0x84;
    static final int PA_DAC_HIGH_POWER = 0x87;

    /** RegVersion of every SX1276/77/78/79. */
    static final int CHIP_VERSION = 0x12;

    /** Crystal frequency: Frf = f * 2^19 / 32 MHz. */
    static final long FXOSC = 32_000_000L;

    private Registers() {
    }
}
