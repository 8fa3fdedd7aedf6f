package io.lpmos.console.boottree;

/** What to do when a dropped file or folder has the name of an entry already in the target folder. */
public enum ClashDecision {
    /** Put the new copy in place of the existing entry, once the copy is complete. */
    REPLACE,
    /** Keep the existing entry and give the copy a free name: {@code name (1).ext}, {@code name (2).ext}, … */
    KEEP_BOTH,
    /** Do not copy this entry. */
    SKIP
}
