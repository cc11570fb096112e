#include "l2lab/validity/stark/transfer_air.hpp"

#include <string>

namespace l2lab::stark {
namespace {

enum Col : std::size_t {
    kS = 0,
    kR = 1,
    kA = 2,
    kN = 3,
    kNNew = 4,
    kAccA = 5,
    kAccS = 6,
    kAccR = 7,
    kBitA = 8,
    kBitS = 9,
    kBitR = 10,
};
constexpr std::size_t kWidth = 11;
constexpr std::uint64_t kLimit = std::uint64_t{1} << kTransferValueBits;

void check_batch(std::size_t m) {
    if (m == 0 || m > (std::size_t{1} << 18) || (m & (m - 1)) != 0) {
        throw InvalidArgument("transfer arithmetic: batch size " + std::to_string(m) +
                              " must be a power of two in [1, 2^18]");
    }
}

Trace fill(const std::vector<TransferArithmetic>& transfers) {
    const std::size_t n = transfers.size() * kTransferCycle;
    std::vector<std::vector<Fp>> c(kWidth, std::vector<Fp>(n));
    for (std::size_t k = 0; k < transfers.size(); ++k) {
        const auto& t = transfers[k];
        const Fp s = Fp::from_u64(t.sender_balance), r = Fp::from_u64(t.receiver_balance),
                 a = Fp::from_u64(t.amount), nonce = Fp::from_u64(t.sender_nonce);
        const std::uint64_t values[3] = {a.value(), (s - a).value(), (r + a).value()};
        std::uint64_t acc[3] = {0, 0, 0};
        for (std::size_t i = 0; i < kTransferCycle; ++i) {
            const std::size_t row = k * kTransferCycle + i;
            c[kS][row] = s;
            c[kR][row] = r;
            c[kA][row] = a;
            c[kN][row] = nonce;
            c[kNNew][row] = nonce + Fp::one();
            for (std::size_t v = 0; v < 3; ++v) {
                const std::uint64_t bit = (values[v] >> (kTransferCycle - 1 - i)) & 1u;
                acc[v] = (acc[v] << 1) | bit;  // the low 64 bits; equals the value at i = 63
                c[kBitA + v][row] = Fp::from_u64(bit);
                c[kAccA + v][row] = Fp::from_u64(acc[v]);
            }
        }
    }
    return Trace(std::move(c));
}

}  // namespace

TransferArithmeticAir::TransferArithmeticAir(std::vector<TransferArithmetic> transfers)
    : m_transfers(std::move(transfers)) {
    check_batch(m_transfers.size());
    for (const auto& t : m_transfers) {
        for (std::uint64_t v : {t.sender_balance, t.receiver_balance, t.amount, t.sender_nonce}) {
            if (v >= Fp::kModulus)
                throw InvalidArgument("transfer arithmetic: value >= p");
        }
    }
}

std::vector<unsigned> TransferArithmeticAir::transition_degrees() const {
    std::vector<unsigned> d(4, 2);  // constancy
    d.push_back(1);                 // nonce
    for (int i = 0; i < 18; ++i)
        d.push_back(2);
    return d;
}

std::vector<Assertion> TransferArithmeticAir::assertions() const {
    std::vector<Assertion> out;
    for (std::size_t k = 0; k < m_transfers.size(); ++k) {
        const auto& t = m_transfers[k];
        const std::size_t first = k * kTransferCycle, last = first + kTransferCycle - 1;
        const Fp s = Fp::from_u64(t.sender_balance), r = Fp::from_u64(t.receiver_balance),
                 a = Fp::from_u64(t.amount), nonce = Fp::from_u64(t.sender_nonce);
        out.push_back({kS, first, s});
        out.push_back({kR, first, r});
        out.push_back({kA, first, a});
        out.push_back({kN, first, nonce});
        out.push_back({kNNew, last, nonce + Fp::one()});
        out.push_back({kAccA, last, a});
        out.push_back({kAccS, last, s - a});
        out.push_back({kAccR, last, r + a});
    }
    return out;
}

std::vector<Fp> TransferArithmeticAir::public_inputs() const {
    std::vector<Fp> out;
    for (const auto& t : m_transfers) {
        for (std::uint64_t v : {t.sender_balance, t.receiver_balance, t.amount, t.sender_nonce}) {
            out.push_back(Fp::from_u64(v));
        }
    }
    return out;
}

std::vector<std::vector<Fp>> TransferArithmeticAir::periodic_columns() const {
    std::vector<std::vector<Fp>> p(3, std::vector<Fp>(kTransferCycle));
    p[0][0] = Fp::one();
    p[1][kTransferCycle - 1] = Fp::one();
    for (std::size_t i = 0; i < kTransferCycle - kTransferValueBits; ++i)
        p[2][i] = Fp::one();
    return p;
}

template <class F>
void TransferArithmeticAir::evaluate(std::span<const F> cur,
                                     std::span<const F> next,
                                     std::span<const F> periodic,
                                     std::span<F> out) const {
    const F one = F(Fp::one());
    const F first = periodic[0], last = periodic[1], top = periodic[2];
    const F not_last = one - last;
    std::size_t o = 0;
    for (std::size_t c : {kS, kR, kA, kN})
        out[o++] = not_last * (next[c] - cur[c]);
    out[o++] = cur[kNNew] - cur[kN] - one;
    for (std::size_t v = 0; v < 3; ++v) {
        const F b = cur[kBitA + v], nb = next[kBitA + v];
        const F acc = cur[kAccA + v], nacc = next[kAccA + v];
        out[o++] = b * (b - one);                         // binary (this row)
        out[o++] = nb * (nb - one);                       // binary (next row: covers the last)
        out[o++] = first * (acc - b);                     // accumulator starts at the MSB
        out[o++] = not_last * (nacc - (acc + acc) - nb);  // acc' = 2 acc + bit'
        out[o++] = top * b;                               // top 2 bits zero: < 2^62
    }
    out[o++] = last * (cur[kAccA] - cur[kA]);
    out[o++] = last * (cur[kAccS] - (cur[kS] - cur[kA]));
    out[o++] = last * (cur[kAccR] - (cur[kR] + cur[kA]));
}

template void TransferArithmeticAir::evaluate<Fp>(std::span<const Fp>,
                                                  std::span<const Fp>,
                                                  std::span<const Fp>,
                                                  std::span<Fp>) const;
template void TransferArithmeticAir::evaluate<Fp3>(std::span<const Fp3>,
                                                   std::span<const Fp3>,
                                                   std::span<const Fp3>,
                                                   std::span<Fp3>) const;

Trace build_transfer_arithmetic_trace(const std::vector<TransferArithmetic>& transfers) {
    check_batch(transfers.size());
    for (std::size_t k = 0; k < transfers.size(); ++k) {
        const auto& t = transfers[k];
        const std::string at = "transfer arithmetic: transfer " + std::to_string(k) + " ";
        if (t.sender_balance >= kLimit || t.receiver_balance >= kLimit || t.amount >= kLimit) {
            throw InvalidArgument(at + "has a value >= 2^62");
        }
        if (t.amount > t.sender_balance)
            throw InvalidArgument(at + "overspends");
        if (t.receiver_balance + t.amount >= kLimit)
            throw InvalidArgument(at + "overflows");
        if (t.sender_nonce + 1 >= Fp::kModulus)
            throw InvalidArgument(at + "nonce overflows");
    }
    return fill(transfers);
}

Trace build_transfer_arithmetic_trace_unchecked(const std::vector<TransferArithmetic>& transfers) {
    check_batch(transfers.size());
    return fill(transfers);
}

}  // namespace l2lab::stark
