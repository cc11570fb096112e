#pragma once
/// \file store.hpp
/// Where a party keeps what it must not forget: the record of its channel (params, its index,
/// latest fully signed state, highest version it ever signed, the state it countersigned and the
/// state it proposed). The engine writes the record BEFORE it countersigns or sends.
///
/// Two stores: MemoryStore (the default; a crash loses it, as RAM would) and DurableStore (a crash
/// keeps it, as a disk would; its contents can also be replaced by an old backup to model a
/// stale restore).

#include <cstdint>
#include <optional>
#include <vector>

#include "l2lab/channel/state.hpp"

namespace l2lab::channel {

/// Who proposed a countersigned state and the two signatures this party holds on it: the
/// proposer's and its own. Persisted with the state BEFORE the countersignature is sent, so a
/// restarted 2-party countersigner can still complete (and register) the state a withheld Ack
/// would otherwise trap it under.
struct CountersignProof {
    std::size_t proposer = 0;        ///< participant index of the proposer (never the own index)
    crypto::Signature proposer_sig;  ///< the proposer's signature on the countersigned state
    crypto::Signature own_sig;       ///< this party's signature on it
    bool operator==(const CountersignProof&) const = default;
};

/// The persisted record of one party in one channel.
struct ChannelRecordData {
    ChannelParams params;
    std::size_t index = 0;               ///< this party's participant index
    SignedState latest;                  ///< latest fully signed state
    std::uint64_t highest_signed = 0;    ///< highest version this party has signed
    std::optional<State> countersigned;  ///< state signed for a peer's proposal, not yet complete
    std::optional<State> proposed;       ///< own proposal not yet complete
    std::optional<CountersignProof> proof;  ///< present exactly when `countersigned` is

    /// rlp([params, index, latest, highest_signed, [countersigned?], [proposed?],
    /// [[proposer, proposer_sig, own_sig]?]]).
    Bytes encode() const;
    /// Strict inverse. Throws DecodeError (also when index >= participants, the latest state's
    /// shape is wrong, the proof is present without a countersigned state or missing with one, or
    /// names this party or an index out of range as proposer: kind InvalidValue).
    static ChannelRecordData decode(BytesView bytes);
    bool operator==(const ChannelRecordData&) const = default;
};

/// Storage of a party's record. Implementations are single-threaded.
class Store {
public:
    virtual ~Store() = default;
    /// Replace the record with `record` (atomically: either fully written or not at all).
    virtual void write(Bytes record) = 0;
    /// The last record written, nullopt when none (or when a crash lost it).
    virtual std::optional<Bytes> read() const = 0;
    /// The process holding the store crashed: volatile stores forget.
    virtual void on_crash() = 0;
    /// True when the record survives on_crash().
    virtual bool durable() const = 0;
    /// Records written so far.
    std::uint64_t writes() const noexcept { return m_writes; }

protected:
    std::uint64_t m_writes = 0;
};

/// RAM: lost on crash.
class MemoryStore final : public Store {
public:
    void write(Bytes record) override;
    std::optional<Bytes> read() const override { return m_record; }
    void on_crash() override { m_record.reset(); }
    bool durable() const override { return false; }

private:
    std::optional<Bytes> m_record;
};

/// Disk: survives crashes. backup()/restore_backup() model an operator restoring an old copy.
class DurableStore final : public Store {
public:
    void write(Bytes record) override;
    std::optional<Bytes> read() const override { return m_record; }
    void on_crash() override {}
    bool durable() const override { return true; }
    /// Every record ever written, oldest first (the "backups" an operator could restore).
    const std::vector<Bytes>& history() const noexcept { return m_history; }
    /// Replace the current record with history()[history().size() - 1 - versions_back].
    /// Throws InvalidArgument when there is no such backup.
    void restore_backup(std::size_t versions_back);

private:
    std::optional<Bytes> m_record;
    std::vector<Bytes> m_history;
};

}  // namespace l2lab::channel
