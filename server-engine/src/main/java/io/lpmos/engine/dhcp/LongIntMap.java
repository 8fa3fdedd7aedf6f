package io.lpmos.engine.dhcp;

/**
 * A map from {@code long} keys (MAC keys, never 0) to {@code int} values without boxing: open
 * addressing with linear probing in two arrays, so a table of 60,000 clients is two arrays for the
 * garbage collector instead of 180,000 objects. Not thread-safe.
 */
final class LongIntMap {
    static final int MISSING = -1;
    private static final long EMPTY = 0;

    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }

    /** The value of {@code key}, or {@link #MISSING}. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = i + 1 & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return MISSING;
            }
        }
    }

    /** Sets {@code key} to {@code value} (not negative); returns the previous value or {@link #MISSING}. */
    int put(long key, int value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("0 is not a key");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = i + 1 & mask) {
            long k = keys[i];
            if (k == key) {
                int previous = values[i];
                values[i] = value;
                return previous;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return MISSING;
            }
        }
    }

    /** Removes {@code key} when it maps to {@code value}; returns whether it did. */
    boolean remove(long key, int value) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = i + 1 & mask) {
            long k = keys[i];
            if (k == EMPTY) {
                return false;
            }
            if (k == key) {
                if (values[i] != value) {
                    return false;
                }
                deleteAt(i);
                return true;
            }
        }
    }

    /** Backward-shift deletion: later entries of the run move up so lookups never stop early. */
    private void deleteAt(int hole) {
        int mask = keys.length - 1;
        int i = hole;
        while (true) {
            i = i + 1 & mask;
            long k = keys[i];
            if (k == EMPTY) {
                break;
            }
            int home = slot(k, mask);
            boolean movable = hole <= i ? home <= hole || home > i : home <= hole && home > i;
            if (movable) {
                keys[hole] = k;
                values[hole] = values[i];
                hole = i;
            }
        }
        keys[hole] = EMPTY;
        size--;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    int size() {
        return size;
    }
}
