package io.lpmos.console.fetches;

import java.nio.file.Path;
import java.util.List;

/** The questions the Fetches view asks the operator; the window answers with a file dialog. Called on the FX thread. */
public interface FetchDialogs {
    /** Profile files to import (empty when the operator cancelled). */
    List<Path> chooseProfiles();
}
