#include "l2lab/validity/stark/options.hpp"

#include <algorithm>

#include "l2lab/validity/stark/poly.hpp"

namespace l2lab::stark {

ProofOptions ProofOptions::default_96() { return ProofOptions{}; }

ProofOptions ProofOptions::preset_128() {
    ProofOptions o;
    o.blowup = 16;
    o.num_queries = 29;
    o.grinding_bits = 17;
    return o;
}

unsigned ProofOptions::query_security_bits() const {
    return num_queries * log2_exact(blowup) + grinding_bits;
}

unsigned ProofOptions::conjectured_security_bits(std::size_t trace_length) const {
    const unsigned log_lde = log2_exact(trace_length) + log2_exact(blowup);
    const unsigned field = kExtensionFieldBits - log_lde;
    const unsigned query = query_security_bits();
    const unsigned hash_bits = 128;  // collision resistance of a 256-bit hash
    const unsigned m = std::min(field, query);
    return std::min(m == 0 ? 0 : m - 1, hash_bits);
}

void ProofOptions::validate(std::size_t trace_length) const {
    if (!is_power_of_two(blowup) || blowup < 2 || blowup > 128)
        throw InvalidArgument("stark options: blowup " + std::to_string(blowup) +
                              " must be a power of two in [2, 128]");
    if (num_queries < 1 || num_queries > 255)
        throw InvalidArgument("stark options: num_queries " + std::to_string(num_queries) +
                              " must be in [1, 255]");
    if (grinding_bits > 32)
        throw InvalidArgument("stark options: grinding_bits " + std::to_string(grinding_bits) +
                              " must be at most 32");
    if (folding_factor != 2 && folding_factor != 4)
        throw InvalidArgument("stark options: folding_factor " + std::to_string(folding_factor) +
                              " must be 2 or 4");
    if (remainder_max_degree > 255 || !is_power_of_two(std::size_t{remainder_max_degree} + 1))
        throw InvalidArgument("stark options: remainder_max_degree " + std::to_string(remainder_max_degree) +
                              " must be 2^j - 1 <= 255");
    const unsigned bits = conjectured_security_bits(trace_length);
    if (bits < kMinSecurityBits && !allow_insecure)
        throw InsecureParameters("stark options: conjectured security " + std::to_string(bits) +
                                 " bits is below the minimum " + std::to_string(kMinSecurityBits) +
                                 " (" + describe() + "); set allow_insecure for experiments");
}

std::string ProofOptions::describe() const {
    return "blowup=" + std::to_string(blowup) + " queries=" + std::to_string(num_queries) +
           " grinding=" + std::to_string(grinding_bits) + " folding=" + std::to_string(folding_factor) +
           " remainder<=" + std::to_string(remainder_max_degree) + " hash=" +
           std::string(crypto::hash_kind_name(hash)) + (allow_insecure ? " allow_insecure" : "");
}

}  // namespace l2lab::stark
