package io.lpmos.engine.dhcp;

import io.lpmos.engine.net.Ipv4;
import io.lpmos.engine.net.Ipv4Range;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Full mode's address pool: who holds which address, offered or leased, until when. One address is
 * never held by two MACs: an address is offered or leased to one MAC at a time, and an address another
 * MAC offered, leased or declined is skipped until that ends. A MAC keeps getting its own address back
 * (also after its lease expired, unless someone else took it since). Reserved addresses are only
 * ever given to their MAC. Arrays indexed by address keep it small and fast for a /16.
 *
 * <p>Not thread-safe: confined to the DHCP server's packet thread.
 */
final class LeaseTable {
    /** What an address is doing now. */
    enum State { FREE, OFFERED, LEASED, DECLINED }

    private static final byte FREE = 0;
    private static final byte OFFERED = 1;
    private static final byte LEASED = 2;
    private static final byte DECLINED = 3;
    /** Not ours to give: the server's address, the router, network and broadcast addresses, reservations. */
    private static final byte EXCLUDED = 4;

    private final Ipv4Range range;
    private final long[] owner;
    private final long[] until;
    private final byte[] state;
    private final String[] hostname;
    private final LongIntMap byMac;
    private final Map<Long, Reservation> reservations = new HashMap<>();
    private final Map<Integer, Reservation> reservedAddresses = new HashMap<>();
    /** Reserved addresses outside the range: their lease end by MAC. */
    private final Map<Long, Long> reservedUntil = new HashMap<>();
    /** Next address never given to anyone, as an index. */
    private int fresh;
    /** Where the search for a reusable address goes on from. */
    private int sweep;

    /**
     * @param excluded     addresses of the range never to give (the server's own, the router, ...)
     * @param reservations fixed addresses by MAC; those in the range are excluded from the pool
     */
    LeaseTable(Ipv4Range range, Set<Integer> excluded, List<Reservation> reservations) {
        this.range = range;
        int size = range.size();
        owner = new long[size];
        until = new long[size];
        state = new byte[size];
        hostname = new String[size];
        byMac = new LongIntMap(size);
        for (int address : excluded) {
            if (range.contains(address)) {
                state[index(address)] = EXCLUDED;
            }
        }
        for (Reservation reservation : reservations) {
            this.reservations.put(reservation.mac(), reservation);
            reservedAddresses.put(reservation.address(), reservation);
            if (range.contains(reservation.address())) {
                state[index(reservation.address())] = EXCLUDED;
            }
        }
    }

    Ipv4Range range() {
        return range;
    }

    private int index(int address) {
        return address - range.first();
    }

    private int address(int index) {
        return range.first() + index;
    }

    /** The reservation of {@code mac}, or null. */
    Reservation reservation(long mac) {
        return reservations.get(mac);
    }

    /**
     * Picks the address to offer {@code mac} and holds it for the offer: its reservation, else the
     * address it holds or held, else {@code requested} when that is free, else one never given, else
     * one whose holder's time is over.
     *
     * @param requested the address the client asks for (option 50), 0 when none
     * @return the address, or 0 when the pool is exhausted
     */
    int offer(long mac, int requested, long now, long holdUntil) {
        Reservation reserved = reservations.get(mac);
        if (reserved != null) {
            return reserved.address();
        }
        int held = byMac.get(mac);
        if (held != LongIntMap.MISSING && owner[held] == mac && state[held] != DECLINED) {
            if (state[held] != LEASED || until[held] <= now) {
                state[held] = OFFERED;
                until[held] = Math.max(until[held], holdUntil);
            }
            return address(held);
        }
        if (requested != 0 && range.contains(requested) && available(index(requested), mac, now)) {
            return hold(index(requested), mac, holdUntil);
        }
        while (fresh < owner.length) {
            int candidate = fresh++;
            if (state[candidate] == FREE && owner[candidate] == 0) {
                return hold(candidate, mac, holdUntil);
            }
        }
        for (int scanned = 0; scanned < owner.length; scanned++) {
            int candidate = sweep;
            sweep = (sweep + 1) % owner.length;
            if (available(candidate, mac, now)) {
                return hold(candidate, mac, holdUntil);
            }
        }
        return 0;
    }

    /** True when {@code mac} may take the address at {@code index} now. */
    private boolean available(int index, long mac, long now) {
        byte s = state[index];
        if (s == EXCLUDED) {
            return false;
        }
        if (owner[index] == mac && s != DECLINED) {
            return true;
        }
        return s == FREE || until[index] <= now;
    }

    private int hold(int index, long mac, long holdUntil) {
        take(index, mac);
        state[index] = OFFERED;
        until[index] = holdUntil;
        return address(index);
    }

    /** Gives the address at {@code index} to {@code mac}, forgetting its previous holder's claim to it. */
    private void take(int index, long mac) {
        long previous = owner[index];
        if (previous != 0 && previous != mac) {
            byMac.remove(previous, index);
        }
        int before = byMac.put(mac, index);
        if (before != LongIntMap.MISSING && before != index && owner[before] == mac) {
            state[before] = FREE;
            until[before] = 0;
        }
        owner[index] = mac;
        hostname[index] = null;
    }

    /**
     * Grants {@code mac} a lease on {@code address} (REQUEST): allowed for its reservation, or an address
     * of the range it holds or that is free for it.
     *
     * @return true when leased; false when the address is not {@code mac}'s to have (NAK)
     */
    boolean lease(long mac, int address, long now, long expires, String clientHostname) {
        Reservation reserved = reservations.get(mac);
        if (reserved != null) {
            if (reserved.address() != address) {
                return false;
            }
            if (range.contains(address)) {
                until[index(address)] = expires;
            } else {
                reservedUntil.put(mac, expires);
            }
            return true;
        }
        if (!range.contains(address) || reservedAddresses.containsKey(address)) {
            return false;
        }
        int index = index(address);
        if (!available(index, mac, now)) {
            return false;
        }
        take(index, mac);
        state[index] = LEASED;
        until[index] = expires;
        hostname[index] = clientHostname;
        return true;
    }

    /** True when the address is one this table gives out (the range or a reservation). */
    boolean manages(int address) {
        return range.contains(address) || reservedAddresses.containsKey(address);
    }

    /** The client gave its address back (RELEASE): free, but it stays first in line for it. */
    boolean release(long mac, int address) {
        if (!range.contains(address)) {
            return reservedUntil.remove(mac) != null;
        }
        int index = index(address);
        if (owner[index] != mac || state[index] != LEASED && state[index] != OFFERED) {
            return false;
        }
        state[index] = FREE;
        until[index] = 0;
        return true;
    }

    /** The client chose another server's offer: our offer to it is withdrawn. */
    void withdrawOffer(long mac) {
        int held = byMac.get(mac);
        if (held != LongIntMap.MISSING && owner[held] == mac && state[held] == OFFERED) {
            state[held] = FREE;
            until[held] = 0;
        }
    }

    /**
     * The address is in use by someone we do not know (the client declined it, or the conflict check
     * found it answering): nobody gets it until {@code until}.
     */
    void quarantine(int address, long untilMillis) {
        if (!range.contains(address)) {
            return;
        }
        int index = index(address);
        if (state[index] == EXCLUDED) {
            return;
        }
        long previous = owner[index];
        if (previous != 0) {
            byMac.remove(previous, index);
        }
        owner[index] = 0;
        state[index] = DECLINED;
        until[index] = untilMillis;
        hostname[index] = null;
    }

    /** What the address is doing now (a reserved address outside the range counts as leased). */
    State stateOf(int address) {
        if (!range.contains(address)) {
            return reservedAddresses.containsKey(address) ? State.LEASED : State.FREE;
        }
        return switch (state[index(address)]) {
            case OFFERED -> State.OFFERED;
            case LEASED -> State.LEASED;
            case DECLINED -> State.DECLINED;
            default -> State.FREE;
        };
    }

    /** The holder of {@code address} ({@link MacAddress} key), 0 when none. */
    long ownerOf(int address) {
        return range.contains(address) ? owner[index(address)] : 0;
    }

    /** Replays the journal's records in order (start-up). */
    void restore(List<LeaseRecord> records) {
        for (LeaseRecord record : records) {
            switch (record.kind()) {
                case LEASE -> restoreLease(record.mac(), record.address(), record.until(), record.hostname());
                case RELEASE -> release(record.mac(), record.address());
                case QUARANTINE -> quarantine(record.address(), record.until());
            }
        }
    }

    /** Restores a lease from the journal: like a granted lease, whatever the clock says. */
    private void restoreLease(long mac, int address, long expires, String clientHostname) {
        if (!range.contains(address)) {
            if (reservations.containsKey(mac)) {
                reservedUntil.put(mac, expires);
            }
            return;
        }
        int index = index(address);
        if (state[index] == EXCLUDED) {
            return;
        }
        take(index, mac);
        state[index] = LEASED;
        until[index] = expires;
        hostname[index] = clientHostname;
    }

    /** Every lease and quarantine to keep, as journal records, for compaction. */
    List<LeaseRecord> snapshot() {
        List<LeaseRecord> records = new ArrayList<>();
        for (int i = 0; i < owner.length; i++) {
            if (state[i] == LEASED) {
                records.add(LeaseRecord.lease(owner[i], address(i), until[i], hostname[i]));
            } else if (state[i] == DECLINED) {
                records.add(LeaseRecord.quarantine(address(i), until[i]));
            }
        }
        for (Map.Entry<Long, Long> reserved : reservedUntil.entrySet()) {
            Reservation reservation = reservations.get(reserved.getKey());
            if (reservation != null) {
                records.add(LeaseRecord.lease(reserved.getKey(), reservation.address(), reserved.getValue(),
                        reservation.hostname()));
            }
        }
        return records;
    }

    /** The leases that have not ended, for the console. */
    List<Lease> leases(long now) {
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < owner.length; i++) {
            if (state[i] == LEASED && until[i] > now) {
                leases.add(new Lease(MacAddress.format(owner[i]), Ipv4.format(address(i)), hostname[i],
                        Instant.ofEpochMilli(until[i])));
            }
        }
        for (Map.Entry<Long, Long> reserved : reservedUntil.entrySet()) {
            Reservation reservation = reservations.get(reserved.getKey());
            if (reservation != null && reserved.getValue() > now) {
                leases.add(new Lease(MacAddress.format(reserved.getKey()), Ipv4.format(reservation.address()),
                        reservation.hostname(), Instant.ofEpochMilli(reserved.getValue())));
            }
        }
        return leases;
    }

    /** Addresses leased or offered and not yet ended, for start-up messages and tests. */
    int inUse(long now) {
        int count = 0;
        for (int i = 0; i < owner.length; i++) {
            if ((state[i] == LEASED || state[i] == OFFERED) && until[i] > now) {
                count++;
            }
        }
        return count;
    }

    /** Addresses of the range the table may give out (not excluded, not reserved). */
    int capacity() {
        int count = 0;
        for (byte s : state) {
            if (s != EXCLUDED) {
                count++;
            }
        }
        return count;
    }
}
