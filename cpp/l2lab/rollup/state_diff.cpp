#include "l2lab/rollup/state_diff.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <tuple>

#include "l2lab/core/error.hpp"

namespace l2lab::rollup {

namespace {

constexpr std::uint8_t kNonceBit = 0x80;
constexpr std::uint8_t kDecreaseBit = 0x40;
constexpr std::uint8_t kLengthMask = 0x3f;
constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();

// ---- writing ----

void put_varint(Bytes& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}

void put_magnitude(Bytes& out, const u256& v) {
    const auto be = to_be_minimal(v);
    out.push_back(static_cast<std::uint8_t>(be.size()));
    out.insert(out.end(), be.begin(), be.end());
}

void put_address(Bytes& out, const Address& a) { out.insert(out.end(), a.bytes.begin(), a.bytes.end()); }

void put_change(Bytes& out, const AccountChange& c) {
    if (c.balance_decreases && c.balance_change == 0) {
        throw InvalidArgument("state diff: a balance decrease of 0 is not canonical");
    }
    if (c.nonce_increase == 0 && c.balance_change == 0) {
        throw InvalidArgument("state diff: an account change that changes nothing");
    }
    const auto be = to_be_minimal(c.balance_change);
    std::uint8_t flags = static_cast<std::uint8_t>(be.size());
    if (c.nonce_increase != 0) flags |= kNonceBit;
    if (c.balance_decreases) flags |= kDecreaseBit;
    out.push_back(flags);
    if (c.nonce_increase != 0) put_varint(out, c.nonce_increase);
    out.insert(out.end(), be.begin(), be.end());
}

// ---- reading ----

// Cursor over an encoding; errors carry the offset from the start of `data` plus `base`.
class Reader {
public:
    explicit Reader(BytesView data, std::size_t base = 0) : m_data(data), m_base(base) {}
    bool done() const noexcept { return m_pos == m_data.size(); }
    std::size_t offset() const noexcept { return m_base + m_pos; }

    std::uint8_t byte(const char* what) {
        if (m_pos >= m_data.size()) {
            throw DecodeError(DecodeErrorKind::Truncated, offset(), std::string("state diff: truncated ") + what);
        }
        return m_data[m_pos++];
    }
    BytesView take(std::size_t n, const char* what) {
        if (m_data.size() - m_pos < n) {
            throw DecodeError(DecodeErrorKind::Truncated, offset(), std::string("state diff: truncated ") + what);
        }
        const BytesView out = m_data.subspan(m_pos, n);
        m_pos += n;
        return out;
    }
    std::uint64_t varint(const char* what) {
        const std::size_t start = offset();
        std::uint64_t v = 0;
        for (int i = 0;; ++i) {
            const std::uint8_t b = byte(what);
            if (i == 9 && b > 1) {
                throw DecodeError(DecodeErrorKind::InvalidValue, start,
                                  std::string("state diff: ") + what + " exceeds 2^64 - 1");
            }
            v |= static_cast<std::uint64_t>(b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw DecodeError(DecodeErrorKind::NonCanonical, start,
                                      std::string("state diff: ") + what + " varint has a redundant final zero byte");
                }
                return v;
            }
        }
    }
    Address address(const char* what) {
        const BytesView b = take(20, what);
        Address a;
        std::copy(b.begin(), b.end(), a.bytes.begin());
        return a;
    }
    // `len` big-endian bytes (len <= 32), no leading zero byte.
    u256 magnitude(std::size_t len, const char* what) {
        const std::size_t start = offset();
        if (len > 32) {
            throw DecodeError(DecodeErrorKind::InvalidValue, start,
                              std::string("state diff: ") + what + " longer than 32 bytes");
        }
        const BytesView b = take(len, what);
        if (len > 0 && b[0] == 0) {
            throw DecodeError(DecodeErrorKind::LeadingZeros, start,
                              std::string("state diff: ") + what + " has a leading zero byte");
        }
        return from_be(b);
    }
    u256 sized_magnitude(const char* what) {
        const std::size_t len = byte(what);
        return magnitude(len, what);
    }
    AccountChange change() {
        const std::size_t start = offset();
        const std::uint8_t flags = byte("account change");
        AccountChange c;
        c.balance_decreases = (flags & kDecreaseBit) != 0;
        if ((flags & kNonceBit) != 0) {
            c.nonce_increase = varint("nonce increase");
            if (c.nonce_increase == 0) {
                throw DecodeError(DecodeErrorKind::NonCanonical, start,
                                  "state diff: a nonce increase of 0 must be left out");
            }
        }
        c.balance_change = magnitude(flags & kLengthMask, "balance change");
        if (c.balance_decreases && c.balance_change == 0) {
            throw DecodeError(DecodeErrorKind::NonCanonical, start, "state diff: a balance decrease of 0");
        }
        if (c.nonce_increase == 0 && c.balance_change == 0) {
            throw DecodeError(DecodeErrorKind::NonCanonical, start, "state diff: an account change that changes nothing");
        }
        return c;
    }

private:
    BytesView m_data;
    std::size_t m_base;
    std::size_t m_pos = 0;
};

// Calls fn(address, before, after) for every account whose value differs, ascending address.
template <typename Fn>
void for_each_changed(const L2State& pre, const L2State& post, Fn&& fn) {
    const auto& a = pre.accounts();
    const auto& b = post.accounts();
    auto ia = a.begin();
    auto ib = b.begin();
    const L2Account empty{};
    while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
            fn(ia->first, ia->second, empty);
            ++ia;
        } else if (ia == a.end() || ib->first < ia->first) {
            fn(ib->first, empty, ib->second);
            ++ib;
        } else {
            if (!(ia->second == ib->second)) fn(ib->first, ia->second, ib->second);
            ++ia;
            ++ib;
        }
    }
}

}  // namespace

// ---- changes ----

std::optional<AccountChange> account_change(const L2Account& before, const L2Account& after) {
    if (after.nonce < before.nonce) {
        throw InvalidArgument("state diff: a nonce decrease (" + std::to_string(before.nonce) + " -> " +
                              std::to_string(after.nonce) + ") is not expressible");
    }
    if (before == after) return std::nullopt;
    AccountChange c;
    c.nonce_increase = after.nonce - before.nonce;
    if (after.balance >= before.balance) {
        c.balance_change = after.balance - before.balance;
    } else {
        c.balance_change = before.balance - after.balance;
        c.balance_decreases = true;
    }
    return c;
}

L2Account apply_change(const L2Account& account, const AccountChange& change) {
    L2Account out = account;
    if (change.nonce_increase > kU64Max - out.nonce) throw StateError("state diff: the nonce passes 2^64 - 1");
    out.nonce += change.nonce_increase;
    if (change.balance_decreases) {
        if (change.balance_change > out.balance) throw StateError("state diff: a balance decrease exceeds the balance");
        out.balance -= change.balance_change;
    } else {
        if (change.balance_change > u256_max() - out.balance) throw StateError("state diff: the balance passes 2^256 - 1");
        out.balance += change.balance_change;
    }
    return out;
}

// ---- codec ----

Bytes StateDiff::encode() const {
    Bytes out;
    put_varint(out, registered_before);
    put_varint(out, updates.size());
    for (std::size_t i = 0; i < updates.size(); ++i) {
        const auto& u = updates[i];
        if (u.index >= registered_before) {
            throw InvalidArgument("state diff: update index " + std::to_string(u.index) +
                                  " is not below registered_before " + std::to_string(registered_before));
        }
        if (i > 0 && u.index <= updates[i - 1].index) {
            throw InvalidArgument("state diff: update indices must be strictly ascending");
        }
        put_varint(out, i == 0 ? u.index : u.index - updates[i - 1].index - 1);
        put_change(out, u.change);
    }
    if (new_accounts.size() > kU64Max - registered_before) {
        throw InvalidArgument("state diff: the registry would pass 2^64 - 1 accounts");
    }
    put_varint(out, new_accounts.size());
    for (std::size_t i = 0; i < new_accounts.size(); ++i) {
        const auto& n = new_accounts[i];
        if (i > 0 && !(new_accounts[i - 1].address < n.address)) {
            throw InvalidArgument("state diff: new accounts must be strictly ascending by address");
        }
        put_address(out, n.address);
        put_change(out, n.change);
    }
    const std::uint64_t registered_after = registered_before + new_accounts.size();
    put_varint(out, withdrawals.size());
    for (std::size_t i = 0; i < withdrawals.size(); ++i) {
        const auto& w = withdrawals[i];
        if (w.sender_index >= registered_after) {
            throw InvalidArgument("state diff: withdrawal sender index " + std::to_string(w.sender_index) +
                                  " names no account registered after the diff");
        }
        if (i > 0 && !(std::tie(withdrawals[i - 1].sender_index, withdrawals[i - 1].nonce) <
                       std::tie(w.sender_index, w.nonce))) {
            throw InvalidArgument("state diff: withdrawals must be strictly ascending by (sender_index, nonce)");
        }
        put_varint(out, w.sender_index);
        put_varint(out, w.nonce);
        put_address(out, w.l1_recipient);
        put_magnitude(out, w.amount);
    }
    return out;
}

namespace {

// Reads one diff from `r` (see the file comment); the caller checks that the input ends there.
// Counts are not trusted for allocation: each entry must be present in the input.
StateDiff read_diff(Reader& r) {
    StateDiff d;
    d.registered_before = r.varint("registered_before");

    const std::uint64_t n_updates = r.varint("update count");
    for (std::uint64_t k = 0; k < n_updates; ++k) {
        const std::size_t at = r.offset();
        const std::uint64_t gap = r.varint("update index");
        // next: the smallest index this entry may name (<= registered_before, so no overflow).
        const std::uint64_t next = d.updates.empty() ? 0 : d.updates.back().index + 1;
        if (gap >= d.registered_before - next) {
            throw DecodeError(DecodeErrorKind::InvalidValue, at,
                              "state diff: update names an unknown account index (not below registered_before " +
                                  std::to_string(d.registered_before) + ")");
        }
        d.updates.push_back({next + gap, r.change()});
    }

    const std::size_t count_at = r.offset();
    const std::uint64_t n_new = r.varint("new account count");
    if (n_new > kU64Max - d.registered_before) {
        throw DecodeError(DecodeErrorKind::InvalidValue, count_at, "state diff: the registry would pass 2^64 - 1 accounts");
    }
    for (std::uint64_t k = 0; k < n_new; ++k) {
        const std::size_t at = r.offset();
        const Address a = r.address("new account address");
        if (!d.new_accounts.empty() && !(d.new_accounts.back().address < a)) {
            throw DecodeError(DecodeErrorKind::NonCanonical, at,
                              "state diff: new accounts must be strictly ascending by address");
        }
        d.new_accounts.push_back({a, r.change()});
    }
    const std::uint64_t registered_after = d.registered_before + d.new_accounts.size();

    const std::uint64_t n_withdrawals = r.varint("withdrawal count");
    for (std::uint64_t k = 0; k < n_withdrawals; ++k) {
        const std::size_t at = r.offset();
        DiffWithdrawal w;
        w.sender_index = r.varint("withdrawal sender index");
        if (w.sender_index >= registered_after) {
            throw DecodeError(DecodeErrorKind::InvalidValue, at,
                              "state diff: withdrawal sender index " + std::to_string(w.sender_index) +
                                  " names no account registered after the diff");
        }
        w.nonce = r.varint("withdrawal nonce");
        w.l1_recipient = r.address("withdrawal recipient");
        w.amount = r.sized_magnitude("withdrawal amount");
        if (!d.withdrawals.empty()) {
            const auto& p = d.withdrawals.back();
            if (!(std::tie(p.sender_index, p.nonce) < std::tie(w.sender_index, w.nonce))) {
                throw DecodeError(DecodeErrorKind::NonCanonical, at,
                                  "state diff: withdrawals must be strictly ascending by (sender_index, nonce)");
            }
        }
        d.withdrawals.push_back(w);
    }
    return d;
}

void expect_end(const Reader& r, const char* what) {
    if (!r.done()) {
        throw DecodeError(DecodeErrorKind::TrailingBytes, r.offset(), std::string(what) + ": bytes after the end");
    }
}

}  // namespace

StateDiff StateDiff::decode(BytesView encoding) {
    if (encoding.size() > kMaxStateDiffBytes) {
        throw DecodeError(DecodeErrorKind::Oversized, kMaxStateDiffBytes,
                          "state diff longer than " + std::to_string(kMaxStateDiffBytes) + " bytes");
    }
    Reader r(encoding);
    StateDiff d = read_diff(r);
    expect_end(r, "state diff");
    return d;
}

// ---- building and applying ----

std::size_t register_accounts(const L2State& pre, L2State& post) {
    std::vector<Address> fresh;
    for_each_changed(pre, post, [&](const Address& a, const L2Account&, const L2Account&) {
        if (!post.account_index(a)) fresh.push_back(a);
    });
    for (const auto& a : fresh) (void)post.register_account(a);  // ascending: the merge order
    return fresh.size();
}

StateDiff make_state_diff(const L2State& pre, const L2State& post, std::uint64_t registered_before,
                          const IndexBefore& index_before) {
    StateDiff d;
    d.registered_before = registered_before;
    std::map<Address, std::uint64_t> named;  // every changed account's index (before or received)
    for_each_changed(pre, post, [&](const Address& a, const L2Account& before, const L2Account& after) {
        const AccountChange c = *account_change(before, after);
        if (const auto was = index_before(a)) {
            d.updates.push_back({*was, c});
            named.emplace(a, *was);
        } else {
            if (d.new_accounts.size() >= kU64Max - registered_before) {
                throw InvalidArgument("make_state_diff: the registry would pass 2^64 - 1 accounts");
            }
            named.emplace(a, registered_before + d.new_accounts.size());
            d.new_accounts.push_back({a, c});
        }
    });
    std::sort(d.updates.begin(), d.updates.end(),
              [](const IndexedChange& x, const IndexedChange& y) { return x.index < y.index; });
    for (const auto& w : pre.withdrawals()) {
        if (!post.withdrawal(w.sender, w.nonce)) {
            throw InvalidArgument("make_state_diff: post state lacks a withdrawal of the pre state");
        }
    }
    for (const auto& w : post.withdrawals()) {
        if (pre.withdrawal(w.sender, w.nonce)) continue;
        auto it = named.find(w.sender);
        std::optional<std::uint64_t> index;
        if (it != named.end()) index = it->second;
        else index = index_before(w.sender);
        if (!index) {
            throw InvalidArgument("make_state_diff: the sender " + w.sender.hex() +
                                  " of a new withdrawal is neither registered nor changed");
        }
        d.withdrawals.push_back({*index, w.nonce, w.l1_recipient, w.amount});
    }
    std::sort(d.withdrawals.begin(), d.withdrawals.end(), [](const DiffWithdrawal& x, const DiffWithdrawal& y) {
        return std::tie(x.sender_index, x.nonce) < std::tie(y.sender_index, y.nonce);
    });
    return d;
}

StateDiff make_state_diff(const L2State& pre, const L2State& post) {
    const std::uint64_t before = pre.registered_count();
    StateDiff d = make_state_diff(pre, post, before, [&](const Address& a) { return pre.account_index(a); });
    // post must hold pre's registry plus exactly the diff's new accounts, in order.
    bool registered = post.registered_count() == before + d.new_accounts.size();
    for (std::size_t j = 0; registered && j < d.new_accounts.size(); ++j) {
        registered = post.account_index(d.new_accounts[j].address) == before + j;
    }
    for (std::size_t i = 0; registered && i < d.updates.size(); ++i) {
        registered = post.registered_address(d.updates[i].index) == pre.registered_address(d.updates[i].index);
    }
    if (!registered) {
        throw InvalidArgument(
            "make_state_diff: post's registry is not pre's plus the changed unregistered accounts in ascending "
            "address order (call register_accounts(pre, post) once the batch's writes are done)");
    }
    return d;
}

void apply_state_diff(L2State& state, const StateDiff& diff, const std::optional<Hash32>& expected_root) {
    if (state.registered_count() != diff.registered_before) {
        throw StateError("state diff does not apply: made for a state with " + std::to_string(diff.registered_before) +
                         " registered accounts, this one has " + std::to_string(state.registered_count()));
    }
    const auto cp = state.checkpoint();
    bool reached = false;
    try {
        for (const auto& u : diff.updates) {
            const auto a = state.registered_address(u.index);
            if (!a) throw StateError("state diff names unknown account index " + std::to_string(u.index));
            state.set_account(*a, apply_change(state.account(*a), u.change));
        }
        for (const auto& n : diff.new_accounts) {
            (void)state.register_account(n.address);
            state.set_account(n.address, apply_change(state.account(n.address), n.change));
        }
        for (const auto& w : diff.withdrawals) {
            const auto sender = state.registered_address(w.sender_index);
            if (!sender) throw StateError("state diff names unknown withdrawal sender index " + std::to_string(w.sender_index));
            state.add_withdrawal({*sender, w.nonce, w.l1_recipient, w.amount});
        }
        reached = !expected_root || state.state_root() == *expected_root;
    } catch (...) {
        state.rollback(cp);
        state.commit(cp);  // close the checkpoint: journal exactly as before the call
        throw;
    }
    if (!reached) {
        state.rollback(cp);
        state.commit(cp);
        throw StateError("state diff does not reach the expected root " + expected_root->hex());
    }
    state.commit(cp);
}

Bytes encode_diff_batch_payload(const DiffBatch& batch) {
    if (batch.queue_end < batch.queue_start) {
        throw InvalidArgument("diff batch queue_end is below queue_start");
    }
    Bytes out;
    put_varint(out, batch.queue_start);
    put_varint(out, batch.queue_end - batch.queue_start);
    const Bytes diff = batch.diff.encode();
    out.insert(out.end(), diff.begin(), diff.end());
    return out;
}

Bytes encode_diff_batch(const DiffBatch& batch, Codec codec, int level) {
    const Bytes payload = encode_diff_batch_payload(batch);
    Bytes body = compress(codec, payload, level);
    if (body.size() >= payload.size()) {  // the codec does not pay for its framing: post raw
        codec = Codec::None;
        body = payload;
    }
    Bytes frame(body.size() + 2);
    frame[0] = kDiffBatchVersion;
    frame[1] = static_cast<std::uint8_t>(codec);
    std::copy(body.begin(), body.end(), frame.begin() + 2);
    return frame;
}

DiffBatch decode_diff_batch(BytesView frame, std::size_t max_decompressed) {
    if (frame.size() < 2) {
        throw DecodeError(DecodeErrorKind::Truncated, frame.size(), "diff batch frame shorter than 2 bytes");
    }
    if (frame[0] != kDiffBatchVersion) {
        throw DecodeError(DecodeErrorKind::InvalidValue, 0,
                          "not a diff batch (version " + std::to_string(frame[0]) + ", expected " +
                              std::to_string(kDiffBatchVersion) + ")");
    }
    if (frame[1] > static_cast<std::uint8_t>(Codec::Brotli)) {
        throw DecodeError(DecodeErrorKind::InvalidValue, 1, "unknown batch codec " + std::to_string(frame[1]));
    }
    const Bytes payload = decompress(static_cast<Codec>(frame[1]), frame.subspan(2), max_decompressed);
    // Offsets below are in the payload (the decompressed bytes; for codec none, frame offset - 2).
    Reader r(payload);
    DiffBatch b;
    b.queue_start = r.varint("queue start");
    const std::size_t count_at = r.offset();
    const std::uint64_t consumed = r.varint("queue item count");
    if (consumed > kU64Max - b.queue_start) {
        throw DecodeError(DecodeErrorKind::InvalidValue, count_at, "diff batch: queue_end passes 2^64 - 1");
    }
    b.queue_end = b.queue_start + consumed;
    b.diff = read_diff(r);
    expect_end(r, "diff batch");
    return b;
}

}  // namespace l2lab::rollup
