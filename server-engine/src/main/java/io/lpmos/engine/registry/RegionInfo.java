package io.lpmos.engine.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What a regional client announces about itself under {@code /os/region/<idc>} (SPEC §8). Serialised
 * by {@link #toJson()} with exactly these snake_case names, e.g.
 * <pre>{"idc":"mailong-test","server_ip":"192.168.246.140","api_port":8081,"services":["http","tftp"],
 * "version":"0.1.0","started_at":"2026-02-04T14:00:00Z"}</pre>
 * Immutable.
 *
 * @param idc       name of the site
 * @param serverIp  address clients and the central team reach this site at
 * @param apiPort   port of the HTTP API actually listening
 * @param services  names of the services running now, in start order (e.g. {@code http}, {@code tftp})
 * @param version   engine version
 * @param startedAt when this regional client started; kept to whole seconds and written as RFC 3339 UTC
 */
@JsonPropertyOrder({"idc", "server_ip", "api_port", "services", "version", "started_at"})
public record RegionInfo(
        @JsonProperty("idc") String idc,
        @JsonProperty("server_ip") String serverIp,
        @JsonProperty("api_port") int apiPort,
        @JsonProperty("services") List<String> services,
        @JsonProperty("version") String version,
        @JsonProperty("started_at") @JsonSerialize(using = ToStringSerializer.class) Instant startedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RegionInfo {
        Objects.requireNonNull(idc, "idc");
        Objects.requireNonNull(serverIp, "serverIp");
        Objects.requireNonNull(version, "version");
        services = List.copyOf(services);
        startedAt = startedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The value written to etcd: one line of JSON, fields in the documented order. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("region info cannot be written as JSON", e);
        }
    }
}
