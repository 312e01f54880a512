"""ICAO 9303-11 Basic Access Control and secure messaging in Python (pycryptodome), for the lab.

An implementation independent of the Swift one (LobbyEMRTD): the card side that Tests/Lab/card-player.py
plays (GET CHALLENGE, EXTERNAL AUTHENTICATE, protected SELECT / READ BINARY), plus the terminal side used
only to generate cross-check vectors (Tests/LobbyEMRTDTests/Scripts/make-vectors.py).

Needs pycryptodome (`Crypto`): Tests/Lab/setup-card-venv.sh makes a venv with it.
"""
import hashlib

from Crypto.Cipher import DES, DES3

ZERO_IV = bytes(8)


def check_digit(text):
    weights = (7, 3, 1)
    total = 0
    for index, char in enumerate(text):
        if char.isdigit():
            value = ord(char) - 48
        elif "A" <= char <= "Z":
            value = ord(char) - 55
        else:
            value = 0
        total += value * weights[index % 3]
    return str(total % 10)


def mrz_information(number, birth, expiry):
    number = number.ljust(9, "<")
    return number + check_digit(number) + birth + check_digit(birth) + expiry + check_digit(expiry)


def adjust_parity(key):
    out = bytearray()
    for byte in key:
        high = byte & 0xFE
        out.append(high | (bin(high).count("1") % 2 == 0))
    return bytes(out)


def derive(seed, counter):
    return adjust_parity(hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()[:16])


def keys_from_mrz(number, birth, expiry):
    seed = hashlib.sha1(mrz_information(number, birth, expiry).encode("ascii")).digest()[:16]
    return derive(seed, 1), derive(seed, 2)


def pad(data):
    data = data + b"\x80"
    return data + bytes((-len(data)) % 8)


def unpad(data):
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80") or len(data) - len(stripped) >= 8:
        raise ValueError("bad padding")
    return stripped[:-1]


def tdes_encrypt(key, data):
    return DES3.new(key, DES3.MODE_CBC, iv=ZERO_IV).encrypt(data)


def tdes_decrypt(key, data):
    return DES3.new(key, DES3.MODE_CBC, iv=ZERO_IV).decrypt(data)


def retail_mac(key, message):
    """ISO/IEC 9797-1 MAC algorithm 3 with DES, padding method 2."""
    data = pad(message)
    chain = DES.new(key[:8], DES.MODE_CBC, iv=ZERO_IV).encrypt(data)[-8:]
    chain = DES.new(key[8:16], DES.MODE_ECB).decrypt(chain)
    return DES.new(key[:8], DES.MODE_ECB).encrypt(chain)


def tlv(tag, value):
    length = len(value)
    if length < 0x80:
        encoded = bytes([length])
    elif length < 0x100:
        encoded = bytes([0x81, length])
    else:
        encoded = bytes([0x82, length >> 8, length & 0xFF])
    return bytes([tag]) + encoded + value


def parse_objects(data):
    """[(tag, value, raw)] of one-byte-tag objects; raises ValueError on a broken encoding."""
    objects, index = [], 0
    while index < len(data):
        start, tag = index, data[index]
        if index + 1 >= len(data):
            raise ValueError("tag without length")
        length = data[index + 1]
        index += 2
        if length & 0x80:
            count = length & 0x7F
            if count not in (1, 2) or index + count > len(data):
                raise ValueError("bad length")
            length = int.from_bytes(data[index:index + count], "big")
            index += count
        if index + length > len(data):
            raise ValueError("value cut short")
        objects.append((tag, data[index:index + length], data[start:index + length]))
        index += length
    return objects


class Session:
    """Session keys and the send sequence counter, shared by both sides."""

    def __init__(self, ks_enc, ks_mac, ssc):
        self.ks_enc, self.ks_mac, self.ssc = ks_enc, ks_mac, ssc

    def next_counter(self):
        self.ssc = (self.ssc + 1) & 0xFFFFFFFFFFFFFFFF
        return self.ssc.to_bytes(8, "big")

    # Terminal side (vectors only).
    def wrap_command(self, cla, ins, p1, p2, data=b"", le=None):
        header = bytes([cla | 0x0C, ins, p1, p2])
        objects = b""
        if data:
            encrypted = tdes_encrypt(self.ks_enc, pad(data))
            objects += tlv(0x87, b"\x01" + encrypted) if ins % 2 == 0 else tlv(0x85, encrypted)
        if le is not None:
            objects += b"\x97\x01" + bytes([le & 0xFF]) if le <= 256 else b"\x97\x02" + (le & 0xFFFF).to_bytes(2, "big")
        mac = retail_mac(self.ks_mac, self.next_counter() + pad(header) + objects)
        body = objects + b"\x8E\x08" + mac
        return header + bytes([len(body)]) + body + b"\x00"

    # Card side.
    def unwrap_command(self, apdu):
        """(ins, p1, p2, data, le) of a protected short APDU; raises ValueError (the card answers 6988)."""
        if len(apdu) < 5 or apdu[0] & 0x0C != 0x0C:
            raise ValueError("not a protected APDU")
        header, lc = apdu[:4], apdu[4]
        body = apdu[5:5 + lc]
        if len(body) != lc:
            raise ValueError("Lc")
        objects = parse_objects(body)
        if not objects or objects[-1][0] != 0x8E:
            raise ValueError("no DO 8E")
        covered = b"".join(raw for _, _, raw in objects[:-1])
        expected = retail_mac(self.ks_mac, self.next_counter() + pad(header) + covered)
        if expected != objects[-1][1]:
            raise ValueError("MAC")
        data, le = b"", None
        for tag, value, _ in objects[:-1]:
            if tag == 0x87:
                data = unpad(tdes_decrypt(self.ks_enc, value[1:]))
            elif tag == 0x85:
                data = unpad(tdes_decrypt(self.ks_enc, value))
            elif tag == 0x97:
                le = int.from_bytes(value, "big") or (256 if len(value) == 1 else 65536)
        return header[1], header[2], header[3], data, le

    def wrap_response(self, data, sw):
        objects = b""
        if data:
            objects += tlv(0x87, b"\x01" + tdes_encrypt(self.ks_enc, pad(data)))
        objects += b"\x99\x02" + sw
        mac = retail_mac(self.ks_mac, self.next_counter() + objects)
        return objects + b"\x8E\x08" + mac + sw


def card_authenticate(k_enc, k_mac, rnd_ic, k_ic, command_data):
    """The chip's EXTERNAL AUTHENTICATE: (response data, Session) or (None, None) when the terminal's MAC or nonce is wrong."""
    if len(command_data) != 40:
        return None, None
    cryptogram, mac = command_data[:32], command_data[32:]
    if retail_mac(k_mac, cryptogram) != mac:
        return None, None
    plain = tdes_decrypt(k_enc, cryptogram)
    rnd_ifd, k_ifd = plain[:8], plain[16:32]
    if plain[8:16] != rnd_ic:
        return None, None
    answer = tdes_encrypt(k_enc, rnd_ic + rnd_ifd + k_ic)
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic))
    session = Session(derive(seed, 1), derive(seed, 2), int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big"))
    return answer + retail_mac(k_mac, answer), session


def terminal_authenticate(k_enc, k_mac, rnd_ic, rnd_ifd, k_ifd):
    """EXTERNAL AUTHENTICATE data of the terminal (vectors only)."""
    cryptogram = tdes_encrypt(k_enc, rnd_ifd + rnd_ic + k_ifd)
    return cryptogram + retail_mac(k_mac, cryptogram)
