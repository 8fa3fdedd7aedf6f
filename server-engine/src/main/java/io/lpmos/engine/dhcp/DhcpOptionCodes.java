package io.lpmos.engine.dhcp;

/** The DHCP option codes this server reads or writes (RFC 2132, RFC 4578, RFC 3004, iPXE). */
public final class DhcpOptionCodes {
    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DNS_SERVERS = 6;
    public static final int HOST_NAME = 12;
    public static final int DOMAIN_NAME = 15;
    public static final int BROADCAST_ADDRESS = 28;
    /** Vendor-specific information; for PXE clients the PXE sub-options (discovery control). */
    public static final int VENDOR_SPECIFIC = 43;
    public static final int REQUESTED_ADDRESS = 50;
    public static final int LEASE_TIME = 51;
    /** Option overload: 1 the {@code file} field holds options, 2 the {@code sname} field, 3 both. */
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    /** Vendor class identifier: {@code PXEClient:Arch:00007:UNDI:003016}, {@code HTTPClient:...}. */
    public static final int VENDOR_CLASS = 60;
    public static final int CLIENT_ID = 61;
    public static final int TFTP_SERVER_NAME = 66;
    public static final int BOOT_FILE_NAME = 67;
    /** User class; iPXE sends {@code iPXE}. */
    public static final int USER_CLASS = 77;
    /** Client system architecture (RFC 4578). */
    public static final int CLIENT_ARCH = 93;
    /** Client network device interface (RFC 4578). */
    public static final int CLIENT_NDI = 94;
    /** Client machine identifier, a GUID (RFC 4578); PXE servers echo it. */
    public static final int CLIENT_UUID = 97;
    /** iPXE's encapsulated options: present only in requests from iPXE. */
    public static final int IPXE_ENCAPSULATED = 175;
    public static final int END = 255;

    private DhcpOptionCodes() {
    }
}
