package io.lpmos.engine.dhcp;

import io.lpmos.engine.net.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code --dhcp-reservations} file: one {@code MAC IP [hostname]} per line (spaces, tabs or
 * commas between), {@code #} starts a comment, e.g.
 * <pre>
 * # rack 3
 * 52:54:00:12:34:56  10.0.0.20  node-20
 * </pre>
 */
final class Reservations {
    private Reservations() {
    }

    /**
     * @throws IOException with an operator-worded message naming the file, the line and what is wrong
     */
    static List<Reservation> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("the DHCP reservations file " + file + " does not exist — create it"
                    + " (one 'MAC IP [hostname]' per line) or leave --dhcp-reservations out", e);
        } catch (IOException e) {
            throw new IOException("cannot read the DHCP reservations file " + file + ": " + e.getMessage(), e);
        }
        List<Reservation> reservations = new ArrayList<>();
        Map<Long, Integer> macLines = new HashMap<>();
        Map<Integer, Integer> addressLines = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            int number = i + 1;
            String[] fields = content.split("[\\s,]+");
            if (fields.length < 2 || fields.length > 3) {
                throw new IOException(where(file, number) + "expected 'MAC IP [hostname]', found '" + content + "'");
            }
            long mac;
            int address;
            try {
                mac = MacAddress.parseEthernet(fields[0]);
                address = Ipv4.parse(fields[1]);
            } catch (IllegalArgumentException e) {
                throw new IOException(where(file, number) + e.getMessage(), e);
            }
            Integer macBefore = macLines.putIfAbsent(mac, number);
            if (macBefore != null) {
                throw new IOException(where(file, number) + fields[0] + " is already reserved on line " + macBefore);
            }
            Integer addressBefore = addressLines.putIfAbsent(address, number);
            if (addressBefore != null) {
                throw new IOException(where(file, number) + fields[1] + " is already reserved for another MAC on line "
                        + addressBefore + ": one address, one machine");
            }
            reservations.add(new Reservation(mac, address, fields.length == 3 ? LeaseRecord.safeHostname(fields[2]) : null));
        }
        return reservations;
    }

    private static String where(Path file, int line) {
        return "line " + line + " of the DHCP reservations file " + file + ": ";
    }
}
