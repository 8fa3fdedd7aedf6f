package io.lpmos.engine.tftp;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.apache.commons.net.tftp.TFTPErrorPacket;

/** ERROR packets, encoded by Apache Commons Net's {@link TFTPErrorPacket}. Thread-safe. */
final class TftpPackets {
    private TftpPackets() {
    }

    /** A fresh ERROR packet ready to send: opcode 5, the code, the ASCII message and its NUL. */
    static ByteBuffer error(TftpErrorCode code, String message) {
        DatagramPacket datagram = new TFTPErrorPacket(InetAddress.getLoopbackAddress(), 0, code.code(), message)
                .newDatagram();
        return ByteBuffer.wrap(datagram.getData(), datagram.getOffset(), datagram.getLength());
    }
}
