"""A PXE ROM's first steps, scripted with scapy, for the proxyDHCP test.

Usage: pxe-client.py IFACE MAC
  1. broadcasts a DHCPDISCOVER as a BIOS PXE ROM does (vendor class PXEClient:Arch:00000:UNDI:002001,
     options 93, 94 and 97), collects every OFFER for 3 s and prints one JSON line per offer;
  2. takes the offer that carries an address, REQUESTs it, configures the address it was ACKed;
  3. asks the proxy server (the offer with option 60 PXEClient and no address) on port 4011, like
     UEFI firmware and iPXE do, and prints the ACK as a JSON line with "step": "4011".
"""
import json
import socket
import subprocess
import sys
import time

from scapy.all import BOOTP, DHCP, IP, UDP, AsyncSniffer, Ether, conf, mac2str, sendp
from scapy.layers.dhcp import DHCPRevOptions

iface, mac = sys.argv[1], sys.argv[2]
conf.checkIPaddr = False
xid = 0x5ca1ab1e
guid = bytes([0] + list(range(1, 17)))
pxe_options = [("vendor_class_id", b"PXEClient:Arch:00000:UNDI:002001"),
               (93, b"\x00\x00"), (94, b"\x01\x02\x01"), (97, guid)]


def options_of(packet):
    """Options by name as scapy names them, and by code for the ones scapy has a name for."""
    found = {}
    for option in packet[DHCP].options:
        if isinstance(option, tuple):
            found[option[0]] = option[1]
            if option[0] in DHCPRevOptions:
                found[DHCPRevOptions[option[0]][0]] = option[1]
    return found


def describe(packet, step):
    options = options_of(packet)
    vendor = options.get("vendor_class_id", b"")
    server_id = options.get("server_id")
    return {
        "step": step,
        "yiaddr": packet[BOOTP].yiaddr,
        "siaddr": packet[BOOTP].siaddr,
        "file": packet[BOOTP].file.rstrip(b"\0").decode("ascii", "replace"),
        "vendor_class": vendor.decode("ascii", "replace") if isinstance(vendor, bytes) else str(vendor),
        "server_id": server_id,
        "option43": options[43].hex() if isinstance(options.get(43), bytes) else None,
        "option97": options[97].hex() if isinstance(options.get(97), bytes) else None,
        "source": packet[IP].src,
    }


def dhcp(message_type, extra):
    return (Ether(src=mac, dst="ff:ff:ff:ff:ff:ff") / IP(src="0.0.0.0", dst="255.255.255.255")
            / UDP(sport=68, dport=67)
            / BOOTP(chaddr=mac2str(mac), xid=xid, flags=0x8000)
            / DHCP(options=[("message-type", message_type)] + extra + pxe_options + ["end"]))


offers = AsyncSniffer(iface=iface, filter="udp and port 68", timeout=3,
                      lfilter=lambda p: BOOTP in p and p[BOOTP].xid == xid and p[BOOTP].op == 2)
offers.start()
time.sleep(0.5)
sendp(dhcp("discover", []), iface=iface, verbose=False)
offers.join()
captured = offers.results or []
with_address = None
for packet in captured:
    print(json.dumps(describe(packet, "offer")), flush=True)
    if packet[BOOTP].yiaddr != "0.0.0.0" and with_address is None:
        with_address = packet

if with_address is None:
    sys.exit(0)
leased = with_address[BOOTP].yiaddr
acks = AsyncSniffer(iface=iface, filter="udp and port 68", timeout=3, count=1,
                    lfilter=lambda p: BOOTP in p and p[BOOTP].xid == xid and options_of(p).get("message-type") == 5)
acks.start()
time.sleep(0.5)
sendp(dhcp("request", [("server_id", options_of(with_address)["server_id"]), ("requested_addr", leased)]),
      iface=iface, verbose=False)
acks.join()
if not acks.results:
    sys.exit(0)
subprocess.run(["ip", "addr", "add", leased + "/24", "dev", iface], check=True)

proxy = next((p for p in captured if p[BOOTP].yiaddr == "0.0.0.0"), None)
if proxy is None:
    sys.exit(0)
request = BOOTP(op=1, chaddr=mac2str(mac), xid=xid + 1, ciaddr=leased) / DHCP(
    options=[("message-type", "request")] + pxe_options + ["end"])
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.bind((leased, 68))
sock.settimeout(3)
sock.sendto(bytes(request), (proxy[IP].src, 4011))
try:
    data, sender = sock.recvfrom(2048)
except socket.timeout:
    sys.exit(0)
answer = IP(src=sender[0], dst=leased) / UDP(sport=sender[1], dport=68) / BOOTP(data)
print(json.dumps(describe(answer, "4011")), flush=True)
