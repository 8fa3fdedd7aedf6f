package io.lpmos.engine.dhcp;

/**
 * Another DHCP server that answered the rogue-server probe.
 *
 * @param address   its server identifier (option 54), else the address the offer came from
 * @param offered   the address it offered the probe, null for a proxyDHCP answer (no address)
 * @param prefix    the netmask it gave as a prefix length, -1 when it gave none
 * @param router    the router it gave, null when none
 * @param pxeAware  it answered like a PXE server: option 60 {@code PXEClient}, a boot file or PXE options (43)
 */
public record OtherServer(String address, String offered, int prefix, String router, boolean pxeAware) {
    /** {@code 192.168.1.1 (offers 192.168.1.57/24, router 192.168.1.1, PXE-aware)}. */
    public String describe() {
        StringBuilder text = new StringBuilder(address).append(" (");
        if (offered == null) {
            text.append("proxyDHCP, no addresses");
        } else {
            text.append("offers ").append(offered).append(prefix >= 0 ? "/" + prefix : "");
            if (router != null) {
                text.append(", router ").append(router);
            }
        }
        return text.append(pxeAware ? ", PXE-aware)" : ", not PXE-aware)").toString();
    }
}
