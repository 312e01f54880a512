#!/usr/bin/env python3
"""Plays a synthetic eMRTD card for QEMU's ccid-card-passthru over the VSCard protocol (host side of the lab).

    Tests/Lab/card-player.py SOCKET [--protocol t1|t0] [--chunk N] [--no-wtx] [--connect-timeout S]

SOCKET is the unix socket of `-chardev socket,id=vsc0,path=SOCKET,server=on,wait=off` (QEMU listens, the
player connects). Commands on stdin, one per line:

    insert          send the ATR: QEMU reports the card inserted (NotifySlotChange)
    remove          send CardRemove
    mute on|off     ignore (on) or answer (off) every block/APDU from the guest
    bac on|off      DG1 needs access control (6982) or is readable in plain mode
    bac secure      a BAC chip: plain access gives 6982; GET CHALLENGE, EXTERNAL AUTHENTICATE with the keys of
                    the card's own MRZ, then secure messaging (needs pycryptodome, Tests/Lab/setup-card-venv.sh)
    document main|other   the synthetic document on the chip (other: a second fictitious person)
    pull-after N    pull the card (CardRemove) instead of answering the N-th secure-messaging command (0: never)
    quit            ReaderRemove and exit

Events on stdout, one per line, prefixed `PLAYER `: CONNECTED, READY (reader added), INSERTED, REMOVED,
BLOCK-IN/BLOCK-OUT hex (T=1), APDU hex (command), SW xxxx, IGNORED (mute), ACK code, ERROR text;
with `bac secure`: BAC-OK / BAC-REFUSED (EXTERNAL AUTHENTICATE), SM-IN hex (plain command inside a protected
one), SM-ERROR text (answered 6988), PULLED (card removed mid-session).

VSCard messages: a 12-byte header of three big-endian 32-bit words (type, reader id, payload length)
then the payload. Types (QEMU's vscard_common.h): 1 Init, 2 Error, 3 ReaderAdd, 4 ReaderRemove, 5 ATR,
6 CardRemove, 7 APDU, 8 Flush, 9 FlushComplete. Init's payload is the magic "VSCD", the version
(big-endian, 2) and a capabilities word.

The card: ATR `3B 85 81 31 FE 45 4C 4F 42 42 59 TCK` (T=1 only, IFSC 254, BWI 4, CWI 5, historical
bytes "LOBBY"), or `3B 05 4C 4F 42 42 59` for T=0. It answers SELECT of the LDS1 application
A0 00 00 02 47 10 01, SELECT EF.DG1 (0101) and EF.COM (011E), and READ BINARY. DG1 holds a SYNTHETIC
Azerbaijani TD1 MRZ (no real person). At T=1 the card chains its answers in blocks of --chunk bytes
(default 64) and asks once for a waiting-time extension before the first READ BINARY (unless --no-wtx).
"""
import os
import socket
import struct
import sys
import threading
import time

try:
    import emrtd_bac  # BAC and secure messaging (pycryptodome); only `bac secure` needs it
except ImportError as missing:
    emrtd_bac = None
    BAC_IMPORT_ERROR = str(missing)

INIT, ERROR, READER_ADD, READER_REMOVE, ATR, CARD_REMOVE, APDU, FLUSH, FLUSH_COMPLETE = range(1, 10)
UNDEFINED_READER = 0xFFFFFFFF
VERSION = 2

LDS1_AID = bytes.fromhex("A0000002471001")
# Synthetic Azerbaijani TD1 (new card layout: number AA1234567, FIN 2QW3ER5); check digits verified.
SYNTHETIC_MRZ = ("IDAZEAA123456782QW3ER5<<<<<<<<"
                 "0102030M3402030AZE<<<<<<<<<<<7"
                 "NUMUNOV<<SINAQ<TEST<<<<<<<<<<<")


def tlv(tag, value):
    """BER-TLV with a definite length (short or 81/82 long form)."""
    length = len(value)
    if length < 0x80:
        encoded = bytes([length])
    elif length < 0x100:
        encoded = bytes([0x81, length])
    else:
        encoded = bytes([0x82, length >> 8, length & 0xFF])
    return tag + encoded + value


# A second SYNTHETIC TD1 (number AB7654321, FIN 7ZX8CV9, born 1985-06-15, expires 2031-06-15): the "wrong
# document" for BAC tests; check digits verified.
OTHER_MRZ = ("IDAZEAB765432197ZX8CV9<<<<<<<<"
             "8506151F3106154AZE<<<<<<<<<<<7"
             "SINAQOVA<<NUMUNE<<<<<<<<<<<<<<")
# BAC key fields (document number, birth date, expiry date) of each synthetic document.
DOCUMENTS = {"main": (SYNTHETIC_MRZ, ("AA1234567", "010203", "340203")),
             "other": (OTHER_MRZ, ("AB7654321", "850615", "310615"))}
EF_COM = tlv(b"\x60", tlv(b"\x5F\x01", b"0107") + tlv(b"\x5F\x36", b"040000") + tlv(b"\x5C", b"\x61"))


def atr_for(protocol):
    if protocol == "t0":
        return bytes.fromhex("3B054C4F424259")
    body = bytes.fromhex("85 81 31 FE 45 4C 4F 42 42 59")
    tck = 0
    for byte in body:
        tck ^= byte
    return b"\x3B" + body + bytes([tck])


def lrc(data):
    value = 0
    for byte in data:
        value ^= byte
    return value


def dg1_of(mrz):
    return tlv(b"\x61", tlv(b"\x5F\x1F", mrz.encode("ascii")))


DG1 = dg1_of(SYNTHETIC_MRZ)


class PullCard(Exception):
    """Raised instead of an answer: the player removes the card."""


class Card:
    """The eMRTD application: SELECT, READ BINARY over two files; optionally BAC with secure messaging."""

    def __init__(self):
        self.application_selected = False
        self.current = None
        self.bac = False           # plain access refused with 6982
        self.secure = False        # BAC supported (GET CHALLENGE, EXTERNAL AUTHENTICATE, secure messaging)
        self.document = "main"
        self.pull_after = 0
        self.reset()

    def reset(self):
        self.application_selected = False
        self.current = None
        self.challenge = None
        self.session = None
        self.secure_commands = 0

    def process(self, apdu):
        if len(apdu) < 4:
            return b"\x67\x00"
        if self.secure:
            return self.process_bac(apdu)
        return self.process_plain(apdu)

    def process_bac(self, apdu):
        cla, ins = apdu[0], apdu[1]
        if cla & 0x0C == 0x0C:
            if self.session is None:
                return b"\x69\x82"
            self.secure_commands += 1
            if self.pull_after and self.secure_commands == self.pull_after:
                raise PullCard()
            try:
                ins, p1, p2, data, le = self.session.unwrap_command(apdu)
            except ValueError as error:
                print(f"PLAYER SM-ERROR {error}", flush=True)
                self.session = None
                return b"\x69\x88"
            plain = bytes([0, ins, p1, p2]) + (bytes([len(data)]) + data if data else b"") + (bytes([le & 0xFF]) if le else b"")
            print("PLAYER SM-IN " + plain.hex().upper(), flush=True)
            answer = self.process_plain(plain, secured=True)
            return self.session.wrap_response(answer[:-2], answer[-2:])
        self.session = None
        if ins == 0x84:
            self.challenge = os.urandom(8)
            return self.challenge + b"\x90\x00"
        if ins == 0x82:
            k_enc, k_mac = emrtd_bac.keys_from_mrz(*DOCUMENTS[self.document][1])
            data = apdu[5:5 + apdu[4]] if len(apdu) > 5 else b""
            answer, session = (None, None)
            if self.challenge is not None:
                answer, session = emrtd_bac.card_authenticate(k_enc, k_mac, self.challenge, os.urandom(16), data)
            self.challenge = None
            if answer is None:
                print("PLAYER BAC-REFUSED", flush=True)
                return b"\x63\x00"
            self.session = session
            print("PLAYER BAC-OK", flush=True)
            return answer + b"\x90\x00"
        return self.process_plain(apdu)

    def process_plain(self, apdu, secured=False):
        cla, ins, p1, p2 = apdu[:4]
        body = apdu[4:]
        locked = (self.bac or self.secure) and not secured
        if ins == 0xA4:
            data = body[1:1 + body[0]] if body else b""
            if p1 == 0x04:
                if data == LDS1_AID:
                    self.application_selected = True
                    self.current = None
                    return b"\x90\x00"
                return b"\x6A\x82"
            if p1 == 0x02 and self.application_selected:
                if data == b"\x01\x01":
                    if locked:
                        return b"\x69\x82"
                    self.current = dg1_of(DOCUMENTS[self.document][0])
                    return b"\x90\x00"
                if data == b"\x01\x1E":
                    self.current = EF_COM
                    return b"\x90\x00"
            return b"\x6A\x82"
        if ins == 0xB0:
            if locked:
                return b"\x69\x82"
            if self.current is None:
                return b"\x69\x86"
            if p1 & 0x80:
                return b"\x6A\x81"
            offset = p1 << 8 | p2
            le = body[0] if len(body) == 1 else 0
            le = 256 if le == 0 else le
            if offset > len(self.current):
                return b"\x6B\x00"
            chunk = self.current[offset:offset + le]
            return chunk + (b"\x90\x00" if len(chunk) == le else b"\x62\x82")
        return b"\x6D\x00"


class T1Card:
    """The card side of ISO/IEC 7816-3 T=1: I-block chaining both ways, R-blocks, S(IFS/RESYNCH/WTX)."""

    def __init__(self, card, chunk, wtx):
        self.card = card
        self.chunk = chunk
        self.wtx_enabled = wtx
        self.reset()

    def reset(self):
        self.send_seq = 0          # N(S) of our next I-block
        self.expect_seq = 0        # N(S) we expect from the host
        self.incoming = b""
        self.pending = []          # response chunks still to send
        self.last_sent = None
        self.wtx_done = False
        self.held_response = None  # response waiting for the host's S(WTX response)

    def block(self, pcb, info=b""):
        body = bytes([0, pcb, len(info)]) + info
        return body + bytes([lrc(body)])

    def next_i_block(self):
        info = self.pending.pop(0)
        more = 0x20 if self.pending else 0
        out = self.block((self.send_seq << 6) | more, info)
        self.send_seq ^= 1
        return out

    def r_block(self, error):
        return self.block(0x80 | (self.expect_seq << 4) | error)

    def handle(self, data):
        """Returns the block to send back."""
        if len(data) < 4 or len(data) != 4 + data[2] or lrc(data[:-1]) != data[-1]:
            out = self.r_block(1)
            return out
        pcb, info = data[1], data[3:-1]
        if pcb & 0x80 == 0:  # I-block
            seq = (pcb >> 6) & 1
            if seq != self.expect_seq:
                return self.last_sent or self.r_block(2)
            self.expect_seq ^= 1
            self.incoming += info
            if pcb & 0x20:
                self.last_sent = self.r_block(0)
                return self.last_sent
            apdu, self.incoming = self.incoming, b""
            print("PLAYER APDU " + apdu.hex().upper(), flush=True)
            response = self.card.process(apdu)
            print("PLAYER SW " + response[-2:].hex().upper(), flush=True)
            if self.wtx_enabled and not self.wtx_done and len(apdu) > 1 and apdu[1] == 0xB0:
                self.wtx_done = True
                self.held_response = response
                self.last_sent = self.block(0xC3, b"\x02")
                return self.last_sent
            self.pending = [response[i:i + self.chunk] for i in range(0, len(response), self.chunk)] or [b""]
            self.last_sent = self.next_i_block()
            return self.last_sent
        if pcb & 0x40 == 0:  # R-block: N(R) is the sequence the host expects next from us
            seq = (pcb >> 4) & 1
            if self.pending and seq == self.send_seq:
                self.last_sent = self.next_i_block()
                return self.last_sent
            return self.last_sent or self.r_block(2)
        kind, response = pcb & 0x1F, pcb & 0x20
        if kind == 1 and not response:    # IFS request
            self.last_sent = self.block(0xE1, info)
            return self.last_sent
        if kind == 0 and not response:    # RESYNCH request
            self.reset()
            return self.block(0xE0)
        if kind == 3 and response and self.held_response is not None:  # WTX response
            response, self.held_response = self.held_response, None
            self.pending = [response[i:i + self.chunk] for i in range(0, len(response), self.chunk)] or [b""]
            self.last_sent = self.next_i_block()
            return self.last_sent
        return self.last_sent or self.r_block(2)


class Player:
    def __init__(self, path, protocol, chunk, wtx, connect_timeout):
        self.protocol = protocol
        self.card = Card()
        self.t1 = T1Card(self.card, chunk, wtx)
        self.mute = False
        self.write_lock = threading.Lock()
        deadline = time.monotonic() + connect_timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        print("PLAYER CONNECTED", flush=True)

    def send(self, kind, payload=b"", reader=0):
        with self.write_lock:
            self.sock.sendall(struct.pack(">III", kind, reader, len(payload)) + payload)

    def receive(self):
        header = self._exact(12)
        kind, reader, length = struct.unpack(">III", header)
        return kind, reader, self._exact(length)

    def _exact(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise ConnectionError("QEMU closed the VSCard socket")
            data += chunk
        return data

    def start(self):
        self.send(INIT, b"VSCD" + struct.pack(">II", VERSION, 0), UNDEFINED_READER)
        self.send(READER_ADD, b"Lobby synthetic reader", 0)
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        try:
            while True:
                kind, _, payload = self.receive()
                if kind == INIT:
                    print("PLAYER INIT", flush=True)
                elif kind == ERROR:
                    code = struct.unpack(">I", payload[:4])[0] if len(payload) >= 4 else -1
                    print(f"PLAYER ACK {code}", flush=True)
                elif kind == APDU:
                    self.on_apdu(payload)
                elif kind == FLUSH:
                    self.send(FLUSH_COMPLETE)
                else:
                    print(f"PLAYER ERROR unexpected message type {kind}", flush=True)
        except (ConnectionError, OSError) as error:
            print(f"PLAYER CLOSED {error}", flush=True)

    def on_apdu(self, data):
        if self.mute:
            print("PLAYER IGNORED " + data.hex().upper(), flush=True)
            return
        try:
            self.answer_apdu(data)
        except PullCard:
            self.send(CARD_REMOVE)
            print("PLAYER PULLED", flush=True)

    def answer_apdu(self, data):
        if self.protocol == "t1":
            print("PLAYER BLOCK-IN " + data.hex().upper(), flush=True)
            answer = self.t1.handle(data)
            print("PLAYER BLOCK-OUT " + answer.hex().upper(), flush=True)
        else:
            print("PLAYER APDU " + data.hex().upper(), flush=True)
            answer = self.card.process(data)
            print("PLAYER SW " + answer[-2:].hex().upper(), flush=True)
        self.send(APDU, answer)

    def command(self, line):
        words = line.split()
        if not words:
            return True
        if words[0] == "insert":
            self.card.reset()
            self.t1.reset()
            self.send(ATR, atr_for(self.protocol))
            print("PLAYER INSERTED", flush=True)
        elif words[0] == "remove":
            self.send(CARD_REMOVE)
            print("PLAYER REMOVED", flush=True)
        elif words[0] == "mute" and len(words) == 2:
            self.mute = words[1] == "on"
            print(f"PLAYER MUTE {words[1]}", flush=True)
        elif words[0] == "bac" and len(words) == 2:
            if words[1] == "secure" and emrtd_bac is None:
                print(f"PLAYER ERROR bac secure needs pycryptodome ({BAC_IMPORT_ERROR})", flush=True)
                return True
            self.card.bac = words[1] == "on"
            self.card.secure = words[1] == "secure"
            print(f"PLAYER BAC {words[1]}", flush=True)
        elif words[0] == "document" and len(words) == 2 and words[1] in DOCUMENTS:
            self.card.document = words[1]
            print(f"PLAYER DOCUMENT {words[1]}", flush=True)
        elif words[0] == "pull-after" and len(words) == 2 and words[1].isdigit():
            self.card.pull_after = int(words[1])
            print(f"PLAYER PULL-AFTER {words[1]}", flush=True)
        elif words[0] == "quit":
            try:
                self.send(READER_REMOVE)
            except OSError:
                pass
            return False
        else:
            print(f"PLAYER ERROR unknown command {line.strip()}", flush=True)
        return True


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    path, protocol, chunk, wtx, connect_timeout = argv[1], "t1", 64, True, 30.0
    index = 2
    while index < len(argv):
        if argv[index] == "--protocol":
            protocol = argv[index + 1]
            index += 2
        elif argv[index] == "--chunk":
            chunk = max(1, min(254, int(argv[index + 1])))
            index += 2
        elif argv[index] == "--no-wtx":
            wtx = False
            index += 1
        elif argv[index] == "--connect-timeout":
            connect_timeout = float(argv[index + 1])
            index += 2
        else:
            print(__doc__, file=sys.stderr)
            return 64
    player = Player(path, protocol, chunk, wtx, connect_timeout)
    player.start()
    print("PLAYER READY", flush=True)
    for line in sys.stdin:
        if not player.command(line):
            break
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
