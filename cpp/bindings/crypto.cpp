// Bindings for cpp/l2lab/crypto: hashes, secp256k1 keys/signatures, EIP-55 addresses, BIP340
// Schnorr, binary and sparse Merkle trees. Conversion and GIL release only.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "casters.hpp"
#include "l2lab/core/error.hpp"
#include "l2lab/crypto/address.hpp"
#include "l2lab/crypto/hash_kind.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/crypto/merkle.hpp"
#include "l2lab/crypto/schnorr.hpp"
#include "l2lab/crypto/secp256k1.hpp"
#include "l2lab/crypto/sha256.hpp"
#include "l2lab/crypto/smt.hpp"

namespace py = pybind11;

namespace l2lab::bindings {
namespace {
using namespace l2lab::crypto;

// Hashing a few bytes is faster than releasing and re-taking the GIL.
constexpr std::size_t kReleaseGilAbove = 1u << 16;

template <typename F>
Hash32 hash_maybe_released(const Bytes& data, F&& fn) {
    if (data.size() < kReleaseGilAbove)
        return fn(data);
    py::gil_scoped_release release;
    return fn(data);
}

py::bytes to_pybytes(BytesView b) {
    return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
}

Address address_from_object(const py::object& obj) {
    if (py::isinstance<py::str>(obj))
        return parse_address(obj.cast<std::string>());
    const std::uint8_t* data = nullptr;
    std::size_t n = 0;
    py::object keep;
    if (py::detail::load_bytes_like(obj, data, n, keep))
        return Address::from_view({data, n});
    throw py::type_error("Address() takes a '0x' hex str or 20 bytes, got " +
                         std::string(py::str(py::type::of(obj).attr("__name__"))));
}

std::string signature_repr(const Signature& s) {
    return "Signature(r=" + to_hex(BytesView(s.bytes.data(), 32)) +
           ", s=" + to_hex(BytesView(s.bytes.data() + 32, 32)) + ", v=" + std::to_string(s.v()) +
           ")";
}

py::object leaf_or_none(const std::optional<SmtLeaf>& leaf) {
    if (!leaf)
        return py::none();
    return py::make_tuple(leaf->key, leaf->value);
}

py::object opening_to_object(const std::variant<std::monostate, SmtLeaf, SmtNodeOpening>& o) {
    if (const auto* leaf = std::get_if<SmtLeaf>(&o)) {
        return py::make_tuple("leaf", leaf->key, leaf->value);
    }
    if (const auto* node = std::get_if<SmtNodeOpening>(&o)) {
        return py::make_tuple("node", node->left, node->right);
    }
    return py::none();
}

}  // namespace

void init_crypto(py::module_& m) {
    // ---- hashes ----------------------------------------------------------------------------
    m.def(
        "keccak256",
        [](const Bytes& data) {
            return hash_maybe_released(data, [](const Bytes& d) { return keccak256(d); });
        },
        py::arg("data"),
        "Keccak-256 (Ethereum's variant, not FIPS-202 SHA3-256) of bytes -> 32 bytes.");
    m.def(
        "sha256",
        [](const Bytes& data) {
            return hash_maybe_released(data, [](const Bytes& d) { return sha256(d); });
        },
        py::arg("data"), "SHA-256 (FIPS 180-4, through OpenSSL) of bytes -> 32 bytes.");
    m.def(
        "hash_bytes",
        [](const std::string& hash, const Bytes& data) {
            return hash_bytes(parse_hash_kind(hash), data);
        },
        py::arg("hash"), py::arg("data"),
        "Hash `data` with the named function ('keccak256' or 'sha256'); InvalidArgumentError "
        "for another name.");

    // ---- Address ---------------------------------------------------------------------------
    py::class_<Address>(m, "Address",
                        "20-byte Ethereum address. Address('0x...') checks the EIP-55 checksum "
                        "when the text is mixed-case (all-lower/all-upper text is accepted as "
                        "is); Address(b'...20 bytes...') takes raw bytes. str() is the EIP-55 "
                        "checksummed form.")
        .def(py::init(&address_from_object), py::arg("value"))
        .def("__str__", [](const Address& a) { return to_checksum_hex(a); })
        .def("__repr__", [](const Address& a) { return "Address('" + to_checksum_hex(a) + "')"; })
        .def("__bytes__", [](const Address& a) { return to_pybytes(a.view()); })
        .def(
            "hex", [](const Address& a) { return a.hex(); }, "Lower-case '0x' hex text.")
        .def_property_readonly(
            "checksum", [](const Address& a) { return to_checksum_hex(a); },
            "EIP-55 checksummed text (same as str()).")
        .def(
            "__eq__", [](const Address& a, const Address& b) { return a == b; }, py::is_operator())
        .def(
            "__eq__", [](const Address&, const py::object&) { return false; }, py::is_operator())
        .def(
            "__lt__", [](const Address& a, const Address& b) { return a < b; }, py::is_operator())
        .def("__hash__", [](const Address& a) { return py::hash(to_pybytes(a.view())); })
        .def(py::pickle([](const Address& a) { return to_pybytes(a.view()); },
                        [](const py::bytes& b) { return address_from_object(b); }))
        .def_static(
            "zero", [] { return Address{}; }, "The all-zero address.");
    // Other bindings take `const Address&`; these let them receive str / bytes as well.
    py::implicitly_convertible<py::str, Address>();
    py::implicitly_convertible<py::bytes, Address>();
    m.def(
        "to_checksum_address", [](const Address& a) { return to_checksum_hex(a); },
        py::arg("address"), "EIP-55 checksummed text of an address.");

    // ---- secp256k1 -------------------------------------------------------------------------
    py::class_<PublicKey>(m, "PublicKey", "secp256k1 public key (a curve point).")
        .def(py::pickle([](const PublicKey& k) { return to_pybytes(k.uncompressed()); },
                        [](const py::bytes& b) { return PublicKey::parse(b.cast<Bytes>()); }))
        .def(py::init([](const Bytes& b) { return PublicKey::parse(b); }), py::arg("data"),
             "From 33-byte compressed, 65-byte uncompressed (0x04 prefix) or 64-byte x||y. "
             "InvalidArgumentError on another length, CryptoError when not on the curve.")
        .def_property_readonly("address", &PublicKey::address,
                               "Ethereum address (keccak256(x||y)[12:]).")
        .def_property_readonly("compressed", &PublicKey::compressed,
                               "33-byte SEC1 compressed form.")
        .def_property_readonly("uncompressed", &PublicKey::uncompressed,
                               "65-byte SEC1 uncompressed form.")
        .def("__bytes__", [](const PublicKey& k) { return to_pybytes(k.uncompressed()); })
        .def(
            "verify",
            [](const PublicKey& k, const Hash32& digest, const Signature& sig) {
                return verify(k, digest, sig);
            },
            py::arg("digest"), py::arg("signature"),
            "True when `signature` is a valid low-s ECDSA signature of the 32-byte digest by this "
            "key.")
        .def(
            "__eq__", [](const PublicKey& a, const PublicKey& b) { return a == b; },
            py::is_operator())
        .def(
            "__eq__", [](const PublicKey&, const py::object&) { return false; }, py::is_operator())
        .def("__hash__", [](const PublicKey& k) { return py::hash(to_pybytes(BytesView(k.xy))); })
        .def("__repr__",
             [](const PublicKey& k) { return "PublicKey('" + to_hex(k.compressed()) + "')"; });

    py::class_<Signature>(m, "Signature",
                          "65-byte recoverable ECDSA signature r || s || v, v in {0, 1}, low-s.")
        .def(py::pickle([](const Signature& sig) { return to_pybytes(sig.view()); },
                        [](const py::bytes& b) { return Signature::parse(b.cast<Bytes>()); }))
        .def(py::init([](const Bytes& b) { return Signature::parse(b); }), py::arg("data"),
             "Parse 65 bytes. CryptoError naming the problem: length, v not in {0, 1}, r or s "
             "outside [1, n-1], or high s (s > n/2).")
        .def_static(
            "from_rsv",
            [](const u256& r, const u256& s, int v) {
                if (v < 0 || v > 255)
                    throw CryptoError("signature: recovery id v must be 0 or 1");
                Bytes raw(65);
                const auto rb = to_be32(r), sb = to_be32(s);
                std::copy(rb.begin(), rb.end(), raw.begin());
                std::copy(sb.begin(), sb.end(), raw.begin() + 32);
                raw[64] = static_cast<std::uint8_t>(v);
                return Signature::parse(raw);
            },
            py::arg("r"), py::arg("s"), py::arg("v"),
            "Build from integers; same checks as Signature(bytes).")
        .def_property_readonly("r", &Signature::r)
        .def_property_readonly("s", &Signature::s)
        .def_property_readonly("v", [](const Signature& s) { return static_cast<int>(s.v()); })
        .def("__bytes__", [](const Signature& s) { return to_pybytes(s.view()); })
        .def(
            "__eq__", [](const Signature& a, const Signature& b) { return a == b; },
            py::is_operator())
        .def(
            "__eq__", [](const Signature&, const py::object&) { return false; }, py::is_operator())
        .def("__hash__", [](const Signature& s) { return py::hash(to_pybytes(s.view())); })
        .def("__repr__", &signature_repr);

    py::class_<PrivateKey>(m, "PrivateKey",
                           "secp256k1 secret key in [1, n-1]. Its repr shows the address only.")
        .def_static("from_int", &PrivateKey::from_int, py::arg("secret"),
                    "From an int. CryptoError for 0 or >= n; ValueError for negative, "
                    "OverflowError for >= 2**256, TypeError for non-int.")
        .def_static(
            "from_bytes", [](const Bytes& b) { return PrivateKey::from_bytes(b); },
            py::arg("secret"),
            "From 32 big-endian bytes (InvalidArgumentError on another length; CryptoError out of "
            "range).")
        .def_static(
            "from_seed", [](const Bytes& seed) { return PrivateKey::from_seed(seed); },
            py::arg("seed"), "Deterministic key: first valid keccak256(seed || counter_be4).")
        .def_static(
            "from_seed",
            [](const std::string& seed) { return PrivateKey::from_seed(as_bytes(seed)); },
            py::arg("seed"), "Deterministic key from the UTF-8 bytes of a str seed.")
        .def_static("random", &PrivateKey::random,
                    "Fresh key from OpenSSL's CSPRNG. Not deterministic: never use inside a World.")
        .def("to_int", &PrivateKey::to_int, "The secret scalar as an int.")
        .def(
            "to_bytes",
            [](const PrivateKey& k) {
                const auto s = k.secret();
                return to_pybytes(BytesView(s));
            },
            "The secret as 32 big-endian bytes.")
        .def_property_readonly("public_key", &PrivateKey::public_key)
        .def_property_readonly("address", &PrivateKey::address)
        .def("sign", &PrivateKey::sign, py::arg("digest"),
             "Recoverable ECDSA signature (RFC 6979 nonce, low-s) of a 32-byte digest.")
        .def(
            "sign_many",
            [](const PrivateKey& k, const std::vector<Hash32>& digests) {
                py::gil_scoped_release release;
                std::vector<Signature> out;
                out.reserve(digests.size());
                for (const Hash32& d : digests)
                    out.push_back(k.sign(d));
                return out;
            },
            py::arg("digests"), "sign() over a list of digests in one call (GIL released).")
        .def(
            "__eq__",
            [](const PrivateKey& a, const PrivateKey& b) { return a.secret() == b.secret(); },
            py::is_operator())
        .def(
            "__eq__", [](const PrivateKey&, const py::object&) { return false; }, py::is_operator())
        .def("__hash__",
             [](const PrivateKey& k) { return py::hash(to_pybytes(k.address().view())); })
        .def("__repr__", [](const PrivateKey& k) {
            return "PrivateKey(address='" + to_checksum_hex(k.address()) + "')";
        });

    m.def(
        "recover", [](const Hash32& digest, const Signature& sig) { return recover(digest, sig); },
        py::arg("digest"), py::arg("signature"),
        "PublicKey that signed the 32-byte digest, or None when recovery fails.");
    m.def(
        "recover_address",
        [](const Hash32& digest, const Signature& sig) { return recover_address(digest, sig); },
        py::arg("digest"), py::arg("signature"),
        "Address that signed the 32-byte digest (ecrecover), or None when recovery fails.");
    m.def(
        "recover_many",
        [](const std::vector<Hash32>& digests, const std::vector<Signature>& sigs) {
            if (digests.size() != sigs.size()) {
                throw InvalidArgument("recover_many: " + std::to_string(digests.size()) +
                                      " digests but " + std::to_string(sigs.size()) +
                                      " signatures");
            }
            py::gil_scoped_release release;
            std::vector<std::optional<Address>> out;
            out.reserve(digests.size());
            for (std::size_t i = 0; i < digests.size(); ++i)
                out.push_back(recover_address(digests[i], sigs[i]));
            return out;
        },
        py::arg("digests"), py::arg("signatures"),
        "recover_address() pairwise over two equal-length lists (GIL released); None where it "
        "fails.");
    m.def(
        "verify",
        [](const PublicKey& k, const Hash32& digest, const Signature& sig) {
            return verify(k, digest, sig);
        },
        py::arg("public_key"), py::arg("digest"), py::arg("signature"),
        "True when `signature` is a valid low-s signature of the digest by `public_key`.");

    // ---- Schnorr (BIP340) ------------------------------------------------------------------
    m.def(
        "schnorr_public_key",
        [](const PrivateKey& k) { return to_pybytes(XOnlyPublicKey::from_private_key(k).view()); },
        py::arg("key"), "BIP340 32-byte x-only public key of a PrivateKey.");
    m.def(
        "schnorr_sign",
        [](const PrivateKey& k, const Hash32& message, const Hash32& aux_rand) {
            return to_pybytes(schnorr_sign(k, message, aux_rand).view());
        },
        py::arg("key"), py::arg("message"), py::arg_v("aux_rand", Hash32{}, "bytes(32)"),
        "BIP340 signature (64 bytes) of a 32-byte message; aux_rand (32 bytes) feeds the nonce.");
    m.def(
        "schnorr_verify",
        [](const Bytes& public_key, const Hash32& message, const Bytes& signature) {
            return schnorr_verify(public_key, message, signature);
        },
        py::arg("public_key"), py::arg("message"), py::arg("signature"),
        "BIP340 verification with a 32-byte x-only key and a 64-byte signature "
        "(InvalidArgumentError on other lengths; an invalid key just fails).");

    // ---- binary Merkle tree ----------------------------------------------------------------
    py::class_<MerkleProof>(m, "MerkleProof", "Inclusion proof of one leaf in a MerkleTree.")
        .def(py::init([](std::uint64_t index, std::uint64_t count, std::vector<Hash32> siblings) {
                 return MerkleProof{index, count, std::move(siblings)};
             }),
             py::arg("leaf_index"), py::arg("leaf_count"), py::arg("siblings"))
        .def_readonly("leaf_index", &MerkleProof::leaf_index)
        .def_readonly("leaf_count", &MerkleProof::leaf_count)
        .def_readonly("siblings", &MerkleProof::siblings)
        .def(
            "__eq__", [](const MerkleProof& a, const MerkleProof& b) { return a == b; },
            py::is_operator())
        .def("__repr__", [](const MerkleProof& p) {
            return "MerkleProof(leaf_index=" + std::to_string(p.leaf_index) +
                   ", leaf_count=" + std::to_string(p.leaf_count) + ", siblings=<" +
                   std::to_string(p.siblings.size()) + ">)";
        });

    py::class_<MerkleTree>(m, "MerkleTree",
                           "Binary Merkle tree (RFC 6962 hashing: leaf H(0x00||data), node "
                           "H(0x01||l||r), odd node promoted) with a selectable hash.")
        .def(py::init([](const std::vector<Bytes>& leaves, const std::string& hash) {
                 const HashKind kind = parse_hash_kind(hash);
                 py::gil_scoped_release release;
                 return MerkleTree(kind, leaves);
             }),
             py::arg("leaves"), py::arg("hash") = "keccak256")
        .def_property_readonly("root", &MerkleTree::root)
        .def_property_readonly(
            "hash", [](const MerkleTree& t) { return std::string(hash_kind_name(t.hash_kind())); })
        .def("__len__", &MerkleTree::size)
        .def("leaf_hash", &MerkleTree::leaf_hash, py::arg("index"))
        .def("prove", &MerkleTree::prove, py::arg("index"),
             "Inclusion proof of leaf `index` (InvalidArgumentError if out of range).")
        .def("__repr__", [](const MerkleTree& t) {
            return "MerkleTree(leaves=" + std::to_string(t.size()) + ", hash='" +
                   std::string(hash_kind_name(t.hash_kind())) + "', root=" + t.root().hex() + ")";
        });
    m.def(
        "merkle_verify",
        [](const Hash32& root, const Bytes& leaf, const MerkleProof& proof,
           const std::string& hash) {
            return merkle_verify(parse_hash_kind(hash), root, leaf, proof);
        },
        py::arg("root"), py::arg("leaf"), py::arg("proof"), py::arg("hash") = "keccak256",
        "True when `proof` shows `leaf` (its bytes) at proof.leaf_index under `root`.");

    // ---- sparse Merkle tree ----------------------------------------------------------------
    py::class_<SmtProof>(m, "SmtProof",
                         "Inclusion or non-inclusion proof of one key in a SparseMerkleTree; "
                         "bytes(proof) is its compact canonical encoding.")
        .def_static(
            "decode", [](const Bytes& data) { return SmtProof::decode(data); }, py::arg("data"),
            "Strict decode; DecodeError naming the kind and offset on malformed input.")
        .def("encode", &SmtProof::encode)
        .def("__bytes__", [](const SmtProof& p) { return to_pybytes(p.encode()); })
        .def_property_readonly("depth", &SmtProof::depth)
        .def_property_readonly(
            "siblings", [](const SmtProof& p) { return p.siblings; },
            "Sibling hash per depth from the root down (32 zero bytes = empty).")
        .def_property_readonly(
            "terminal", [](const SmtProof& p) { return leaf_or_none(p.terminal); },
            "(key, value) of the lone leaf ending the path, or None (empty subtree).")
        .def_property_readonly(
            "last_sibling", [](const SmtProof& p) { return opening_to_object(p.last_sibling); },
            "('leaf', key, value) or ('node', left, right) opening of the deepest sibling, or "
            "None.")
        .def(
            "__eq__", [](const SmtProof& a, const SmtProof& b) { return a == b; },
            py::is_operator())
        .def("__repr__", [](const SmtProof& p) {
            return "SmtProof(depth=" + std::to_string(p.depth()) +
                   ", terminal=" + (p.terminal ? p.terminal->key.hex() : std::string("None")) + ")";
        });

    py::class_<SmtCheckpoint>(m, "SmtCheckpoint",
                              "Opaque journal position from SparseMerkleTree.checkpoint().")
        .def("__repr__", [](const SmtCheckpoint& c) {
            return "SmtCheckpoint(position=" + std::to_string(c.position) + ")";
        });

    py::class_<SparseMerkleTree>(
        m, "SparseMerkleTree",
        "Sparse Merkle tree: 32-byte keys -> 32-byte values, inclusion and "
        "non-inclusion proofs, batch updates, checkpoint/rollback. "
        "Not safe to share between threads.")
        .def(py::init(
                 [](const std::string& hash) { return SparseMerkleTree(parse_hash_kind(hash)); }),
             py::arg("hash") = "keccak256")
        .def_property_readonly("root", &SparseMerkleTree::root)
        .def_property_readonly(
            "hash",
            [](const SparseMerkleTree& t) { return std::string(hash_kind_name(t.hash_kind())); })
        .def("__len__", &SparseMerkleTree::size)
        .def("__contains__", &SparseMerkleTree::contains, py::arg("key"))
        .def("get", &SparseMerkleTree::get, py::arg("key"), "Value of `key`, or None.")
        .def("__getitem__",
             [](const SparseMerkleTree& t, const Hash32& key) {
                 auto v = t.get(key);
                 if (!v)
                     throw py::key_error(key.hex());
                 return *v;
             })
        .def("set", &SparseMerkleTree::set, py::arg("key"), py::arg("value"))
        .def("__setitem__", &SparseMerkleTree::set)
        .def("erase", &SparseMerkleTree::erase, py::arg("key"),
             "Remove `key`; True if it was present.")
        .def("__delitem__",
             [](SparseMerkleTree& t, const Hash32& key) {
                 if (!t.erase(key))
                     throw py::key_error(key.hex());
             })
        .def(
            "update",
            [](SparseMerkleTree& t, const py::object& items) {
                // Any iterable of (key, value-or-None) pairs, or a dict key -> value-or-None.
                const py::object pairs =
                    py::isinstance<py::dict>(items) ? items.attr("items")() : items;
                std::vector<SmtUpdate> ups;
                for (py::handle pair : py::iter(pairs)) {
                    const auto kv = pair.cast<std::pair<Hash32, std::optional<Hash32>>>();
                    ups.push_back({kv.first, kv.second});
                }
                py::gil_scoped_release release;
                t.update(ups);
                (void)t.root();
            },
            py::arg("items"),
            "Apply (key, value-or-None) pairs in order (None deletes; later entries win), then "
            "rehash once (GIL released).")
        .def("prove", &SparseMerkleTree::prove, py::arg("key"),
             "Inclusion proof if `key` is present, non-inclusion proof otherwise.")
        .def(
            "items",
            [](const SparseMerkleTree& t) {
                py::list out;
                for (const auto& leaf : t.leaves())
                    out.append(py::make_tuple(leaf.key, leaf.value));
                return out;
            },
            "(key, value) pairs in ascending key order.")
        .def("checkpoint", &SparseMerkleTree::checkpoint)
        .def("rollback", &SparseMerkleTree::rollback, py::arg("checkpoint"),
             "Undo every change since `checkpoint` (StateError if it is not from the current "
             "journal).")
        .def("clear_journal", &SparseMerkleTree::clear_journal)
        .def("copy", &SparseMerkleTree::clone, "Independent deep copy.")
        .def("__repr__", [](const SparseMerkleTree& t) {
            return "SparseMerkleTree(size=" + std::to_string(t.size()) + ", hash='" +
                   std::string(hash_kind_name(t.hash_kind())) + "', root=" + t.root().hex() + ")";
        });

    m.def(
        "smt_verify",
        [](const Hash32& root, const Hash32& key, const std::optional<Hash32>& value,
           const SmtProof& proof, const std::string& hash) {
            return smt_verify(parse_hash_kind(hash), root, key, value, proof);
        },
        py::arg("root"), py::arg("key"), py::arg("value"), py::arg("proof"),
        py::arg("hash") = "keccak256",
        "True when `proof` shows key -> value under `root` (value None: key absent).");
    m.def(
        "smt_root_after_update",
        [](const Hash32& pre_root, const Hash32& key, const std::optional<Hash32>& old_value,
           const std::optional<Hash32>& new_value, const SmtProof& proof, const std::string& hash) {
            return smt_root_after_update(parse_hash_kind(hash), pre_root, key, old_value, new_value,
                                         proof);
        },
        py::arg("pre_root"), py::arg("key"), py::arg("old_value"), py::arg("new_value"),
        py::arg("proof"), py::arg("hash") = "keccak256",
        "Stateless update: the root after key: old_value -> new_value (None = absent), or None "
        "when the proof does not verify against pre_root.");
}

}  // namespace l2lab::bindings
