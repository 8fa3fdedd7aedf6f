package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        LongIntMap map = new LongIntMap(4);
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(3);
        for (int step = 0; step < 200_000; step++) {
            long key = 1 + random.nextInt(3000);
            int value = random.nextInt(1000);
            if (random.nextInt(3) == 0) {
                Integer current = expected.get(key);
                boolean removeIt = current != null && random.nextBoolean();
                int asked = removeIt ? current : value;
                boolean removed = map.remove(key, asked);
                assertThat(removed).isEqualTo(current != null && current == asked);
                if (removed) {
                    expected.remove(key);
                }
            } else {
                Integer before = expected.put(key, value);
                assertThat(map.put(key, value)).isEqualTo(before == null ? LongIntMap.MISSING : before);
            }
            long probe = 1 + random.nextInt(3000);
            assertThat(map.get(probe)).isEqualTo(expected.getOrDefault(probe, LongIntMap.MISSING));
        }
        assertThat(map.size()).isEqualTo(expected.size());
    }
}
