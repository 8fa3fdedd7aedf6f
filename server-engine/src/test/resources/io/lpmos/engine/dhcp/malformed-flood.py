"""Sends malformed DHCP datagrams to a server, paced at about 20,000 a second, for the flood test.

Usage: malformed-flood.py SERVER_ADDRESS COUNT — prints how many were sent. Every datagram is one a
DHCP server must drop: shorter than the header, a wrong magic cookie, an option running past the end,
a parameter request list longer than there are option codes, or random bytes.
"""
import os
import random
import socket
import sys
import time

server, count = sys.argv[1], int(sys.argv[2])
random.seed(7)
header = bytearray(240)
header[0:3] = b"\x01\x01\x06"
header[236:240] = b"\x63\x82\x53\x63"
huge_request_list = b"\x35\x01\x01" + (b"\x37\xff" + bytes(range(1, 256))) * 3
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
start = time.time()
for sent in range(count):
    kind = sent % 5
    if kind == 0:
        packet = os.urandom(random.randint(0, 239))
    elif kind == 1:
        wrong = bytearray(header)
        wrong[236] = 0
        packet = bytes(wrong) + b"\x35\x01\x01\xff"
    elif kind == 2:
        packet = bytes(header) + bytes([53, 1, 1, random.randint(1, 254), 200]) + os.urandom(random.randint(0, 100))
    elif kind == 3:
        packet = bytes(header) + huge_request_list
    else:
        packet = bytes([2]) + os.urandom(random.randint(300, 1400))
    sock.sendto(packet, (server, 67))
    if sent % 1000 == 999:
        ahead = (sent + 1) / 20000 - (time.time() - start)
        if ahead > 0:
            time.sleep(ahead)
print(count)
