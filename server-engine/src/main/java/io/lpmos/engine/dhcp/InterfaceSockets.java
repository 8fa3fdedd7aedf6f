package io.lpmos.engine.dhcp;

import io.lpmos.engine.net.Ipv4;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.RawUnixChannelOption;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * UDP sockets that receive from and send on one network interface only (docs/decisions/0013): each
 * socket listens on {@code 0.0.0.0:port} — broadcasts from clients without an address only reach a
 * wildcard socket — and is bound to the device with {@code SO_BINDTODEVICE}, set through Netty's
 * epoll transport before the bind and read back after it. The kernel then delivers only datagrams
 * that arrived on that device, and routes everything sent, 255.255.255.255 included, out of it. All
 * sockets of one instance share one event-loop thread, which is also where received datagrams are
 * handled. Linux only; {@link #unavailableReason()} says why elsewhere.
 */
final class InterfaceSockets implements AutoCloseable {
    /** {@code SOL_SOCKET} and {@code SO_BINDTODEVICE} of Linux. */
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    /** Interface names are at most 15 bytes and a NUL ({@code IFNAMSIZ}). */
    private static final int IFNAMSIZ = 16;
    /** Room for a burst of requests while the packet thread is busy (the kernel doubles it). */
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;
    /** A DHCP message fits one Ethernet frame; a larger datagram is cut and then fails to parse. */
    private static final int DATAGRAM_BUFFER = 1536;
    /** Datagrams read with one {@code recvmmsg} under load (one per call when they come one by one). */
    private static final int DATAGRAMS_PER_READ = 16;

    /** Receives one datagram on the event-loop thread. */
    interface Receiver {
        void received(ByteBuf content, InetSocketAddress sender);
    }

    /** A socket could not be opened; the message names the port, the interface and the reason. */
    static final class BindFailure extends Exception {
        enum Kind { PERMISSION, IN_USE, NO_DEVICE, OTHER }

        private final Kind kind;

        BindFailure(Kind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }

    private final String interfaceName;
    private final EventLoopGroup group;

    /**
     * @param threadName name of the event-loop thread
     */
    InterfaceSockets(String interfaceName, String threadName) {
        this.interfaceName = interfaceName;
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        };
        this.group = new MultiThreadIoEventLoopGroup(1, threads, EpollIoHandler.newFactory());
    }

    /** Why interface-bound sockets cannot work on this system, or null when they can. */
    static String unavailableReason() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return "the DHCP service runs on Linux only: it needs SO_BINDTODEVICE to answer on one network"
                    + " interface and never on another, which " + System.getProperty("os.name") + " does not offer"
                    + " — run the headless regional-client on a Linux machine for DHCP; HTTP and TFTP work here";
        }
        if (!Epoll.isAvailable()) {
            Throwable cause = Epoll.unavailabilityCause();
            return "the DHCP service cannot load its Linux socket library (Netty epoll): "
                    + (cause == null ? "unknown reason" : cause.getMessage())
                    + " — on this CPU type the native library may be missing; use an x86-64 or arm64 Linux machine";
        }
        return null;
    }

    /** The thread received datagrams are handled on; tasks for the packet thread go here. */
    EventLoop eventLoop() {
        return group.next();
    }

    /**
     * Opens {@code 0.0.0.0:port} on the interface with broadcast allowed; {@code receiver} gets every
     * datagram that arrives on it.
     *
     * @param share allow other sockets on the same port ({@code SO_REUSEADDR}): for the probe's port 68,
     *              which a DHCP client of this machine may hold; never for a server port, so that another
     *              DHCP server already listening there makes the bind fail instead of sharing its clients
     */
    Channel bind(int port, boolean share, Receiver receiver) throws BindFailure {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channelFactory(() -> bindToDevice(new EpollDatagramChannel()))
                .option(ChannelOption.SO_BROADCAST, true)
                .option(ChannelOption.SO_REUSEADDR, share)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, DATAGRAM_BUFFER)
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(DATAGRAM_BUFFER * DATAGRAMS_PER_READ))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
                        receiver.received(packet.content(), packet.sender());
                    }

                    @Override
                    public void channelReadComplete(ChannelHandlerContext context) {
                        context.flush();
                    }
                });
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress("0.0.0.0", port)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw failure(port, bound.cause());
        }
        Channel channel = bound.channel();
        String device = boundDevice(channel);
        if (!interfaceName.equals(device)) {
            channel.close().awaitUninterruptibly();
            throw new BindFailure(BindFailure.Kind.OTHER, "the socket on port " + port + " is bound to '" + device
                    + "' instead of " + interfaceName + ": refusing to answer on the wrong interface", null);
        }
        return channel;
    }

    private EpollDatagramChannel bindToDevice(EpollDatagramChannel channel) {
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer value = ByteBuffer.allocate(name.length + 1).put(name).put((byte) 0).flip();
        try {
            channel.config().setOption(new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE,
                    name.length + 1), value);
        } catch (RuntimeException e) {
            channel.unsafe().closeForcibly();
            throw new DeviceBindingException(e);
        }
        return channel;
    }

    /** The device the kernel says the socket is bound to, read back with {@code getsockopt}. */
    private static String boundDevice(Channel channel) {
        ByteBuffer value = channel.config().getOption(
                new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE, IFNAMSIZ));
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    /** Carries a failed {@code SO_BINDTODEVICE} out of the channel factory. */
    private static final class DeviceBindingException extends RuntimeException {
        DeviceBindingException(Throwable cause) {
            super(cause);
        }
    }

    private BindFailure failure(int port, Throwable cause) {
        String text = String.valueOf(cause);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            text = text + " " + t.getMessage();
        }
        if (text.contains("Permission denied") || text.contains("Operation not permitted")) {
            boolean device = cause instanceof DeviceBindingException || text.contains("setsockopt");
            return new BindFailure(BindFailure.Kind.PERMISSION, device
                    ? "binding DHCP to " + interfaceName + " needs the CAP_NET_RAW privilege on this kernel"
                    : "port " + port + " needs privileges", cause);
        }
        if (text.contains("Address already in use")) {
            return new BindFailure(BindFailure.Kind.IN_USE, "port " + port + " on " + interfaceName
                    + " is in use by another program", cause);
        }
        if (text.contains("No such device")) {
            return new BindFailure(BindFailure.Kind.NO_DEVICE, "there is no network interface " + interfaceName, cause);
        }
        return new BindFailure(BindFailure.Kind.OTHER, "cannot open UDP port " + port + " on " + interfaceName + ": "
                + cause.getMessage(), cause);
    }

    /**
     * Queues {@code length} bytes of {@code message} to {@code address:port}; {@link Channel#flush()}
     * (done after every read burst) sends them. Call on the event-loop thread.
     */
    static void send(Channel channel, byte[] message, int length, int address, int port) {
        ByteBuf content = channel.alloc().buffer(length).writeBytes(message, 0, length);
        channel.write(new DatagramPacket(content, new InetSocketAddress(Ipv4.toInetAddress(address), port)),
                channel.voidPromise());
    }

    /** Closes every socket and stops the event-loop thread (bounded wait). */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
