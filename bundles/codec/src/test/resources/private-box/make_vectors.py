#!/usr/bin/python3
"""Private-message box vectors, computed with PyNaCl (libsodium) independently of the Java code.

The box is the Android app's (shared/protocol/apps.md, "Private messages"):
    nonce (24) || ephemeral Curve25519 public key (32) || one 49-byte slot per recipient || body
    slot = secretbox(count || dek, nonce, X25519(ephemeral secret, recipient))
    body = secretbox(plaintext, nonce, dek)
Keys are Ed25519 key pairs converted to Curve25519 as libsodium does.
Every input is derived from a name with SHA-256, so the file is reproducible:
    /usr/bin/python3 make_vectors.py > vectors.json      (Debian: apt install python3-nacl)
"""
import hashlib
import json
import struct

from nacl import bindings as b


def sha(name):
    return hashlib.sha256(name.encode()).digest()


def keypair(name):
    pk, sk = b.crypto_sign_seed_keypair(sha(name))
    return {
        "seed": sha(name).hex(),
        "feed_id": pk.hex(),
        "curve25519_public": b.crypto_sign_ed25519_pk_to_curve25519(pk).hex(),
        "curve25519_secret": b.crypto_sign_ed25519_sk_to_curve25519(sk).hex(),
    }


# A minimal BIPF encoder (shared/protocol README, BIPF): varint(len << 3 | type) || bytes.
def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def bipf(v):
    if v is None:
        return varint(6)  # BOOLNULL, length 0
    if isinstance(v, str):
        raw = v.encode()
        return varint(len(raw) << 3 | 0) + raw
    if isinstance(v, bytes):
        return varint(len(v) << 3 | 1) + v
    if isinstance(v, int):
        length = 1
        while not -(1 << (8 * length - 1)) <= v < (1 << (8 * length - 1)):
            length += 1
        raw = v.to_bytes(length, "little", signed=True)
        return varint(len(raw) << 3 | 2) + raw
    if isinstance(v, list):
        raw = b"".join(bipf(x) for x in v)
        return varint(len(raw) << 3 | 4) + raw
    raise TypeError(v)


def ssb_id(feed_hex):
    import base64
    return "@" + base64.b64encode(bytes.fromhex(feed_hex)).decode() + ".ed25519"


def seal(plaintext, recipients, eph_name, nonce, dek):
    eph_pk, eph_sk = b.crypto_sign_seed_keypair(sha(eph_name))
    eph_curve_pk = b.crypto_sign_ed25519_pk_to_curve25519(eph_pk)
    eph_curve_sk = b.crypto_sign_ed25519_sk_to_curve25519(eph_sk)
    slots = b""
    for r in recipients:
        kek = b.crypto_scalarmult(eph_curve_sk, bytes.fromhex(r["curve25519_public"]))
        slots += b.crypto_secretbox(bytes([len(recipients)]) + dek, nonce, kek)
    return nonce + eph_curve_pk + slots + b.crypto_secretbox(plaintext, nonce, dek)


def case(name, sender, others, text, timestamp):
    recipients = others + [sender]  # the sender last, as the Android app does
    plaintext = bipf(["TAV", [], text, None, timestamp, [ssb_id(r["feed_id"]) for r in recipients]])
    nonce = sha("nonce " + name)[:24]
    dek = sha("dek " + name)
    box = seal(plaintext, recipients, "ephemeral " + name, nonce, dek)
    return {
        "name": name,
        "sender": sender["name"],
        "recipients": [r["name"] for r in recipients],
        "ephemeral_seed": sha("ephemeral " + name).hex(),
        "nonce": nonce.hex(),
        "dek": dek.hex(),
        "text": text,
        "timestamp": timestamp,
        "plaintext": plaintext.hex(),
        "box": box.hex(),
    }


def main():
    people = {}
    for name in ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "mallory"]:
        people[name] = dict(keypair(name), name=name)
    p = people
    cases = [
        case("alice to bob", p["alice"], [p["bob"]], "hello bob", 1764547200),
        case("bob to alice and carol", p["bob"], [p["alice"], p["carol"]], "meet at the mast", 1764547260),
        case("alice to six", p["alice"], [p["bob"], p["carol"], p["dave"], p["erin"], p["frank"], p["grace"]],
             "seven slots, the most a box has", 1764547320),
        case("alice to herself", p["alice"], [], "a note to self", 1764547380),
    ]
    print(json.dumps({
        "comment": "made by make_vectors.py with PyNaCl " + __import__("nacl").__version__
                   + "; mallory is in no box",
        "identities": {n: {k: v for k, v in d.items() if k != "name"} for n, d in people.items()},
        "boxes": cases,
    }, indent=2))


if __name__ == "__main__":
    main()
