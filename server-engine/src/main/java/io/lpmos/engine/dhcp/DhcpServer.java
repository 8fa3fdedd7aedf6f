package io.lpmos.engine.dhcp;

import io.lpmos.engine.boot.BootAnswer;
import io.lpmos.engine.boot.BootClient;
import io.lpmos.engine.boot.BootPolicy;
import io.lpmos.engine.boot.ClientArch;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.events.DhcpExchange;
import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.net.Ipv4;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The DHCP/proxyDHCP protocol of SPEC §5, without sockets: it is handed datagrams and hands replies
 * to a {@link Transport}. What a booting client gets comes from the {@link BootPolicy}; addresses
 * (full mode) from the {@link LeaseTable}, each ACK only after its lease is in the {@link LeaseJournal}.
 *
 * <p><b>Proxy mode</b> answers only clients whose vendor class is {@code PXEClient} or
 * {@code HTTPClient}: a DISCOVER on port 67 gets a proxy offer (no address; option 60, option 43 with
 * PXE discovery control, next server and boot file), a REQUEST on port 4011 gets the same as an ACK.
 * <b>Full mode</b> serves the pool: DISCOVER, REQUEST (selecting, init-reboot, renewing), DECLINE,
 * RELEASE and INFORM, with the boot answer added for PXE clients.
 *
 * <p>Threading: every method runs on the one packet thread that owns the lease table, except that the
 * journal's durability callback and conflict-check results are brought back onto it through
 * {@code packetThread}. Never throws out of {@link #handle}: malformed input is counted and dropped.
 */
public final class DhcpServer {
    /** Where replies go; called on the packet thread. */
    public interface Transport {
        /**
         * Sends {@code length} bytes of {@code message} (the array is the caller's: copy it) to
         * {@code address:port} out of the server's interface.
         *
         * @param fromPxePort answer from port 4011 (the request came there) rather than 67
         */
        void send(byte[] message, int length, int address, int port, boolean fromPxePort);
    }

    static final int SERVER_PORT = 67;
    static final int CLIENT_PORT = 68;
    static final int PXE_PORT = 4011;
    static final int BROADCAST = 0xffffffff;
    /** PXE discovery control (option 43 sub-option 6) bit 3: boot the file in this answer, no discovery. */
    private static final byte[] PXE_VENDOR_OPTIONS = {6, 1, 8, (byte) 255};
    private static final String PXE_CLIENT = "PXEClient";
    private static final String HTTP_CLIENT = "HTTPClient";
    private static final byte[] IPXE_USER_CLASS = "iPXE".getBytes(StandardCharsets.US_ASCII);
    /** How long an offered address stays held for the client it was offered to. */
    static final long OFFER_HOLD_MILLIS = 60_000;
    /** How long an address a client declined or the conflict check found in use stays out of the pool. */
    static final long QUARANTINE_MILLIS = 10 * 60_000;
    /** Largest reply: one Ethernet frame. */
    private static final int MAX_REPLY = 1472;
    private static final int IP_UDP_HEADERS = 28;
    /** Compact the journal once it holds this many records more than a snapshot would (or twice the pool). */
    private static final int COMPACT_AFTER = 50_000;

    private final ServerSettings settings;
    private final BootPolicy bootPolicy;
    private final Transport transport;
    private final Consumer<DhcpExchange> events;
    private final LongSupplier clock;
    private final LeaseTable table;
    private final LeaseJournal journal;
    private final ConflictCheck conflictCheck;
    private final Executor packetThread;
    private final BitSet checked = new BitSet();
    private final Set<Long> checking = new HashSet<>();
    private final byte[] scratch = new byte[MAX_REPLY];
    private final Map<MalformedPacketException.Reason, Long> dropped = new EnumMap<>(MalformedPacketException.Reason.class);
    private long droppedSinceReport;
    private MalformedPacketException lastDrop;
    private int lastDropSource;
    private long journalRecords;
    private boolean answering;

    /**
     * A full-mode ACK waiting for its lease to be on disk; {@link #sendDurable} sends it.
     */
    record PendingAck(byte[] message, int address, int port, DhcpExchange exchange) {
    }

    /**
     * @param table         full mode's leases, already restored from the journal; null in proxy mode
     * @param journal       where full mode writes leases ahead of its ACKs; null in proxy mode
     * @param conflictCheck full mode's check before offering a fresh address; null: offer at once
     * @param packetThread  runs tasks on the packet thread (conflict-check results come back through it)
     * @param clock         epoch milliseconds
     */
    DhcpServer(ServerSettings settings, BootPolicy bootPolicy, Transport transport, Consumer<DhcpExchange> events,
               LongSupplier clock, LeaseTable table, LeaseJournal journal, ConflictCheck conflictCheck,
               Executor packetThread) {
        if (settings.mode() == DhcpMode.FULL && (table == null || journal == null)) {
            throw new IllegalArgumentException("full mode needs a lease table and a journal");
        }
        this.settings = settings;
        this.bootPolicy = bootPolicy;
        this.transport = transport;
        this.events = events;
        this.clock = clock;
        this.table = table;
        this.journal = journal;
        this.conflictCheck = conflictCheck;
        this.packetThread = packetThread;
        if (table != null) {
            List<LeaseRecord> restored = table.snapshot();
            for (LeaseRecord record : restored) {
                markChecked(record.address());
            }
            journalRecords = restored.size();
        }
    }

    /** Starts or stops answering (requests that arrive while not answering are dropped unseen). */
    void answering(boolean value) {
        answering = value;
    }

    /**
     * Handles one datagram that arrived on the server's interface.
     *
     * @param sourceAddress the sender's address (0 for a client without one)
     * @param sourcePort    the sender's port
     * @param pxePort       it arrived on port 4011 (PXE boot server discovery) rather than 67
     */
    public void handle(byte[] data, int length, int sourceAddress, int sourcePort, boolean pxePort) {
        if (!answering) {
            return;
        }
        DhcpPacket request;
        try {
            request = DhcpPacket.parse(data, 0, length);
            if (request.op() != DhcpPacket.BOOTREQUEST) {
                throw new MalformedPacketException(MalformedPacketException.Reason.NOT_A_REQUEST, "op " + request.op());
            }
            if (request.messageType() == null) {
                throw new MalformedPacketException(MalformedPacketException.Reason.NO_MESSAGE_TYPE,
                        "option 53 is " + request.options().getByte(DhcpOptionCodes.MESSAGE_TYPE));
            }
        } catch (MalformedPacketException e) {
            drop(e, sourceAddress);
            return;
        }
        if (request.giaddr() != 0 && !settings.inSubnet(request.giaddr())) {
            return;
        }
        Client client = Client.of(request);
        if (settings.mode() == DhcpMode.PROXY) {
            proxy(request, client, sourceAddress, sourcePort, pxePort);
        } else if (!pxePort) {
            full(request, client);
        }
    }

    private void drop(MalformedPacketException e, int sourceAddress) {
        dropped.merge(e.reason(), 1L, Long::sum);
        droppedSinceReport++;
        lastDrop = e;
        lastDropSource = sourceAddress;
    }

    /**
     * The malformed packets dropped since the last call, in operator words, or null when none; the
     * service calls this periodically so a flood gives one line per period, not one per packet.
     */
    String takeDropReport() {
        if (droppedSinceReport == 0) {
            return null;
        }
        String report = "dropped " + droppedSinceReport + " malformed DHCP packet" + (droppedSinceReport == 1 ? "" : "s")
                + " on " + settings.interfaceName() + " (last from "
                + (lastDropSource == 0 ? "a client without an address" : Ipv4.format(lastDropSource)) + ": "
                + lastDrop.getMessage() + ") — a broken or hostile client; the others are still answered";
        droppedSinceReport = 0;
        return report;
    }

    /** Malformed packets dropped so far, by reason. */
    Map<MalformedPacketException.Reason, Long> droppedByReason() {
        return Map.copyOf(dropped);
    }

    /** What the request tells about the client that matters for booting. */
    private record Client(String mac, boolean pxe, boolean httpBoot, ClientArch arch, boolean ipxe, String hostname) {
        static Client of(DhcpPacket request) {
            DhcpOptions options = request.options();
            boolean pxe = options.startsWith(DhcpOptionCodes.VENDOR_CLASS, PXE_CLIENT);
            boolean http = options.startsWith(DhcpOptionCodes.VENDOR_CLASS, HTTP_CLIENT);
            ClientArch arch = null;
            int code = options.getShort(DhcpOptionCodes.CLIENT_ARCH);
            if (code >= 0) {
                arch = ClientArch.ofCode(code).orElse(null);
            } else if (pxe || http) {
                arch = archOfVendorClass(options.getString(DhcpOptionCodes.VENDOR_CLASS));
            }
            if (arch == null && (pxe || http)) {
                arch = http ? ClientArch.EFI_X64_HTTP : ClientArch.BIOS;
            }
            boolean ipxe = options.has(DhcpOptionCodes.IPXE_ENCAPSULATED) || isIpxeUserClass(options.get(DhcpOptionCodes.USER_CLASS));
            return new Client(request.macText(), pxe, http, arch, ipxe,
                    LeaseRecord.safeHostname(options.getString(DhcpOptionCodes.HOST_NAME)));
        }

        boolean boots() {
            return pxe || httpBoot;
        }

        String archLabel() {
            return arch == null ? null : arch.label();
        }
    }

    /** {@code PXEClient:Arch:00007:UNDI:003016} → x64 UEFI. */
    private static ClientArch archOfVendorClass(String vendorClass) {
        int at = vendorClass.indexOf(":Arch:");
        if (at < 0 || vendorClass.length() < at + 11) {
            return null;
        }
        try {
            return ClientArch.ofCode(Integer.parseInt(vendorClass.substring(at + 6, at + 11))).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** iPXE sends its user class as the bare text {@code iPXE}; RFC 3004 clients as length-prefixed items. */
    private static boolean isIpxeUserClass(byte[] value) {
        if (value == null) {
            return false;
        }
        if (Arrays.equals(value, IPXE_USER_CLASS)) {
            return true;
        }
        for (int i = 0; i < value.length; ) {
            int length = value[i] & 0xff;
            if (i + 1 + length > value.length) {
                return false;
            }
            if (Arrays.equals(value, i + 1, i + 1 + length, IPXE_USER_CLASS, 0, IPXE_USER_CLASS.length)) {
                return true;
            }
            i += 1 + length;
        }
        return false;
    }

    // ---------------------------------------------------------------- proxy mode

    private void proxy(DhcpPacket request, Client client, int sourceAddress, int sourcePort, boolean pxePort) {
        DhcpMessage type = request.messageType();
        if (!client.boots()) {
            if (type == DhcpMessage.DISCOVER && !pxePort) {
                publish(client, type, null, null, null, null, "not a PXE client: left to the network's DHCP server");
            }
            return;
        }
        boolean discover = !pxePort && type == DhcpMessage.DISCOVER;
        boolean bootServerRequest = pxePort && (type == DhcpMessage.REQUEST || type == DhcpMessage.INFORM);
        if (!discover && !bootServerRequest) {
            return;
        }
        BootAnswer answer = bootAnswer(client);
        if (answer == null) {
            publish(client, type, null, null, null, null, "no boot file for " + client.archLabel() + " clients");
            return;
        }
        if (discover) {
            DhcpPacket offer = DhcpPacket.replyTo(request).messageType(DhcpMessage.OFFER);
            offer.options().putAddress(DhcpOptionCodes.SERVER_ID, settings.serverId());
            addBootAnswer(offer, request, client, answer);
            int destination = request.giaddr() != 0 ? request.giaddr() : BROADCAST;
            send(offer, request, destination, request.giaddr() != 0 ? SERVER_PORT : CLIENT_PORT, false);
            publish(client, type, DhcpMessage.OFFER, null, answer.bootFile(), null, null);
        } else {
            DhcpPacket ack = DhcpPacket.replyTo(request).messageType(DhcpMessage.ACK);
            ack.ciaddr(request.ciaddr());
            ack.options().putAddress(DhcpOptionCodes.SERVER_ID, settings.serverId());
            addBootAnswer(ack, request, client, answer);
            int destination = sourceAddress != 0 ? sourceAddress : request.ciaddr() != 0 ? request.ciaddr() : BROADCAST;
            send(ack, request, destination, sourcePort, true);
            publish(client, type, DhcpMessage.ACK, request.ciaddr() == 0 ? null : Ipv4.format(request.ciaddr()),
                    answer.bootFile(), null, "boot server discovery (port 4011)");
        }
    }

    /** What the policy says a booting client gets; null for a client that does not boot or gets nothing. */
    private BootAnswer bootAnswer(Client client) {
        if (!client.boots()) {
            return null;
        }
        return bootPolicy.bootFor(new BootClient(client.mac(), client.arch(), client.ipxe())).orElse(null);
    }

    /**
     * Adds what the client boots: next server, boot file (field and option 67), TFTP server (66) for
     * TFTP files, option 60 naming the kind of server, PXE discovery control (43) and the client's
     * GUID echoed (97).
     *
     * @return the boot file told, or null when there is no answer to add
     */
    private String addBootAnswer(DhcpPacket reply, DhcpPacket request, Client client, BootAnswer answer) {
        if (answer == null) {
            return null;
        }
        DhcpOptions options = reply.options();
        options.putString(DhcpOptionCodes.VENDOR_CLASS, client.httpBoot() ? HTTP_CLIENT : PXE_CLIENT);
        reply.siaddr(settings.nextServer());
        reply.fileName(answer.bootFile());
        if (!answer.isUrl()) {
            options.putString(DhcpOptionCodes.TFTP_SERVER_NAME, Ipv4.format(settings.nextServer()));
        }
        options.putString(DhcpOptionCodes.BOOT_FILE_NAME, answer.bootFile());
        if (client.pxe()) {
            options.put(DhcpOptionCodes.VENDOR_SPECIFIC, PXE_VENDOR_OPTIONS);
        }
        byte[] guid = request.options().get(DhcpOptionCodes.CLIENT_UUID);
        if (guid != null) {
            options.put(DhcpOptionCodes.CLIENT_UUID, guid);
        }
        return answer.bootFile();
    }

    // ---------------------------------------------------------------- full mode

    private void full(DhcpPacket request, Client client) {
        if (request.htype() != DhcpPacket.HTYPE_ETHERNET || request.hlen() != 6) {
            return;
        }
        long now = clock.getAsLong();
        long mac = request.macKey();
        switch (request.messageType()) {
            case DISCOVER -> discover(request, client, mac, now);
            case REQUEST -> request(request, client, mac, now);
            case DECLINE -> decline(request, client, mac, now);
            case RELEASE -> release(request, client, mac);
            case INFORM -> inform(request, client);
            default -> {
                // OFFER, ACK, NAK come from servers, not clients: nothing to answer
            }
        }
    }

    private void discover(DhcpPacket request, Client client, long mac, long now) {
        if (checking.contains(mac)) {
            return;
        }
        int address = table.offer(mac, request.options().getInt(DhcpOptionCodes.REQUESTED_ADDRESS, 0), now,
                now + OFFER_HOLD_MILLIS);
        if (address == 0) {
            publish(client, DhcpMessage.DISCOVER, null, null, null, null, "no free address left in "
                    + table.range() + ": make the range larger or the lease shorter");
            return;
        }
        if (conflictCheck == null || table.reservation(mac) != null || isChecked(address)) {
            offer(request, client, address);
            return;
        }
        checking.add(mac);
        conflictCheck.check(address, result -> packetThread.execute(() -> checked(request, client, mac, address, result)));
    }

    /** A conflict check's result, back on the packet thread. */
    private void checked(DhcpPacket request, Client client, long mac, int address, ConflictCheck.Result result) {
        checking.remove(mac);
        if (!answering) {
            return;
        }
        long now = clock.getAsLong();
        switch (result) {
            case FREE -> {
                markChecked(address);
                if (table.ownerOf(address) == mac && table.stateOf(address) == LeaseTable.State.OFFERED) {
                    offer(request, client, address);
                }
            }
            case IN_USE -> {
                table.quarantine(address, now + QUARANTINE_MILLIS);
                appendToJournal(LeaseRecord.quarantine(address, now + QUARANTINE_MILLIS), null);
                publish(client, DhcpMessage.DISCOVER, null, Ipv4.format(address), null, null,
                        "address already in use by a machine that answers ping/ARP: skipped for 10 minutes");
                discover(request, client, mac, now);
            }
            case BUSY -> table.withdrawOffer(mac);
        }
    }

    private boolean isChecked(int address) {
        return checked.get(address - table.range().first());
    }

    private void markChecked(int address) {
        if (table.range().contains(address)) {
            checked.set(address - table.range().first());
        }
    }

    private void offer(DhcpPacket request, Client client, int address) {
        DhcpPacket offer = DhcpPacket.replyTo(request).messageType(DhcpMessage.OFFER);
        offer.yiaddr(address);
        addLeaseOptions(offer, table.reservation(request.macKey()));
        String bootFile = addBootAnswer(offer, request, client, bootAnswer(client));
        sendToClient(offer, request);
        publish(client, DhcpMessage.DISCOVER, DhcpMessage.OFFER, Ipv4.format(address), bootFile, null, null);
    }

    private void request(DhcpPacket request, Client client, long mac, long now) {
        DhcpOptions options = request.options();
        int serverId = options.getInt(DhcpOptionCodes.SERVER_ID, 0);
        if (serverId != 0 && serverId != settings.serverId()) {
            table.withdrawOffer(mac);
            return;
        }
        int requested = options.getInt(DhcpOptionCodes.REQUESTED_ADDRESS, 0);
        int address = requested != 0 ? requested : request.ciaddr();
        if (address == 0) {
            return;
        }
        if (serverId == 0 && !settings.inSubnet(address)) {
            nak(request, client, address, "the client's address " + Ipv4.format(address) + " is not of this network");
            return;
        }
        Reservation reservation = table.reservation(mac);
        String hostname = client.hostname() != null ? client.hostname() : reservation == null ? null : reservation.hostname();
        long expires = now + settings.leaseTime().toMillis();
        if (!table.lease(mac, address, now, expires, hostname)) {
            nak(request, client, address, table.manages(address)
                    ? Ipv4.format(address) + " belongs to another client"
                    : Ipv4.format(address) + " is not in the range this server gives out");
            return;
        }
        markChecked(address);
        DhcpPacket ack = DhcpPacket.replyTo(request).messageType(DhcpMessage.ACK);
        ack.yiaddr(address);
        ack.ciaddr(request.ciaddr());
        addLeaseOptions(ack, reservation);
        String bootFile = addBootAnswer(ack, request, client, bootAnswer(client));
        int length = ack.encode(scratch, maxReplyLength(request));
        int destination = destination(request);
        DhcpExchange exchange = new DhcpExchange(Instant.ofEpochMilli(now), client.mac(), DhcpMessage.REQUEST,
                DhcpMessage.ACK, client.archLabel(), Ipv4.format(address), hostname, bootFile,
                Instant.ofEpochMilli(expires), null);
        appendToJournal(LeaseRecord.lease(mac, address, expires, hostname),
                new PendingAck(Arrays.copyOf(scratch, length), destination,
                        request.giaddr() != 0 ? SERVER_PORT : CLIENT_PORT, exchange));
    }

    /** Sends ACKs whose leases are now on disk; called on the packet thread with the journal's tokens, in order. */
    void sendDurable(List<Object> tokens) {
        for (Object token : tokens) {
            if (token instanceof PendingAck ack) {
                transport.send(ack.message(), ack.message().length, ack.address(), ack.port(), false);
                events.accept(ack.exchange());
            }
        }
    }

    private void nak(DhcpPacket request, Client client, int address, String why) {
        DhcpPacket nak = DhcpPacket.replyTo(request).messageType(DhcpMessage.NAK);
        nak.options().putAddress(DhcpOptionCodes.SERVER_ID, settings.serverId());
        nak.options().putString(DhcpOptionCodes.MESSAGE, why);
        if (request.giaddr() != 0) {
            nak.flags(request.flags() | DhcpPacket.FLAG_BROADCAST);
            send(nak, request, request.giaddr(), SERVER_PORT, false);
        } else {
            send(nak, request, BROADCAST, CLIENT_PORT, false);
        }
        publish(client, DhcpMessage.REQUEST, DhcpMessage.NAK, Ipv4.format(address), null, null, why);
    }

    private void decline(DhcpPacket request, Client client, long mac, long now) {
        int address = request.options().getInt(DhcpOptionCodes.REQUESTED_ADDRESS, 0);
        if (address == 0 || table.ownerOf(address) != mac) {
            return;
        }
        table.quarantine(address, now + QUARANTINE_MILLIS);
        appendToJournal(LeaseRecord.quarantine(address, now + QUARANTINE_MILLIS), null);
        publish(client, DhcpMessage.DECLINE, null, Ipv4.format(address), null, null,
                "the client found the address in use: skipped for 10 minutes");
    }

    private void release(DhcpPacket request, Client client, long mac) {
        int address = request.ciaddr();
        if (address != 0 && table.release(mac, address)) {
            appendToJournal(LeaseRecord.release(mac, address), null);
            publish(client, DhcpMessage.RELEASE, null, Ipv4.format(address), null, null, null);
        }
    }

    private void inform(DhcpPacket request, Client client) {
        DhcpPacket ack = DhcpPacket.replyTo(request).messageType(DhcpMessage.ACK);
        ack.ciaddr(request.ciaddr());
        addNetworkOptions(ack);
        String bootFile = addBootAnswer(ack, request, client, bootAnswer(client));
        sendToClient(ack, request);
        publish(client, DhcpMessage.INFORM, DhcpMessage.ACK,
                request.ciaddr() == 0 ? null : Ipv4.format(request.ciaddr()), bootFile, null, null);
    }

    private void addLeaseOptions(DhcpPacket reply, Reservation reservation) {
        DhcpOptions options = reply.options();
        options.putAddress(DhcpOptionCodes.SERVER_ID, settings.serverId());
        long seconds = settings.leaseTime().toSeconds();
        options.putInt(DhcpOptionCodes.LEASE_TIME, (int) seconds);
        options.putInt(DhcpOptionCodes.RENEWAL_TIME, (int) (seconds / 2));
        options.putInt(DhcpOptionCodes.REBINDING_TIME, (int) (seconds * 7 / 8));
        addNetworkOptions(reply);
        if (reservation != null && reservation.hostname() != null) {
            options.putString(DhcpOptionCodes.HOST_NAME, reservation.hostname());
        }
    }

    private void addNetworkOptions(DhcpPacket reply) {
        DhcpOptions options = reply.options();
        options.putAddress(DhcpOptionCodes.SERVER_ID, settings.serverId());
        options.putAddress(DhcpOptionCodes.SUBNET_MASK, settings.netmask());
        options.putAddress(DhcpOptionCodes.BROADCAST_ADDRESS, settings.broadcast());
        if (settings.router() != 0) {
            options.putAddress(DhcpOptionCodes.ROUTER, settings.router());
        }
        if (!settings.dns().isEmpty()) {
            options.putAddresses(DhcpOptionCodes.DNS_SERVERS, settings.dns());
        }
        if (settings.domain() != null) {
            options.putString(DhcpOptionCodes.DOMAIN_NAME, settings.domain());
        }
    }

    private void appendToJournal(LeaseRecord record, PendingAck ack) {
        journal.append(record, ack);
        journalRecords++;
        if (journalRecords > Math.max(COMPACT_AFTER, 2L * table.range().size())) {
            List<LeaseRecord> snapshot = table.snapshot();
            journal.compact(snapshot);
            journalRecords = snapshot.size();
        }
    }

    /**
     * RFC 2131 §4.1: to the relay when there is one, to the client's address when it has one, else
     * broadcast — also when the broadcast flag is not set, since a client without an address can only
     * be reached by unicast with a hand-made ARP entry, which a socket cannot make.
     */
    private static int destination(DhcpPacket request) {
        if (request.giaddr() != 0) {
            return request.giaddr();
        }
        return request.ciaddr() != 0 ? request.ciaddr() : BROADCAST;
    }

    private void sendToClient(DhcpPacket reply, DhcpPacket request) {
        int destination = destination(request);
        send(reply, request, destination, request.giaddr() != 0 ? SERVER_PORT : CLIENT_PORT, false);
    }

    private void send(DhcpPacket reply, DhcpPacket request, int address, int port, boolean fromPxePort) {
        int length = reply.encode(scratch, maxReplyLength(request));
        transport.send(scratch, length, address, port, fromPxePort);
    }

    /** The client's maximum message size (option 57) less IP and UDP headers, at least 548, at most one frame. */
    private static int maxReplyLength(DhcpPacket request) {
        int asked = request.options().getShort(DhcpOptionCodes.MAX_MESSAGE_SIZE);
        int size = Math.max(DhcpPacket.MIN_MAX_MESSAGE_SIZE, asked) - IP_UDP_HEADERS;
        return Math.min(size, MAX_REPLY);
    }

    private void publish(Client client, DhcpMessage request, DhcpMessage reply, String address, String bootFile,
                         Instant expires, String note) {
        events.accept(exchange(client, request, reply, address, bootFile, expires, note));
    }

    private DhcpExchange exchange(Client client, DhcpMessage request, DhcpMessage reply, String address,
                                  String bootFile, Instant expires, String note) {
        return new DhcpExchange(Instant.ofEpochMilli(clock.getAsLong()), client.mac(), request, reply,
                client.archLabel(), address, client.hostname(), bootFile, expires, note);
    }

    /** The leases that have not ended (full mode), for the console; empty in proxy mode. */
    List<Lease> leases() {
        return table == null ? List.of() : table.leases(clock.getAsLong());
    }
}
