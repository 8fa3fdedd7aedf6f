import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.net.tftp.TFTPDataPacket;

/**
 * The TFTP DATA hot path two ways, side by side, on loopback: Apache Commons Net's TFTPDataPacket
 * (a byte[] per block read from the file, a new packet and datagram array per send, heap buffers the
 * JDK copies into a direct one) against what TftpService does (a positional read into one reused
 * direct buffer behind a 4-byte header written in place). Sends BLOCKS blocks of each size to a
 * socket nobody reads (the kernel drops what overflows), so only the sender's cost is measured.
 *
 * Run: java -cp ~/.m2/repository/commons-net/commons-net/3.13.0/commons-net-3.13.0.jar bench/TftpDataEncoding.java
 */
public class TftpDataEncoding {
    static final int BLOCKS = 300_000;
    static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("tftp-encoding", ".bin");
        try {
            byte[] data = new byte[64 * 1024 * 1024];
            new Random(1).nextBytes(data);
            Files.write(file, data);
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (DatagramChannel sink = DatagramChannel.open(StandardProtocolFamily.INET);
                 DatagramChannel out = DatagramChannel.open(StandardProtocolFamily.INET);
                 FileChannel in = FileChannel.open(file)) {
                sink.bind(new InetSocketAddress(loopback, 0));
                InetSocketAddress target = (InetSocketAddress) sink.getLocalAddress();
                System.out.printf("%-8s %14s %14s %8s%n", "blksize", "commons-net", "direct", "ratio");
                for (int blockSize : new int[] {512, 1468, 8192}) {
                    double cn = Double.MAX_VALUE;
                    double direct = Double.MAX_VALUE;
                    for (int round = 0; round < ROUNDS; round++) {
                        cn = Math.min(cn, commonsNet(in, out, target, blockSize, data.length));
                        direct = Math.min(direct, directBuffer(in, out, target, blockSize, data.length));
                    }
                    System.out.printf("%-8d %11.0f ns %11.0f ns %7.2fx%n", blockSize, cn, direct, cn / direct);
                }
                System.out.println("(best of " + ROUNDS + " rounds, ns per block sent; ratio = commons-net / direct)");
            }
        } finally {
            Files.delete(file);
        }
    }

    static double commonsNet(FileChannel in, DatagramChannel out, InetSocketAddress target, int blockSize, long size)
            throws Exception {
        long start = System.nanoTime();
        for (int block = 1; block <= BLOCKS; block++) {
            long offset = (long) (block - 1) * blockSize % (size - blockSize);
            byte[] chunk = new byte[blockSize];
            in.read(ByteBuffer.wrap(chunk), offset);
            DatagramPacket datagram = new TFTPDataPacket(target.getAddress(), target.getPort(), block & 0xFFFF, chunk)
                    .newDatagram();
            out.send(ByteBuffer.wrap(datagram.getData(), 0, datagram.getLength()), target);
        }
        return (System.nanoTime() - start) / (double) BLOCKS;
    }

    static double directBuffer(FileChannel in, DatagramChannel out, InetSocketAddress target, int blockSize, long size)
            throws Exception {
        ByteBuffer packet = ByteBuffer.allocateDirect(4 + blockSize);
        long start = System.nanoTime();
        for (int block = 1; block <= BLOCKS; block++) {
            long offset = (long) (block - 1) * blockSize % (size - blockSize);
            packet.clear();
            packet.putShort((short) 3).putShort((short) block);
            in.read(packet, offset);
            packet.flip();
            out.send(packet, target);
        }
        return (System.nanoTime() - start) / (double) BLOCKS;
    }
}
