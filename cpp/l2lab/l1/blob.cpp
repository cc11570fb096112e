#include "l2lab/l1/blob.hpp"

#include <algorithm>
#include <string>

#include "l2lab/core/error.hpp"
#include "l2lab/crypto/sha256.hpp"

namespace l2lab::l1 {

Blob Blob::from_data(BytesView data) {
    if (data.size() > gas::kBytesPerBlob) {
        throw InvalidArgument("blob data is " + std::to_string(data.size()) +
                              " bytes; a blob holds at most " +
                              std::to_string(gas::kBytesPerBlob));
    }
    auto full = std::make_shared<Bytes>(gas::kBytesPerBlob, std::uint8_t{0});
    std::copy(data.begin(), data.end(), full->begin());
    return Blob(std::move(full));
}

Hash32 Blob::modelled_commitment() const { return crypto::sha256(*m_data); }

Hash32 Blob::versioned_hash() const { return versioned_hash_from_commitment(modelled_commitment()); }

Hash32 versioned_hash_from_commitment(const Hash32& commitment) {
    Hash32 h = crypto::sha256(commitment.view());
    h.bytes[0] = gas::kVersionedHashVersionKzg;
    return h;
}

}  // namespace l2lab::l1
