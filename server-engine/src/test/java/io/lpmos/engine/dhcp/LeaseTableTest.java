package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.net.Ipv4;
import io.lpmos.engine.net.Ipv4Range;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaseTableTest {
    private static final Ipv4Range RANGE = Ipv4Range.parse("10.0.0.10-10.0.0.19");
    private static final long HOUR = 3_600_000;

    @Test
    void excludedAddressesAreNeverGiven() {
        LeaseTable table = new LeaseTable(RANGE, Set.of(Ipv4.parse("10.0.0.10"), Ipv4.parse("10.0.0.12")), List.of());

        assertThat(table.capacity()).isEqualTo(8);
        assertThat(Ipv4.format(table.offer(1, 0, 0, 100))).isEqualTo("10.0.0.11");
        assertThat(Ipv4.format(table.offer(2, Ipv4.parse("10.0.0.12"), 0, 100))).isEqualTo("10.0.0.13");
        assertThat(table.lease(3, Ipv4.parse("10.0.0.10"), 0, HOUR, null)).isFalse();
    }

    @Test
    void anExpiredLeaseGoesBackToThePoolOnlyWhenNothingFreshIsLeft() {
        LeaseTable table = new LeaseTable(Ipv4Range.parse("10.0.0.10-10.0.0.11"), Set.of(), List.of());
        assertThat(table.lease(1, Ipv4.parse("10.0.0.10"), 0, HOUR, "a")).isTrue();
        assertThat(table.lease(2, Ipv4.parse("10.0.0.11"), 0, HOUR, "b")).isTrue();

        assertThat(table.offer(3, 0, HOUR - 1, HOUR + 60_000)).isZero();
        assertThat(Ipv4.format(table.offer(3, 0, HOUR, HOUR + 60_000))).isEqualTo("10.0.0.10");
        assertThat(table.ownerOf(Ipv4.parse("10.0.0.10"))).isEqualTo(3);
        assertThat(Ipv4.format(table.offer(1, 0, HOUR, HOUR + 60_000))).isEqualTo("10.0.0.11");
    }

    /** One lease per MAC: a client that takes another address gives up the one it had. */
    @Test
    void aRandomStormNeverGivesOneAddressToTwoMacs() {
        Ipv4Range range = Ipv4Range.parse("10.0.0.0-10.0.0.99");
        LeaseTable table = new LeaseTable(range, Set.of(), List.of());
        Random random = new Random(42);
        Map<Integer, Long> leasedUntil = new HashMap<>();
        Map<Integer, Long> holder = new HashMap<>();
        Map<Long, Integer> addressOf = new HashMap<>();
        long now = 0;
        for (int step = 0; step < 200_000; step++) {
            now += random.nextInt(50);
            long mac = 1 + random.nextInt(150);
            int requested = random.nextBoolean() ? range.first() + random.nextInt(100) : 0;
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    int offered = table.offer(mac, requested, now, now + 60_000);
                    if (offered != 0 && holder.containsKey(offered) && holder.get(offered) != mac) {
                        assertThat(leasedUntil.get(offered)).as("offered %s to %d while leased to %d", Ipv4.format(offered),
                                mac, holder.get(offered)).isLessThanOrEqualTo(now);
                    }
                }
                case 2 -> {
                    int address = requested != 0 ? requested : table.offer(mac, 0, now, now + 60_000);
                    if (address != 0 && table.lease(mac, address, now, now + 10_000, null)) {
                        Long other = holder.get(address);
                        if (other != null && other != mac) {
                            assertThat(leasedUntil.get(address)).as("leased %s to %d while leased to %d",
                                    Ipv4.format(address), mac, other).isLessThanOrEqualTo(now);
                        }
                        Integer before = addressOf.put(mac, address);
                        if (before != null && before != address) {
                            leasedUntil.put(before, now);
                        }
                        holder.put(address, mac);
                        leasedUntil.put(address, now + 10_000);
                    }
                }
                default -> {
                    Integer address = addressOf.get(mac);
                    if (address != null && table.release(mac, address)) {
                        leasedUntil.put(address, now);
                    }
                }
            }
        }
    }
}
