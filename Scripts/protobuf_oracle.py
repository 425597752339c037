#!/usr/bin/env python3
"""Differential oracle for `statefun-protoc`: protobuf itself decides what the generated Swift must do.

  python Scripts/protobuf_oracle.py [--count N] [--seed S] [-I PATH]... [FILE.proto...]
  (Scripts/protobuf_oracle.sh makes the venv and calls this; with no files it runs Tests/ProtobufOracle/protos.)

For every message type of the given files (and the files they import, but for google/protobuf/*):
  1. the official protoc (grpcio-tools) compiles the files to a descriptor set; Python's protobuf runtime (upb)
     builds the message classes from it, so nothing here knows the fixtures: fields are walked by type;
  2. N seeded random messages are generated (every field kind, recursion bounded, unknown enum values in open
     enums), and each is written as a *messy* input: fields interleaved out of order, packed and unpacked repeated
     chunks mixed, split sub-messages, a decoy value before the real one of singular and oneof fields, and random
     unknown fields (varint, fixed, length-delimited, groups) at every level. protobuf parses the messy bytes and
     re-serializes them: that is the expected output (deterministic, so map entries come sorted by key);
  3. json_format writes the expected JSON; a variant of it (proto field names or lowerCamelCase, enums by name
     or by number) is the JSON input, and protobuf's parse of it is the expected message;
  4. mutated inputs (truncated, a byte changed, a known field's wire type changed, invalid UTF-8 in a string,
     wire types 6/7, field number 0, a huge length) get protobuf's verdict;
then `statefun-protoc` compiles the same files into a throwaway Swift package whose generated driver maps each
full name to its generated type, and for each case: decodes, re-encodes, writes JSON, decodes the JSON input.

Rules (see Docs/Protobuf.md, "The oracle"):
  * binary: Swift's bytes equal protobuf's exactly; for a type that holds map fields (at any depth) protobuf's
    own order is not canonical, so there Swift's bytes pass when protobuf parses them and its deterministic
    re-serialization equals the expected bytes (counted apart as "map-order"); the payload of an Any is opaque
    bytes that json_format fills with a non-deterministic serialization, so both sides' Any payloads are
    re-serialized deterministically (recursively) before comparing;
  * JSON out: equal to json_format's as JSON values (object key order and number spelling do not matter);
  * JSON in: the message decoded from JSON re-encodes to protobuf's bytes for the same JSON (same map rule);
  * mutated input: Swift throws exactly when protobuf rejects; protobuf's verdict is upb's parse plus C++'s
    required-field check (a proto2 message missing a required field is rejected). When protobuf accepts, Swift's
    re-encoding must equal protobuf's. A known field with a mismatched wire type is an UNKNOWN field for
    protobuf (upb, C++ and swift-protobuf alike), not an error. Invalid UTF-8 in a proto2 `string` is accepted by
    protobuf as bytes, which a Swift String cannot hold: there Swift may accept (same bytes out) or throw;
  * a throw is a thrown error: a crash or a hang of the driver fails the case and the driver restarts after it.
Prints counts per type and kind, then `N passed, N failed`; exits 1 on any failure, 77 when statefun-protoc is
not in the package (nothing was checked).
"""
import argparse
import collections
import json
import math
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import time

from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
from google.protobuf.descriptor import FieldDescriptor as FD

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
FIXTURES = os.path.join(REPO, "Tests", "ProtobufOracle", "protos")
WKT_FILES = {"google/protobuf/%s.proto" % n for n in
             ("any", "timestamp", "duration", "empty", "wrappers", "struct", "field_mask")}

# ---------------------------------------------------------------------------------------------------------------
# Wire format helpers (https://protobuf.dev/programming-guides/encoding/)
# ---------------------------------------------------------------------------------------------------------------

VARINT, I64, LEN, SGROUP, EGROUP, I32 = 0, 1, 2, 3, 4, 5
MASK64 = (1 << 64) - 1


class Truncated(Exception):
    pass


def enc_varint(n):
    n &= MASK64
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def dec_varint(buf, pos):
    shift = result = 0
    while True:
        if pos >= len(buf) or shift > 63:
            raise Truncated()
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result & MASK64, pos
        shift += 7


def tag(num, wt):
    return enc_varint((num << 3) | wt)


def read_records(buf):
    """Top-level records of a valid message: (number, wire type, payload, encoded record)."""
    pos, out = 0, []
    while pos < len(buf):
        start = pos
        key, pos = dec_varint(buf, pos)
        num, wt = key >> 3, key & 7
        if wt == VARINT:
            _, end = dec_varint(buf, pos)
        elif wt == I64:
            end = pos + 8
        elif wt == I32:
            end = pos + 4
        elif wt == LEN:
            n, pos = dec_varint(buf, pos)
            end = pos + n
        elif wt == SGROUP:
            end = skip_group(buf, pos, num)
            out.append((num, wt, buf[pos:end - len(tag(num, EGROUP))], buf[start:end]))
            pos = end
            continue
        else:
            raise Truncated()
        if end > len(buf):
            raise Truncated()
        out.append((num, wt, buf[pos:end], buf[start:end]))
        pos = end
    return out


def skip_group(buf, pos, num):
    while True:
        key, pos = dec_varint(buf, pos)
        n, wt = key >> 3, key & 7
        if wt == EGROUP:
            if n != num:
                raise Truncated()
            return pos
        if wt == VARINT:
            _, pos = dec_varint(buf, pos)
        elif wt == I64:
            pos += 8
        elif wt == I32:
            pos += 4
        elif wt == LEN:
            k, pos = dec_varint(buf, pos)
            pos += k
        elif wt == SGROUP:
            pos = skip_group(buf, pos, n)
        else:
            raise Truncated()


def record(num, wt, payload):
    if wt == LEN:
        return tag(num, wt) + enc_varint(len(payload)) + payload
    if wt == SGROUP:
        return tag(num, SGROUP) + payload + tag(num, EGROUP)
    return tag(num, wt) + payload


SCALAR_WIRE = {
    FD.TYPE_DOUBLE: I64, FD.TYPE_FIXED64: I64, FD.TYPE_SFIXED64: I64,
    FD.TYPE_FLOAT: I32, FD.TYPE_FIXED32: I32, FD.TYPE_SFIXED32: I32,
    FD.TYPE_INT32: VARINT, FD.TYPE_INT64: VARINT, FD.TYPE_UINT32: VARINT, FD.TYPE_UINT64: VARINT,
    FD.TYPE_SINT32: VARINT, FD.TYPE_SINT64: VARINT, FD.TYPE_BOOL: VARINT, FD.TYPE_ENUM: VARINT,
    FD.TYPE_STRING: LEN, FD.TYPE_BYTES: LEN, FD.TYPE_MESSAGE: LEN, FD.TYPE_GROUP: SGROUP,
}


def split_elements(payload, wt):
    """The raw elements of a packed payload."""
    out, pos = [], 0
    while pos < len(payload):
        if wt == VARINT:
            _, end = dec_varint(payload, pos)
        else:
            end = pos + (8 if wt == I64 else 4)
        out.append(payload[pos:end])
        pos = end
    return out


# ---------------------------------------------------------------------------------------------------------------
# Descriptors
# ---------------------------------------------------------------------------------------------------------------

class Schema:
    def __init__(self, fds):
        self.pool = descriptor_pool.DescriptorPool()
        self.files = list(fds.file)
        self.syntax = {}
        self.synthetic_oneofs = set()
        self.swift_prefix = {}
        for f in self.files:
            self.pool.Add(f)
            self.syntax[f.name] = f.syntax or "proto2"
            if f.options.HasField("swift_prefix"):
                self.swift_prefix[f.name] = f.options.swift_prefix
            self._synthetic(f.package, f.message_type)
        self.classes = {}
        self._has_maps = {}

    def _synthetic(self, scope, messages):
        for m in messages:
            full = "%s.%s" % (scope, m.name) if scope else m.name
            for fld in m.field:
                if fld.proto3_optional:
                    self.synthetic_oneofs.add("%s.%s" % (full, m.oneof_decl[fld.oneof_index].name))
            self._synthetic(full, m.nested_type)

    def cls(self, desc):
        c = self.classes.get(desc.full_name)
        if c is None:
            c = self.classes[desc.full_name] = message_factory.GetMessageClass(desc)
        return c

    def messages_of(self, file_names):
        out = []

        def walk(d):
            if d.GetOptions().map_entry:
                return
            out.append(d)
            for n in d.nested_types:
                walk(n)
        for name in file_names:
            fd = self.pool.FindFileByName(name)
            for d in fd.message_types_by_name.values():
                walk(d)
        return out

    def is_proto3(self, desc):
        return self.syntax.get(desc.file.name) == "proto3"

    def real_oneof(self, field):
        o = field.containing_oneof
        return o is not None and o.full_name not in self.synthetic_oneofs

    def has_maps(self, desc):
        """Whether a map field (or an Any, whose payload may hold one) is reachable from the type."""
        if desc.full_name not in self._has_maps:
            seen, todo, found = set(), [desc], False
            while todo and not found:
                d = todo.pop()
                if d.full_name in seen:
                    continue
                seen.add(d.full_name)
                found = d.full_name == "google.protobuf.Any"
                for f in d.fields:
                    if f.message_type is not None:
                        found = found or f.message_type.GetOptions().map_entry
                        todo.append(f.message_type)
            self._has_maps[desc.full_name] = found
        return self._has_maps[desc.full_name]


def reaches(desc, names, _memo={}):
    """Whether a type named in `names` is `desc` or reachable from it through message fields."""
    key = (desc.full_name, tuple(sorted(names)))
    if key not in _memo:
        seen, todo, found = set(), [desc], False
        while todo and not found:
            d = todo.pop()
            if d.full_name in seen:
                continue
            seen.add(d.full_name)
            found = d.full_name in names
            todo.extend(f.message_type for f in d.fields if f.message_type is not None)
        _memo[key] = found
    return _memo[key]


# protoc-gen-swift's naming (NamingUtils.swift in apple/swift-protobuf): package "foo.bar_baz" -> "Foo_BarBaz_",
# reserved names get a "Message" suffix; statefun-protoc adds its module names and the static members a generated
# message has (ProtoNaming.reservedTypeNames).
SWIFT_RESERVED = set("""StateFun StateFunWire messageName typeName SwiftProtobuf Extensions protoMessageName decodeMessage traverse isInitialized unknownFields
debugDescription description dynamicType hashValue Type Protocol Swift Equatable Hashable Sendable
associatedtype class deinit enum extension fileprivate func import init inout internal let open operator private
protocol public static struct subscript typealias var break case continue default defer do else fallthrough for
guard if in repeat return switch where while as Any catch false is nil rethrows super self Self throw throws true
try Bool Data Double Float Int Int32 Int64 String UInt UInt32 UInt64 __COLUMN__ __FILE__ __FUNCTION__ __LINE__
""".split())


def swift_type_prefix(package):
    out, upper = "", True
    for c in package:
        if c == "_":
            upper = True
        elif c == ".":
            upper = True
            out += "_"
        else:
            if not out and c.isdigit():
                out += "_"
            out += c.upper() if upper else c
            upper = False
    return out + "_" if out else ""


def sanitize_type(s):
    if s in SWIFT_RESERVED or set(s) == {"_"}:
        return s + "Message"
    if s.endswith("Message") and len(s) > len("Message"):
        return sanitize_type(s[:-len("Message")]) + "Message"
    return s


def swift_name(schema, desc):
    if desc.containing_type is not None:
        return swift_name(schema, desc.containing_type) + "." + sanitize_type(desc.name)
    prefix = schema.swift_prefix.get(desc.file.name)
    if prefix is None:
        prefix = swift_type_prefix(desc.file.package)
    return sanitize_type(prefix + desc.name)


# ---------------------------------------------------------------------------------------------------------------
# Random messages
# ---------------------------------------------------------------------------------------------------------------

STRING_POOLS = [
    "abcdefghijklmnopqrstuvwxyz", "ABCXYZ0123456789 _-./", "\"\\/\b\f\n\r\t<>&'=", "\u0000\u0001\u001f\u007f",
    "äöüßéñçÅ", "名前日本語中文한국어", "\U0001F389\U0001F600\U0001F1E9\U0001F1EA", "\u2028\u2029\u00a0\ufeff\u200d",
    "\U00010000\U0010FFFF\ue000",
]


class Generator:
    def __init__(self, schema, rng, max_depth, any_types):
        self.s, self.r, self.max_depth, self.any_types = schema, rng, max_depth, any_types

    # scalars ------------------------------------------------------------------------------------------------------
    def integer(self, bits, signed):
        r = self.r
        lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
        x = r.random()
        if x < 0.25:
            return r.choice([v for v in (0, 1, -1, 2, 127, 128, 255, 256, 300, 16383, 16384, lo, hi, lo + 1, hi - 1,
                                         -(1 << 31), (1 << 31) - 1, 1 << 31, (1 << 32) - 1, 1 << 53, (1 << 53) + 1)
                             if lo <= v <= hi])
        if x < 0.6:
            return max(lo, min(hi, r.randint(-1000, 100000) if signed else r.randint(0, 100000)))
        return r.randint(lo, hi)

    def floating(self, single):
        r = self.r
        x = r.random()
        if x < 0.2:
            v = r.choice([0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1e-7, 123.456, 1e20, -2.5e-10, math.inf, -math.inf,
                          math.nan, 3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38,
                          1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 9007199254740993.0])
        elif x < 0.6:
            v = round(r.uniform(-1e6, 1e6), r.randint(0, 6))
        elif x < 0.8:
            v = r.uniform(-1, 1) * 10 ** r.randint(-40, 40)
        else:
            if single:
                v = struct.unpack("<f", struct.pack("<I", r.getrandbits(32)))[0]
            else:
                v = struct.unpack("<d", struct.pack("<Q", r.getrandbits(64)))[0]
        if single:
            try:
                v = struct.unpack("<f", struct.pack("<f", v))[0]
            except OverflowError:
                v = math.copysign(math.inf, v)
        return v

    def string(self):
        r = self.r
        n = r.choice([0, 0, 1, 2, 3, 5, 8, 13, 40])
        pools = r.sample(STRING_POOLS, r.randint(1, 3))
        return "".join(r.choice(r.choice(pools)) for _ in range(n))

    def blob(self):
        n = self.r.choice([0, 1, 2, 3, 7, 16, 33])
        return bytes(self.r.getrandbits(8) for _ in range(n))

    def enum_value(self, enum):
        r = self.r
        if not enum.is_closed and r.random() < 0.12:
            return self.integer(32, True)
        return r.choice(enum.values).number

    def scalar(self, f):
        t = f.type
        if t in (FD.TYPE_INT32, FD.TYPE_SINT32, FD.TYPE_SFIXED32):
            return self.integer(32, True)
        if t in (FD.TYPE_INT64, FD.TYPE_SINT64, FD.TYPE_SFIXED64):
            return self.integer(64, True)
        if t in (FD.TYPE_UINT32, FD.TYPE_FIXED32):
            return self.integer(32, False)
        if t in (FD.TYPE_UINT64, FD.TYPE_FIXED64):
            return self.integer(64, False)
        if t == FD.TYPE_BOOL:
            return self.r.random() < 0.5
        if t == FD.TYPE_FLOAT:
            return self.floating(True)
        if t == FD.TYPE_DOUBLE:
            return self.floating(False)
        if t == FD.TYPE_STRING:
            return self.string()
        if t == FD.TYPE_BYTES:
            return self.blob()
        if t == FD.TYPE_ENUM:
            return self.enum_value(f.enum_type)
        raise ValueError("not a scalar: %s" % f.full_name)

    def count(self):
        return self.r.choice([0, 0, 1, 1, 2, 3, 4, 7])

    # messages -----------------------------------------------------------------------------------------------------
    def message(self, desc, depth=0):
        m = self.s.cls(desc)()
        self.fill(m, desc, depth)
        return m

    def fill(self, m, desc, depth):
        special = WKT_FILL.get(desc.full_name)
        if special is not None:
            special(self, m, depth)
            return
        r = self.r
        deep = depth >= self.max_depth
        chosen = {}
        for o in desc.oneofs:
            if o.full_name not in self.s.synthetic_oneofs and o.fields and r.random() < 0.75:
                chosen[o.full_name] = r.choice(o.fields).name
        for f in desc.fields:
            if self.s.real_oneof(f):
                if chosen.get(f.containing_oneof.full_name) == f.name and not (deep and f.message_type is not None):
                    self.set_single(m, f, depth)
                continue
            if f.message_type is not None and f.message_type.GetOptions().map_entry:
                if not deep:
                    self.fill_map(m, f, depth)
            elif f.is_repeated:
                if f.message_type is None:
                    getattr(m, f.name).extend(self.scalar(f) for _ in range(self.count()))
                elif not deep:
                    for _ in range(self.count()):
                        self.fill(getattr(m, f.name).add(), f.message_type, depth + 1)
            elif f.is_required or (r.random() < 0.6 and not (deep and f.message_type is not None)):
                self.set_single(m, f, depth)

    def set_single(self, m, f, depth):
        if f.message_type is not None:
            sub = getattr(m, f.name)
            sub.SetInParent()
            self.fill(sub, f.message_type, depth + 1)
        else:
            setattr(m, f.name, self.scalar(f))

    def fill_map(self, m, f, depth):
        key_f = f.message_type.fields_by_name["key"]
        val_f = f.message_type.fields_by_name["value"]
        target = getattr(m, f.name)
        for _ in range(self.count()):
            k = self.scalar(key_f)
            if val_f.message_type is not None:
                self.fill(target[k], val_f.message_type, depth + 1)
            else:
                target[k] = self.scalar(val_f)

    # well-known types, kept within what their JSON forms allow ---------------------------------------------------
    def timestamp(self, m, depth):
        r = self.r
        m.seconds = r.choice([0, 1, -1, -62135596800, 253402300799, r.randint(-62135596800, 253402300799)])
        m.nanos = r.choice([0, 0, 1000000 * r.randint(0, 999), 1000 * r.randint(0, 999999), r.randint(0, 999999999)])

    def duration(self, m, depth):
        r = self.r
        s = r.choice([0, 1, -1, 315576000000, -315576000000, r.randint(-315576000000, 315576000000),
                      r.randint(-100000, 100000)])
        n = r.choice([0, 0, 1000000 * r.randint(0, 999), 1000 * r.randint(0, 999999), r.randint(0, 999999999)])
        if abs(s) == 315576000000:
            n = 0
        if s < 0 or (s == 0 and r.random() < 0.3):
            n = -n
        m.seconds, m.nanos = s, n

    def field_mask(self, m, depth):
        words = ["a", "foo", "bar", "baz", "name", "x", "longer"]
        for _ in range(self.r.choice([0, 1, 2, 3])):
            segs = ["_".join(self.r.choice(words) for _ in range(self.r.randint(1, 3)))
                    for _ in range(self.r.randint(1, 3))]
            m.paths.append(".".join(segs))

    def value(self, m, depth):
        r = self.r
        kinds = ["null", "number", "string", "bool"] + ([] if depth >= self.max_depth else ["struct", "list"])
        k = r.choice(kinds)
        if k == "null":
            m.null_value = 0
        elif k == "number":
            v = self.floating(False)
            m.number_value = v if math.isfinite(v) else 0.5
        elif k == "string":
            m.string_value = self.string()
        elif k == "bool":
            m.bool_value = r.random() < 0.5
        elif k == "struct":
            m.struct_value.SetInParent()
            self.struct(m.struct_value, depth + 1)
        else:
            m.list_value.SetInParent()
            self.list_value(m.list_value, depth + 1)

    def struct(self, m, depth):
        for _ in range(self.count()):
            self.value(m.fields[self.string()], depth + 1)

    def list_value(self, m, depth):
        for _ in range(self.count()):
            self.value(m.values.add(), depth + 1)

    def any(self, m, depth):
        if depth >= self.max_depth or not self.any_types:
            try:
                inner = self.s.cls(self.s.pool.FindMessageTypeByName("google.protobuf.Duration"))()
            except KeyError:  # the files do not import duration.proto: leave the Any empty
                return
            self.duration(inner, depth)
        else:
            d = self.r.choice(self.any_types)
            inner = self.message(d, depth + 1)
        m.Pack(inner, deterministic=True)

    def wrapper(self, m, depth):
        m.value = self.scalar(m.DESCRIPTOR.fields_by_name["value"])


WKT_FILL = {
    "google.protobuf.Timestamp": Generator.timestamp, "google.protobuf.Duration": Generator.duration,
    "google.protobuf.FieldMask": Generator.field_mask, "google.protobuf.Value": Generator.value,
    "google.protobuf.Struct": Generator.struct, "google.protobuf.ListValue": Generator.list_value,
    "google.protobuf.Any": Generator.any, "google.protobuf.Empty": lambda g, m, d: None,
}
for _w in ("Double", "Float", "Int64", "UInt64", "Int32", "UInt32", "Bool", "String", "Bytes"):
    WKT_FILL["google.protobuf.%sValue" % _w] = Generator.wrapper


# ---------------------------------------------------------------------------------------------------------------
# Messy inputs: the same message, written the ways protobuf accepts besides its own
# ---------------------------------------------------------------------------------------------------------------

def random_unknown(r, desc, depth=0):
    while True:
        num = r.choice([r.randint(1, 60), r.randint(1, 5000), r.randint(20000, (1 << 29) - 1)])
        if desc is None or num not in desc.fields_by_number:
            if not 19000 <= num <= 19999:
                break
    wt = r.choice([VARINT, VARINT, I64, I32, LEN, LEN] + ([SGROUP] if depth < 2 else []))
    if wt == VARINT:
        payload = enc_varint(r.choice([0, 1, 300, r.getrandbits(64), r.getrandbits(20)]))
    elif wt == I64:
        payload = bytes(r.getrandbits(8) for _ in range(8))
    elif wt == I32:
        payload = bytes(r.getrandbits(8) for _ in range(4))
    elif wt == LEN:
        payload = bytes(r.getrandbits(8) for _ in range(r.choice([0, 1, 5, 20])))
    else:
        payload = b"".join(random_unknown(r, None, depth + 1) for _ in range(r.randint(0, 2)))
    return record(num, wt, payload)


def decoy(gen, f):
    """An earlier value for a singular field: protobuf keeps the last one."""
    wt = SCALAR_WIRE[f.type]
    if f.message_type is not None:
        return record(f.number, LEN, b"")
    if wt == LEN:
        return record(f.number, LEN, gen.string().encode() if f.type == FD.TYPE_STRING else gen.blob())
    if wt == VARINT:
        return record(f.number, VARINT, enc_varint(gen.r.getrandbits(gen.r.choice([1, 7, 31, 64]))))
    return record(f.number, wt, bytes(gen.r.getrandbits(8) for _ in range(8 if wt == I64 else 4)))


def messy(gen, desc, data, depth=0):
    r = gen.r
    streams = collections.OrderedDict()
    packable = {}
    for num, wt, payload, raw in read_records(data):
        f = desc.fields_by_number.get(num)
        if f is None:
            streams.setdefault(("u", len(streams)), []).append(raw)
            continue
        if f.message_type is not None and wt == LEN:
            inner = messy(gen, f.message_type, payload, depth + 1)
            chunks = [record(num, LEN, inner)]
            if not f.is_repeated and r.random() < 0.15:
                recs = read_records(inner)
                if len(recs) >= 2:  # a sub-message in two records: protobuf merges them
                    cut = r.randint(1, len(recs) - 1)
                    chunks = [record(num, LEN, b"".join(x[3] for x in recs[:cut])),
                              record(num, LEN, b"".join(x[3] for x in recs[cut:]))]
        elif f.is_repeated and f.type in SCALAR_WIRE and SCALAR_WIRE[f.type] != LEN and f.message_type is None:
            ewt = SCALAR_WIRE[f.type]
            packable.setdefault(num, []).extend(split_elements(payload, ewt) if wt == LEN else [payload])
            streams.setdefault(num, [])
            continue
        else:
            chunks = [raw]
        stream = streams.setdefault(num, [])
        if not f.is_repeated and not stream and r.random() < 0.2:
            if gen.s.real_oneof(f) and len(f.containing_oneof.fields) > 1 and r.random() < 0.5:
                other = r.choice([o for o in f.containing_oneof.fields if o.number != num])
                stream.append(decoy(gen, other))
            elif f.message_type is None:
                stream.append(decoy(gen, f))
        stream.extend(chunks)
    for num, elems in packable.items():  # repeated scalars: any mix of packed and unpacked chunks
        f = desc.fields_by_number[num]
        ewt = SCALAR_WIRE[f.type]
        i, out = 0, []
        while i < len(elems):
            if r.random() < 0.5:
                n = r.randint(1, len(elems) - i)
                out.append(record(num, LEN, b"".join(elems[i:i + n])))
                i += n
            else:
                out.append(record(num, ewt, elems[i]))
                i += 1
        if r.random() < 0.05:
            out.insert(r.randint(0, len(out)), record(num, LEN, b""))
        streams[num] = out
    # Not inside map entries: runtimes differ there (upb writes an entry's unknown fields back, C++ and
    # swift-protobuf drop them), and the spec says nothing.
    for _ in range(r.choice([0, 0, 0, 1, 1, 2, 3]) if depth < 4 and not desc.GetOptions().map_entry else 0):
        streams[("u", len(streams) + 1000)] = [random_unknown(r, desc)]
    # Interleave the streams, each kept in order (repeated elements and last-wins depend on it).
    queues = [list(s) for s in streams.values() if s]
    if r.random() < 0.3:
        return b"".join(b"".join(q) for q in queues)
    out = []
    while queues:
        q = r.choice(queues)
        out.append(q.pop(0))
        if not q:
            queues.remove(q)
    return b"".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Mutations and protobuf's verdict on them
# ---------------------------------------------------------------------------------------------------------------

def string_fields(desc):
    return [f for f in desc.fields if f.type == FD.TYPE_STRING]


BAD_UTF8 = [b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xe2\x82", b"a\x80b", b"\xf4\x90\x80\x80", b"\xf0\x9f\x98"]


def mutate(gen, desc, data):
    r = gen.r
    kind = r.choice(["truncate", "truncate", "byte", "wiretype", "badutf8", "badutf8", "wt67", "field0", "hugelen",
                     "endgroup"])
    if kind == "truncate" and data:
        return kind, data[:r.randrange(len(data))]
    if kind == "byte" and data:
        i = r.randrange(len(data))
        return kind, data[:i] + bytes([r.getrandbits(8)]) + data[i + 1:]
    if kind == "wiretype":
        recs = read_records(data)
        known = [i for i, x in enumerate(recs) if x[0] in desc.fields_by_number and x[1] != SGROUP]
        if known:
            i = r.choice(known)
            num, wt, payload, raw = recs[i]
            nwt = r.choice([w for w in (VARINT, I64, LEN, I32) if w != wt])
            body = {VARINT: enc_varint(r.getrandbits(10)), I64: bytes(8), I32: bytes(4), LEN: b"ab"}[nwt]
            recs[i] = (num, nwt, body, record(num, nwt, body))
            return kind, b"".join(x[3] for x in recs)
    if kind == "badutf8":
        fields = string_fields(desc)
        if fields:
            f = r.choice(fields)
            good = gen.string().encode()
            cut = r.randint(0, len(good))
            return kind, data + record(f.number, LEN, good[:cut] + r.choice(BAD_UTF8) + good[cut:])
    if kind == "wt67":
        return kind, data + tag(r.randint(1, 30), r.choice([6, 7])) + b"\x00"
    if kind == "field0":
        return kind, data + bytes([r.choice([0, 1, 2, 5])]) + b"\x00" * 8
    if kind == "hugelen":
        return kind, data + tag(r.randint(1, 30), LEN) + enc_varint(r.choice([1 << 31, (1 << 32) + 3, 1 << 62, 100]))
    if kind == "endgroup":
        return kind, data + tag(r.randint(1, 30), EGROUP)
    return "truncate", data[:-1] if data else b"\x08"


def invalid_proto2_strings(m):
    """A proto2 string holding invalid UTF-8 comes back from upb as bytes (or fails to decode, in a map)."""
    try:
        return _invalid_proto2_strings(m)
    except UnicodeDecodeError:
        return True


def _invalid_proto2_strings(m):
    for f, v in m.ListFields():
        if f.type == FD.TYPE_STRING:
            vals = v if f.is_repeated else [v]
            if any(isinstance(x, bytes) for x in vals):
                return True
        if f.message_type is not None:
            if f.message_type.GetOptions().map_entry:
                vf = f.message_type.fields_by_name["value"]
                items = list(v.values())
                if vf.type == FD.TYPE_STRING and any(isinstance(x, bytes) for x in items):
                    return True
                if vf.message_type is not None and any(_invalid_proto2_strings(x) for x in items):
                    return True
                if any(isinstance(k, bytes) for k in v.keys()):
                    return True
            else:
                for x in (v if f.is_repeated else [v]):
                    if _invalid_proto2_strings(x):
                        return True
    return False


def protobuf_verdict(schema, desc, data):
    """('reject', None) | ('accept', bytes) | ('either', bytes): what protobuf does with these bytes."""
    m = schema.cls(desc)()
    try:
        m.ParseFromString(data)
    except Exception:
        return "reject", None
    if not m.IsInitialized():
        return "reject", None
    out = m.SerializeToString(deterministic=True)
    if invalid_proto2_strings(m):
        return "either", out
    return "accept", out


# ---------------------------------------------------------------------------------------------------------------
# The Swift side
# ---------------------------------------------------------------------------------------------------------------

DRIVER_PACKAGE = """// swift-tools-version: 6.2
// Generated by Scripts/protobuf_oracle.py: the generated types of statefun-protoc and a driver over them.
import PackageDescription

let package = Package(
    name: "ProtobufOracleDriver",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: %(repo)s)],
    targets: [
        .executableTarget(
            name: "ProtobufOracleDriver",
            dependencies: [.product(name: "StateFun", package: %(identity)s)],
            path: "Sources",
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
"""

DRIVER_MAIN = """// Generated by Scripts/protobuf_oracle.py. Reads cases from stdin, one a line:
//   INDEX TAB TYPE-KEY TAB BINARY-HEX TAB JSON-INPUT-HEX, or "*" (JSON out only), or "-" (no JSON)
// and writes one result line each:
//   INDEX TAB "OK" TAB BINARY-OUT-HEX TAB JSON-OUT-HEX-or-"!"ERROR-HEX TAB FROM-JSON-BINARY-HEX-or-"!"ERROR-HEX
//   INDEX TAB "THREW" TAB ERROR-HEX
// Arguments: --skip N (restart after a crash: lines with INDEX <= N are skipped).
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import StateFun
import StateFunWire

/// Every generated message type, so that an Any holding one has a JSON form (json_format finds them in its pool).
enum Registry {
    static let options = ProtoJSONOptions(typeRegistry: ProtoTypeRegistry([
%(registry)s
    ]))
}

func decodeHex(_ s: Substring) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count / 2)
    var high: UInt8? = nil
    for c in s.utf8 {
        let v: UInt8 = c <= 57 ? c &- 48 : c &- 87
        if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
    }
    return out
}

let digits = Array("0123456789abcdef".utf8)
func encodeHex(_ bytes: some Sequence<UInt8>) -> String {
    var out: [UInt8] = []
    for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
    return String(decoding: out, as: UTF8.self)
}

func errorHex(_ error: any Error) -> String { encodeHex(Array(String(describing: error).utf8)) }

func bytes<T: StateFunType>(_ value: T) throws -> [UInt8] { try value.serialize() }

func check<T: ProtobufMessage>(
    _ type: T.Type, _ input: [UInt8], _ json: Substring,
    toJSON: (T) throws -> String, fromJSON: (String) throws -> T
) -> String {
    let message: T
    do { message = try T.deserialize(from: input) } catch { return "THREW\\t" + errorHex(error) }
    var out = "OK\\t"
    do { out += encodeHex(try bytes(message)) } catch { return "THREW\\t" + errorHex(error) }
    if json == "-" { return out }
    do { out += "\\t" + encodeHex(Array(try toJSON(message).utf8)) } catch { out += "\\t!" + errorHex(error) }
    if json == "*" { return out + "\\t-" }
    let text = String(decoding: decodeHex(json), as: UTF8.self)
    do { out += "\\t" + encodeHex(try bytes(try fromJSON(text))) } catch { out += "\\t!" + errorHex(error) }
    return out
}

/// The generated type of each full name (a switch, not a dictionary of closures: each case type-checks alone, so
/// a problem in the generated code is reported at its line).
func run(_ key: Substring, _ input: [UInt8], _ json: Substring) -> String? {
    switch key {
%(runners)s
    default: return nil
    }
}

/// One result line, written at once (no stdio buffer): after a crash, every line before it is in the file.
func emit(_ line: String) {
    var text = line + "\\n"
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}

var skip = -1
if let i = CommandLine.arguments.firstIndex(of: "--skip"), i + 1 < CommandLine.arguments.count {
    skip = Int(CommandLine.arguments[i + 1]) ?? -1
}
while let line = readLine(strippingNewline: true) {
    let parts = line.split(separator: "\\t", omittingEmptySubsequences: false)
    guard parts.count == 4, let index = Int(parts[0]) else { continue }
    if index <= skip { continue }
    let result: String
    result = run(parts[1], decodeHex(parts[2]), parts[3])
        ?? "THREW\\t" + encodeHex(Array("no generated type for \\(parts[1])".utf8))
    emit("\\(index)\\t\\(result)")
}
"""

RUNNER = '''    case "%(key)s":
        return check(
            %(swift)s.self, input, json, toJSON: { try $0.jsonString(options: Registry.options) },
            fromJSON: { try %(swift)s(jsonString: $0, options: Registry.options) })'''
RUNNER_NO_JSON = '''    case "%(key)s":
        return check(%(swift)s.self, input, "-", toJSON: { _ in "" }, fromJSON: { _ in %(swift)s() })'''


def run(cmd, **kw):
    return subprocess.run(cmd, **kw)


def find_statefun_protoc(args):
    if args.statefun_protoc:
        return args.statefun_protoc
    pkg = open(os.path.join(args.package_path, "Package.swift")).read()
    if '"statefun-protoc"' not in pkg:
        return None
    t0 = time.time()
    p = run(["swift", "build", "--package-path", args.package_path, "--product", "statefun-protoc"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        print(p.stdout[-4000:])
        raise SystemExit("statefun-protoc did not build")
    binpath = run(["swift", "build", "--package-path", args.package_path, "--show-bin-path"],
                  stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
    print("built statefun-protoc in %.0fs" % (time.time() - t0))
    return os.path.join(binpath, "statefun-protoc")


def proto_path(name, includes):
    for inc in includes:
        p = os.path.join(inc, name)
        if os.path.isfile(p):
            return p
    return None


# ---------------------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", help=".proto files (default: every file under Tests/ProtobufOracle/protos)")
    ap.add_argument("-I", "--proto_path", dest="includes", action="append", default=[], help="import root")
    ap.add_argument("--count", type=int, default=2000, help="random messages per message type (default 2000)")
    ap.add_argument("--mutations", type=int, default=300, help="mutated inputs per message type (default 300)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--max-depth", type=int, default=3, help="nesting bound of random messages (default 3)")
    ap.add_argument("--work", help="work folder (default: .build-protobuf-oracle/work in the package)")
    ap.add_argument("--scratch", help="Swift build folder of the driver (default: .build-protobuf-oracle/build)")
    ap.add_argument("--package-path", default=REPO, help="the swift-statefun package (default: this one)")
    ap.add_argument("--statefun-protoc", help="a statefun-protoc binary (default: build the package's own)")
    ap.add_argument("--no-werror", action="store_true", help="build the driver without -warnings-as-errors")
    ap.add_argument("--show", type=int, default=5, help="failures printed per type and kind (default 5)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds for one run of the driver (default 600)")
    ap.add_argument("--no-json-for", dest="no_json_for", action="append", default=[], metavar="FULL.NAME",
                    help="skip the JSON checks of every type from which FULL.NAME is reachable (binary still checked)")
    ap.add_argument("--no-json", action="store_true",
                    help="check the binary codec only (for a compiler that does not generate the JSON API yet)")
    ap.add_argument("--input", action="append", default=[], metavar="FULL.NAME:HEX",
                    help="check these bytes only (protobuf's verdict decides), e.g. to replay a reported case")
    ap.add_argument("--generate-only", action="store_true", help="make the cases (Python side) and stop")
    ap.add_argument("--self-test", action="store_true",
                    help="judge protobuf's own Python runtime in place of the Swift code (must pass: checks the oracle)")
    args = ap.parse_args()
    args.package_path = os.path.abspath(args.package_path)
    files = args.files
    includes = [os.path.abspath(i) for i in args.includes]
    if not files:
        files = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(FIXTURES) for f in fs if f.endswith(".proto"))
        includes = includes or [FIXTURES]
    if not includes:
        includes = sorted({os.path.dirname(os.path.abspath(f)) for f in files})
    root = os.path.join(args.package_path, ".build-protobuf-oracle")
    work = os.path.abspath(args.work or os.path.join(root, "work"))
    scratch = os.path.abspath(args.scratch or os.path.join(root, "build"))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    t_start = time.time()

    compiler = None if args.generate_only or args.self_test else find_statefun_protoc(args)
    if compiler is None and not (args.generate_only or args.self_test):
        print("SKIP: the package at %s has no statefun-protoc product yet; nothing was checked" % args.package_path)
        return 77

    # 1. protoc: the descriptor set. -------------------------------------------------------------------------------
    import grpc_tools
    wkt_include = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    fds_path = os.path.join(work, "descriptors.pb")
    cmd = [sys.executable, "-m", "grpc_tools.protoc"] + ["-I" + i for i in includes] + ["-I" + wkt_include,
           "--include_imports", "--descriptor_set_out=" + fds_path] + [os.path.abspath(f) for f in files]
    p = run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        print(p.stdout)
        raise SystemExit("protoc rejected the input files")
    fds = descriptor_pb2.FileDescriptorSet.FromString(open(fds_path, "rb").read())
    schema = Schema(fds)
    user_files = [f.name for f in fds.file if f.name not in WKT_FILES]
    unsupported = []
    for f in fds.file:
        if f.name in WKT_FILES:
            continue
        for d in schema.messages_of([f.name]):
            for fld in d.fields:
                if fld.type == FD.TYPE_GROUP:
                    unsupported.append("%s: group field %s" % (f.name, fld.full_name))
    types = schema.messages_of(user_files)
    print("protobuf oracle: %d files (%d with imports), %d message types, %d cases + %d mutations per type, seed %d"
          % (len(files), len(user_files), len(types), args.count, args.mutations, args.seed))
    if unsupported:
        print("note: these files use constructs statefun-protoc does not support:\n  " + "\n  ".join(unsupported))

    # 2. cases. ----------------------------------------------------------------------------------------------------
    rng = random.Random(args.seed)
    any_types = [d for d in types if not d.GetOptions().map_entry]
    for n in ("Duration", "Timestamp", "Int32Value", "StringValue", "Empty", "Struct"):
        try:  # well-known types to pack into Any, those the files import
            any_types.append(schema.pool.FindMessageTypeByName("google.protobuf." + n))
        except KeyError:
            pass
    any_types = [d for d in any_types if d.file.name in WKT_FILES or d.file.name in user_files]
    gen = Generator(schema, rng, args.max_depth, any_types)
    cases = []  # (type desc, kind, input bytes, json input or None, expected) ...
    stats = collections.Counter()
    for given in args.input:
        name, _, hexdata = given.partition(":")
        d = schema.pool.FindMessageTypeByName(name)
        data = bytes.fromhex(hexdata)
        cases.append((d, "given", data, None, protobuf_verdict(schema, d, data)))
    for d in types if not args.input else []:
        key = d.full_name
        for _ in range(args.count):
            m = gen.message(d)
            try:
                canonical = m.SerializeToString(deterministic=True)
            except Exception as e:  # e.g. required fields out of reach of the depth bound
                stats["generation skipped"] += 1
                continue
            data = messy(gen, d, canonical)
            parsed = schema.cls(d)()
            parsed.ParseFromString(data)
            expect = parsed.SerializeToString(deterministic=True)
            want_json = variant = want_from_json = None
            try:
                want_json = json.loads(json_format.MessageToJson(parsed, indent=None, descriptor_pool=schema.pool))
                variant = json_format.MessageToJson(
                    parsed, indent=None, descriptor_pool=schema.pool,
                    preserving_proto_field_name=rng.random() < 0.3, use_integers_for_enums=rng.random() < 0.3)
                back = schema.cls(d)()
                json_format.Parse(variant, back, descriptor_pool=schema.pool)
                want_from_json = back.SerializeToString(deterministic=True)
            except Exception as e:
                # json_format writes a float near FLT_MAX as 3.4028235e+38 and then refuses to read it back.
                stats["JSON %s skipped (%s)" % ("out" if want_json is None else "in", type(e).__name__)] += 1
                variant = variant if want_from_json is not None else None
            cases.append((d, "message", data, variant, (expect, want_json, want_from_json)))
        for _ in range(args.mutations):
            m = gen.message(d)
            try:
                canonical = m.SerializeToString(deterministic=True)
            except Exception:
                continue
            kind, data = mutate(gen, d, canonical)
            verdict, out = protobuf_verdict(schema, d, data)
            if kind == "field0":
                # Field number 0 is invalid (encoding spec; C++ rejects it), but upb lets a 0x01 or 0x05 key
                # through in a message with no fields.
                verdict, out = "reject", None
            cases.append((d, "mutated:" + kind, data, None, (verdict, out)))
    print("generated %d cases in %.1fs%s" % (len(cases), time.time() - t_start,
                                            "".join("; %s: %d" % kv for kv in sorted(stats.items()))))

    # 3. statefun-protoc and the driver. ---------------------------------------------------------------------------
    if args.generate_only:
        return 0
    if args.self_test:
        results = python_results(schema, cases)
    else:
        results = swift_results(args, schema, compiler, cases, types, user_files, includes, work, scratch)
        if results is None:
            print("0 passed, 1 failed")
            return 1
    return judge(args, schema, cases, results, t_start)


def python_results(schema, cases):
    """What the driver would answer if the generated code behaved exactly as protobuf's Python runtime."""
    results = {}
    for i, (d, kind, data, variant, expected) in enumerate(cases):
        m = schema.cls(d)()
        try:
            if kind == "mutated:field0":
                raise ValueError("field number 0 (the oracle's rule, see mutate)")
            m.ParseFromString(data)
            if not m.IsInitialized():
                raise ValueError("missing required fields")
            out = ["OK", m.SerializeToString().hex()]
        except Exception as e:
            results[i] = ["THREW", str(e).encode().hex()]
            continue
        if kind == "message" and expected[1] is not None:
            out.append(json_format.MessageToJson(m, indent=None, descriptor_pool=schema.pool).encode().hex())
            if variant is not None:
                back = schema.cls(d)()
                json_format.Parse(variant, back, descriptor_pool=schema.pool)
                out.append(back.SerializeToString().hex())
            else:
                out.append("-")
        results[i] = out
    return results


def swift_results(args, schema, compiler, cases, types, user_files, includes, work, scratch):
    driver = os.path.join(work, "driver")
    gen_dir = os.path.join(work, "generated")
    os.makedirs(os.path.join(driver, "Sources"))
    os.makedirs(gen_dir)
    inputs = [proto_path(n, includes) for n in user_files]
    missing = [n for n, pth in zip(user_files, inputs) if pth is None]
    if missing:
        raise SystemExit("not found under the -I paths: %s" % ", ".join(missing))
    t0 = time.time()
    p = run([compiler, "--swift_out=" + gen_dir] + ["-I" + i for i in includes] + inputs,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print("statefun-protoc: exit %d in %.2fs%s" % (p.returncode, time.time() - t0,
                                                   ("\n" + p.stdout.strip()) if p.stdout.strip() else ""))
    if p.returncode != 0:
        return None
    for dp, _, fs in os.walk(gen_dir):  # flattened: one SwiftPM target cannot hold two files of one name
        for f in fs:
            rel = os.path.relpath(os.path.join(dp, f), gen_dir)
            shutil.copy(os.path.join(dp, f), os.path.join(driver, "Sources", rel.replace(os.sep, "__")))
    identity = os.path.basename(args.package_path.rstrip("/")).lower()
    open(os.path.join(driver, "Package.swift"), "w").write(
        DRIVER_PACKAGE % {"repo": json.dumps(args.package_path), "identity": json.dumps(identity)})
    runners = "\n".join((RUNNER_NO_JSON if args.no_json else RUNNER) % {"key": d.full_name, "swift": swift_name(schema, d)} for d in types)
    registry = "\n".join("        %s.self," % swift_name(schema, d) for d in types if not d.GetOptions().map_entry)
    open(os.path.join(driver, "Sources", "main.swift"), "w").write(
        DRIVER_MAIN % {"runners": runners, "registry": registry})
    t0 = time.time()
    build = ["swift", "build", "--package-path", driver, "--scratch-path", scratch,
             "--disable-build-manifest-caching"] + ([] if args.no_werror else ["-Xswiftc", "-warnings-as-errors"])
    p = run(build, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        errors = [ln for ln in p.stdout.splitlines() if "error:" in ln or "warning:" in ln]
        print("the generated code did not build (%d error/warning lines; work folder %s):" % (len(errors), work))
        print("\n".join(errors[:40]) if errors else p.stdout[-6000:])
        return None
    print("built the driver in %.0fs" % (time.time() - t0))
    binary = os.path.join(scratch, "debug", "ProtobufOracleDriver")

    # 4. run the cases, restarting after a crash or a hang. --------------------------------------------------------
    cases_path = os.path.join(work, "cases.tsv")
    with open(cases_path, "w") as out:
        for i, (d, kind, data, variant, expected) in enumerate(cases):
            jhex = variant.encode().hex() if variant is not None else ("*" if expected[1] is not None else "-")
            if kind != "message" or args.no_json or reaches(d, args.no_json_for):
                jhex = "-"
            out.write("%d\t%s\t%s\t%s\n" % (i, d.full_name, data.hex(), jhex))
    results = {}
    skip, crashes = -1, []
    t0 = time.time()
    while True:
        res_path = os.path.join(work, "results-%d.tsv" % len(crashes))
        with open(cases_path) as fin, open(res_path, "w") as fout:
            try:
                p = subprocess.run([binary, "--skip", str(skip)], stdin=fin, stdout=fout, stderr=subprocess.PIPE,
                                   timeout=args.timeout)
                rc, err = p.returncode, p.stderr.decode(errors="replace")
            except subprocess.TimeoutExpired:
                rc, err = "hang", "no answer within %ds" % args.timeout
        last = skip
        for line in open(res_path):
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0].isdigit():
                results[int(parts[0])] = parts[1:]
                last = int(parts[0])
        if rc == 0 or last + 1 >= len(cases) or len(crashes) >= 25:
            break
        said = [ln for ln in err.splitlines() if re.search(r"[Ff]atal error|error:|panic|Illegal|Segmentation", ln)]
        said = " | ".join(said[:3]) if said else err.strip()[:300]
        crashes.append((last + 1, rc, said))
        results[last + 1] = ["CRASH", str(rc), said]
        skip = last + 1
    print("ran %d cases through the generated code in %.1fs%s" % (
        len(cases), time.time() - t0, "; %d crashes" % len(crashes) if crashes else ""))
    return results


def f32(x):
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except (OverflowError, struct.error):
        return None


def json_diff(want, got, path="$", lenient=False):
    """The first place two JSON values differ, or None. lenient: numbers that are the same float32 are equal
    (json_format spells a float field with up to 9 digits, e.g. 1.4013e-45, where the shortest spelling of the
    same float32 is 1e-45)."""
    if isinstance(want, dict) and isinstance(got, dict):
        for k in sorted(set(want) | set(got)):
            if k not in got:
                return "%s.%s missing (want %s)" % (path, k, json.dumps(want[k], ensure_ascii=False)[:120])
            if k not in want:
                return "%s.%s unexpected (got %s)" % (path, k, json.dumps(got[k], ensure_ascii=False)[:120])
            d = json_diff(want[k], got[k], "%s.%s" % (path, k), lenient)
            if d:
                return d
        return None
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            return "%s: %d elements, want %d" % (path, len(got), len(want))
        for i, (a, b) in enumerate(zip(want, got)):
            d = json_diff(a, b, "%s[%d]" % (path, i), lenient)
            if d:
                return d
        return None
    num = (int, float)
    if isinstance(want, num) and isinstance(got, num) and not isinstance(want, bool) and not isinstance(got, bool):
        if want == got or (lenient and f32(want) is not None and f32(want) == f32(got)):
            return None
    elif type(want) is type(got) and want == got:
        return None
    return "%s: want %s, got %s" % (path, json.dumps(want, ensure_ascii=False)[:120],
                                    json.dumps(got, ensure_ascii=False)[:120])


def diff_hex(want, got):
    """Where two hex strings part, with a little context either side (long messages make long lines)."""
    n = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
    n -= n % 2
    lo = max(0, n - 40)
    cut = lambda h: ("…" if lo else "") + h[lo:n + 80] + ("…" if len(h) > n + 80 else "")
    return "first difference at byte %d of %d/%d:\n      want %s\n      got  %s" % (
        n // 2, len(want) // 2, len(got) // 2, cut(want), cut(got))


def judge(args, schema, cases, results, t_start):
    # 5. judge. ----------------------------------------------------------------------------------------------------
    tally = collections.OrderedDict()
    failures = collections.defaultdict(list)

    def canonical_anys(m):
        """Re-packs every Any in `m` (recursively) with its payload serialized deterministically: an Any's value is
        opaque bytes, and json_format fills it with SerializeToString(), whose map order is the JSON's."""
        for field, value in m.ListFields():
            if field.message_type is None:
                continue
            if field.message_type.GetOptions().map_entry:
                vf = field.message_type.fields_by_name["value"]
                items = list(value.values()) if vf.message_type is not None else []
            elif field.is_repeated:
                items = list(value)
            else:
                items = [value]
            for item in items:
                if item.DESCRIPTOR.full_name == "google.protobuf.Any" and item.type_url:
                    try:
                        inner = schema.cls(schema.pool.FindMessageTypeByName(item.type_url.split("/")[-1]))()
                        inner.ParseFromString(item.value)
                    except Exception:
                        continue
                    canonical_anys(inner)
                    item.value = inner.SerializeToString(deterministic=True)
                else:
                    canonical_anys(item)

    def normalized(d, got):
        """Bytes as protobuf re-encodes them deterministically (for types whose map order is free), the payloads of
        Anys included."""
        if not schema.has_maps(d):
            return got
        m = schema.cls(d)()
        try:
            m.ParseFromString(got)
            canonical_anys(m)
            return m.SerializeToString(deterministic=True)
        except Exception:
            return got

    def same_bytes(d, got, want):
        if got == want:
            return "exact"
        if schema.has_maps(d) and normalized(d, got) == normalized(d, want):
            return "map-order"
        return None

    def same_json_message(d, text, want_json):
        """protobuf reads Swift's JSON and json_format's as the same message."""
        m, ref = schema.cls(d)(), schema.cls(d)()
        try:
            json_format.Parse(json.dumps(want_json), ref, descriptor_pool=schema.pool)
        except Exception:
            return True  # json_format cannot read its own JSON (a float near FLT_MAX): the float32 compare stands
        try:
            json_format.Parse(text, m, descriptor_pool=schema.pool)
        except Exception:
            return False
        canonical_anys(m)
        canonical_anys(ref)
        return m.SerializeToString(deterministic=True) == ref.SerializeToString(deterministic=True)

    def show_diff(d, want, got_hex):
        got = bytes.fromhex(got_hex)
        norm = normalized(d, got)
        note = "" if norm == got else " (Swift's bytes re-encoded by protobuf, map entries sorted)"
        return diff_hex(normalized(d, want).hex(), norm.hex()) + note

    for i, (d, kind, data, variant, expected) in enumerate(cases):
        res = results.get(i)
        t = tally.setdefault(d.full_name, collections.Counter())
        problems = []
        if res is None:
            problems.append("no result (driver stopped)")
        elif res[0] == "CRASH":
            problems.append("CRASHED (exit %s): %s" % (res[1], res[2]))
        elif kind == "message":
            want_bin, want_json, want_from_json = expected
            if args.no_json or reaches(d, args.no_json_for):
                want_json = variant = None
            if res[0] != "OK":
                problems.append("decode threw: %s" % bytes.fromhex(res[1]).decode(errors="replace"))
            else:
                how = same_bytes(d, bytes.fromhex(res[1]), want_bin)
                if how is None:
                    problems.append("binary differs, " + show_diff(d, want_bin, res[1]))
                else:
                    t["binary " + how] += 1
                if want_json is not None:
                    if len(res) < 4:
                        problems.append("no JSON result")
                    elif res[2].startswith("!"):
                        problems.append("jsonString threw: %s" % bytes.fromhex(res[2][1:]).decode(errors="replace"))
                    else:
                        got_json = bytes.fromhex(res[2]).decode(errors="replace")
                        try:
                            got_value = json.loads(got_json)
                            why = json_diff(want_json, got_value)
                        except ValueError as e:
                            got_value, why = None, "not JSON: %s" % e
                        if why is None:
                            t["json out"] += 1
                        elif got_value is not None and json_diff(want_json, got_value, lenient=True) is None \
                                and same_json_message(d, got_json, want_json):
                            t["json out (float32 spelled shorter)"] += 1
                        else:
                            problems.append("JSON differs at %s\n      got  %s" % (why, got_json[:300]))
                if variant is not None and len(res) >= 4:
                    if res[3].startswith("!"):
                        problems.append("init(jsonString:) threw on %s: %s"
                                        % (variant, bytes.fromhex(res[3][1:]).decode(errors="replace")))
                    else:
                        how = same_bytes(d, bytes.fromhex(res[3]), want_from_json)
                        if how is None:
                            problems.append("message from JSON %s differs, %s"
                                            % (variant, show_diff(d, want_from_json, res[3])))
                        else:
                            t["json in"] += 1
        else:
            verdict, want = expected
            threw = res[0] != "OK"
            if verdict == "reject" and not threw:
                problems.append("accepted what protobuf rejects (%s); re-encoded as %s" % (kind, res[1]))
            elif verdict == "accept" and threw:
                problems.append("threw on what protobuf accepts (%s): %s"
                                % (kind, bytes.fromhex(res[1]).decode(errors="replace")))
            elif not threw and verdict in ("accept", "either") and same_bytes(d, bytes.fromhex(res[1]), want) is None:
                problems.append("accepted (%s) but re-encoded differently, %s" % (kind, show_diff(d, want, res[1])))
            else:
                t["%s %s" % (kind, "rejected" if threw else "accepted")] += 1
        if problems:
            t["FAILED"] += 1
            key = (d.full_name, kind)
            if len(failures[key]) < args.show:
                failures[key].append("case %d %s, input (%d bytes) %s\n    %s" % (
                    i, kind, len(data), data.hex() if len(data) <= 100 else data[:100].hex() + "…",
                    "\n    ".join(problems)))
            failures[key + ("count",)] = failures.get(key + ("count",), 0) + 1
        else:
            t["passed"] += 1

    for name, t in tally.items():
        detail = ", ".join("%s %d" % kv for kv in sorted(t.items()) if kv[0] not in ("passed", "FAILED"))
        print("  %-48s %6d passed %5d failed   (%s)" % (name, t["passed"], t["FAILED"], detail))
    for key, lines in failures.items():
        if len(key) == 3:
            continue
        print("\nFAIL %s [%s]: %d cases, first %d:" % (key[0], key[1], failures[key + ("count",)], len(lines)))
        for ln in lines:
            print("  " + ln)
    passed = sum(t["passed"] for t in tally.values())
    failed = sum(t["FAILED"] for t in tally.values())
    if args.no_json:
        print("NOTE: --no-json: the JSON mapping was NOT checked")
    for name in args.no_json_for:
        skipped = len({d.full_name for d, *_ in cases if reaches(d, [name])})
        print("NOTE: --no-json-for %s: JSON not checked for the %d types that reach it" % (name, skipped))
    print("took %.0fs in all" % (time.time() - t_start))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
