#!/usr/bin/env python3
"""The mail container's DNS server, on 127.0.0.1:53 inside the lab only:
A and MX records for the names in ZONE, the DNS blocklist bl.lab.test, and
NXDOMAIN for every other name.

bl.lab.test is a DNSBL as postfix's reject_rbl_client asks it: the address
reversed (IPv4 octets, IPv6 nibbles) under the zone, answering 127.0.0.2 for
a listed address and NXDOMAIN for any other.

    dns_server.py     (runs until killed)
"""
import ipaddress
import socket
import struct

# sender.example is the domain of the other mail server (203.0.113.25),
# bulk.example the sender domain of the listed spam source.
ZONE = {
    'sender.example': '203.0.113.25',
    'mx.sender.example': '203.0.113.25',
    'bulk.example': '203.0.113.77',
    'mx.bulk.example': '203.0.113.77',
}

BLOCKLIST = 'bl.lab.test'
# The lab's spam source, in the attacker namespace (test/lab/lab.ts attackers.listed).
LISTED = ['203.0.113.77', '2001:db8:77::77']


def dnsbl_name(address: str) -> str:
    ip = ipaddress.ip_address(address)
    if ip.version == 4:
        return '.'.join(reversed(address.split('.'))) + '.' + BLOCKLIST
    return '.'.join(reversed(ip.exploded.replace(':', ''))) + '.' + BLOCKLIST


LISTED_NAMES = {dnsbl_name(address) for address in LISTED}
# Reverse names: the listed IPv4 source has one (its line then names it), the others do not.
PTR = {'77.113.0.203.in-addr.arpa': 'mx.bulk.example'}


def encode(name: str) -> bytes:
    return b''.join(bytes([len(label)]) + label.encode() for label in name.split('.')) + b'\0'


def answer(query: bytes) -> bytes:
    ident, flags = struct.unpack('!HH', query[:4])
    labels, offset = [], 12
    while query[offset]:
        length = query[offset]
        labels.append(query[offset + 1:offset + 1 + length].decode(errors='replace'))
        offset += 1 + length
    qtype, _ = struct.unpack('!HH', query[offset + 1:offset + 5])
    question = query[12:offset + 5]
    name = '.'.join(labels).lower().rstrip('.')
    address = ZONE.get(name)
    if name in LISTED_NAMES:
        address = '127.0.0.2'  # listed: an A record; no TXT (postfix then gives no reason)
    records = b''
    if address and qtype == 1:  # A
        records = b'\xc0\x0c' + struct.pack('!HHIH', 1, 1, 60, 4) + socket.inet_aton(address)
    elif address and qtype == 15 and name in ZONE:  # MX: the name itself, preference 10
        records = b'\xc0\x0c' + struct.pack('!HHIHH', 15, 1, 60, 4, 10) + b'\xc0\x0c'
    elif name in PTR and qtype == 12:  # PTR
        target = encode(PTR[name])
        records = b'\xc0\x0c' + struct.pack('!HHIH', 12, 1, 60, len(target)) + target
    rcode = 0 if address or name in PTR else 3
    header = struct.pack('!HHHHHH', ident, 0x8180 | (flags & 0x0100) | rcode, 1, 1 if records else 0, 0, 0)
    return header + question + records


def main():
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(('127.0.0.1', 53))
    while True:
        query, client = server.recvfrom(512)
        try:
            server.sendto(answer(query), client)
        except (IndexError, struct.error):
            pass


if __name__ == '__main__':
    main()
