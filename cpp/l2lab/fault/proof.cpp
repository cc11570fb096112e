#include "l2lab/fault/proof.hpp"

#include <algorithm>

#include "l2lab/core/error.hpp"
#include "l2lab/core/rlp.hpp"
#include "l2lab/crypto/keccak.hpp"
#include "l2lab/l1/blob.hpp"
#include "l2lab/l1/gas.hpp"
#include "l2lab/rollup/inbox.hpp"

namespace l2lab::fault {

namespace {

Bytes opt(const std::optional<Bytes>& v) {
    rlp::ListBuilder b;
    if (v)
        b.add_encoded(*v);
    return b.finish();
}

// [] -> nullopt, [x] -> x (the item), anything else DecodeError.
const rlp::Item* read_opt(const rlp::Item& item) {
    const auto& items = item.items();
    if (items.size() > 1) {
        throw DecodeError(DecodeErrorKind::UnexpectedType, item.offset(),
                          "optional field must hold at most one item");
    }
    return items.empty() ? nullptr : &items[0];
}

template <class Record>
Bytes encode_records(const std::vector<std::pair<std::uint64_t, Record>>& records) {
    rlp::ListBuilder list;
    for (const auto& [i, r] : records) {
        rlp::ListBuilder e;
        e.add_u64(i).add_encoded(r.encode());
        list.add_encoded(e.finish());
    }
    return list.finish();
}

template <class Record>
std::vector<std::pair<std::uint64_t, Record>> decode_records(const rlp::Item& item) {
    std::vector<std::pair<std::uint64_t, Record>> out;
    for (const auto& e : item.items()) {
        const auto& f = e.fields(2);
        const std::uint64_t i = f[0].u64_value();
        if (!out.empty() && i <= out.back().first) {
            throw DecodeError(DecodeErrorKind::InvalidValue, f[0].offset(),
                              "record indices must be strictly increasing");
        }
        out.emplace_back(i, Record::decode(f[1].encoded()));
    }
    return out;
}

template <class Record>
const Record* find_record(const std::vector<std::pair<std::uint64_t, Record>>& records,
                          std::uint64_t index) {
    const auto it = std::lower_bound(records.begin(), records.end(), index,
                                     [](const auto& e, std::uint64_t i) { return e.first < i; });
    return it != records.end() && it->first == index ? &it->second : nullptr;
}

std::uint64_t witness_gas(const rollup::StepWitness& w) {
    // Per touched key: check the pre-value's proof, then recompute the root with the new value:
    // two passes over its proof nodes plus the leaf and key hashes, each a 64-byte keccak.
    std::uint64_t hashes = 0;
    for (const auto& a : w.accounts)
        hashes += 2 * (a.proof.depth() + 2);
    if (w.withdrawal_proof)
        hashes += 2 * (w.withdrawal_proof->depth() + 2);
    return hashes * l1::gas::keccak_cost(64);
}

}  // namespace

Bytes OneStepProof::encode() const {
    rlp::ListBuilder b;
    b.add_bytes(pre_state);
    b.add_encoded(encode_records(queue_records)).add_encoded(encode_records(batch_records));
    {
        rlp::ListBuilder o;
        if (queue_op)
            o.add_bytes(*queue_op);
        b.add_encoded(o.finish());
    }
    {
        rlp::ListBuilder o;
        if (batch_data)
            o.add_bytes(*batch_data);
        b.add_encoded(o.finish());
    }
    {
        rlp::ListBuilder o;
        if (tx) {
            rlp::ListBuilder path;
            path.add_u64(tx_proof->leaf_index).add_u64(tx_proof->leaf_count);
            rlp::ListBuilder sib;
            for (const auto& h : tx_proof->siblings)
                sib.add_hash(h);
            path.add_encoded(sib.finish());
            rlp::ListBuilder pair;
            pair.add_encoded(tx->encode()).add_encoded(path.finish());
            o.add_encoded(pair.finish());
        }
        b.add_encoded(o.finish());
    }
    b.add_encoded(opt(witness ? std::optional<Bytes>(witness->encode()) : std::nullopt));
    return b.finish();
}

OneStepProof OneStepProof::decode(BytesView encoding) {
    rlp::Limits lim;
    lim.max_input_bytes = kMaxOneStepProofBytes;
    const rlp::Item top = rlp::decode(encoding, lim);
    const auto& f = top.fields(7);
    OneStepProof p;
    const BytesView pre = f[0].bytes();
    p.pre_state.assign(pre.begin(), pre.end());
    (void)MachineState::decode(p.pre_state);  // must be a canonical state
    p.queue_records = decode_records<rollup::QueueRecord>(f[1]);
    p.batch_records = decode_records<rollup::BatchRecord>(f[2]);
    if (const rlp::Item* o = read_opt(f[3])) {
        const BytesView v = o->bytes();
        p.queue_op = Bytes(v.begin(), v.end());
    }
    if (const rlp::Item* o = read_opt(f[4])) {
        const BytesView v = o->bytes();
        p.batch_data = Bytes(v.begin(), v.end());
        if (p.batch_data->size() > l1::gas::kBytesPerBlob) {
            throw DecodeError(DecodeErrorKind::Oversized, o->offset(), "batch data beyond a blob");
        }
    }
    if (const rlp::Item* o = read_opt(f[5])) {
        const auto& pair = o->fields(2);
        p.tx = rollup::L2Tx::from_item(pair[0]);
        const auto& path = pair[1].fields(3);
        crypto::MerkleProof mp;
        mp.leaf_index = path[0].u64_value();
        mp.leaf_count = path[1].u64_value();
        for (const auto& s : path[2].items())
            mp.siblings.push_back(s.hash());
        if (mp.siblings.size() > 64) {
            throw DecodeError(DecodeErrorKind::Oversized, path[2].offset(), "Merkle path too long");
        }
        p.tx_proof = std::move(mp);
    }
    if (const rlp::Item* o = read_opt(f[6]))
        p.witness = rollup::StepWitness::decode(o->encoded());
    return p;
}

VerifiedMachineStep execute_step(const MachineState& pre,
                                 std::uint64_t target_block,
                                 const MachineConfig& machine,
                                 const rollup::StfConfig& stf,
                                 L1Source& source,
                                 Meter& meter,
                                 const std::optional<rollup::StepWitness>& witness) {
    VerifiedMachineStep out;
    const StepAction a = next_action(pre.cursor, target_block, machine, source, meter);
    out.kind = a.kind;
    out.post.cursor = a.next;
    out.post.state_root = pre.state_root;
    if (!a.op)
        return out;
    if (!witness)
        throw MissingData("the step applies an op but the proof has no witness");
    if (std::holds_alternative<rollup::L2Tx>(*a.op))
        meter.charge(l1::gas::kEcrecover);
    meter.charge(witness_gas(*witness));
    const auto verified = rollup::verify_step(stf, pre.state_root, *a.op, *witness);
    if (!verified)
        throw MissingData("the witness does not match the pre-state root");
    out.post.state_root = verified->post_root;
    out.outcome = verified->outcome;
    return out;
}

std::optional<rollup::QueueRecord> ProofSource::queue_record(std::uint64_t index) {
    const auto stored = m_hooks.queue_hash(index);
    if (!stored)
        return std::nullopt;
    const rollup::QueueRecord* r = find_record(m_proof.queue_records, index);
    if (r == nullptr)
        throw MissingData("proof lacks queue record " + std::to_string(index));
    if (m_hooks.keccak(r->encode()) != *stored) {
        throw MissingData("queue record " + std::to_string(index) + " does not match the inbox");
    }
    return *r;
}

std::optional<rollup::BatchRecord> ProofSource::batch_record(std::uint64_t index) {
    const auto stored = m_hooks.batch_hash(index);
    if (!stored)
        return std::nullopt;
    const rollup::BatchRecord* r = find_record(m_proof.batch_records, index);
    if (r == nullptr)
        throw MissingData("proof lacks batch record " + std::to_string(index));
    if (m_hooks.keccak(r->encode()) != *stored) {
        throw MissingData("batch record " + std::to_string(index) + " does not match the inbox");
    }
    return *r;
}

rollup::Op ProofSource::queue_op(std::uint64_t index, const rollup::QueueRecord& record) {
    if (!m_proof.queue_op)
        throw MissingData("proof lacks the op of queue item " + std::to_string(index));
    if (m_hooks.keccak(*m_proof.queue_op) != record.op_hash) {
        throw MissingData("op does not match queue item " + std::to_string(index));
    }
    try {
        return rollup::decode_op(*m_proof.queue_op);
    } catch (const DecodeError&) {
        throw MissingData("op of queue item " + std::to_string(index) + " does not decode");
    }
}

Bytes ProofSource::batch_frame(std::uint64_t index, const rollup::BatchRecord& record) {
    if (!m_proof.batch_data)
        throw MissingData("proof lacks the data of batch " + std::to_string(index));
    const Bytes& data = *m_proof.batch_data;
    if (record.da == rollup::BatchDa::Calldata) {
        if (m_hooks.keccak(data) != record.commitment) {
            throw MissingData("frame does not match batch " + std::to_string(index));
        }
        return data;
    }
    if (!data.empty() && data.back() == 0) {
        throw MissingData("blob data must be given without trailing zeros");
    }
    if (m_hooks.blob_versioned_hash(data) != record.commitment) {
        throw MissingData("blob does not match batch " + std::to_string(index));
    }
    return frame_from_blob_bytes(data);
}

rollup::L2Tx ProofSource::batch_tx(const Cursor& cursor) {
    if (!m_proof.tx || !m_proof.tx_proof)
        throw MissingData("proof lacks the batch tx");
    const crypto::MerkleProof& mp = *m_proof.tx_proof;
    if (mp.leaf_index != cursor.tx_index || mp.leaf_count != cursor.batch_tx_count) {
        throw MissingData("tx path is for another position");
    }
    m_hooks.merkle_path(mp.siblings.size());
    if (!crypto::merkle_verify(crypto::HashKind::Keccak256, cursor.batch_txs_root,
                               m_proof.tx->encode(), mp)) {
        throw MissingData("tx is not in the open batch");
    }
    return *m_proof.tx;
}

std::optional<Hash32> ChainProofHooks::queue_hash(std::uint64_t index) {
    if (index >= rollup::inbox_queue_count(m_chain, m_inbox))
        return std::nullopt;
    return rollup::inbox_queue_record_hash(m_chain, m_inbox, index);
}

std::optional<Hash32> ChainProofHooks::batch_hash(std::uint64_t index) {
    if (index >= rollup::inbox_batch_count(m_chain, m_inbox))
        return std::nullopt;
    return rollup::inbox_batch_record_hash(m_chain, m_inbox, index);
}

Hash32 ChainProofHooks::keccak(BytesView data) {
    return crypto::keccak256(data);
}

Hash32 ChainProofHooks::blob_versioned_hash(BytesView trimmed_blob) {
    return blob_versioned_hash_of(trimmed_blob);
}

Hash32 blob_versioned_hash_of(BytesView trimmed_blob) {
    if (trimmed_blob.size() > l1::gas::kBytesPerBlob) {
        throw InvalidArgument("blob data longer than a blob");
    }
    return l1::Blob::from_data(trimmed_blob).versioned_hash();
}

}  // namespace l2lab::fault
