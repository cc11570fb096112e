#pragma once
/// \file result.hpp
/// Result<T, E>: a value or a typed rejection. Used for protocol outcomes, which are not errors.

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace l2lab {

/// Wraps a rejection so Result<T, E> stays unambiguous even when T and E coincide.
template <typename E>
struct Rejected {
    E reason;
};

/// Build a Rejected<E> (deduces E).
template <typename E>
Rejected<std::decay_t<E>> reject(E&& e) {
    return {std::forward<E>(e)};
}

/// Either a T (ok) or an E (the typed reason it was refused).
template <typename T, typename E>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Rejected<E> r) : m_v(std::in_place_index<1>, std::move(r.reason)) {}

    bool ok() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The value. Precondition: ok().
    T& value() & {
        assert(ok());
        return std::get<0>(m_v);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(m_v);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(m_v));
    }
    /// The rejection reason. Precondition: !ok().
    const E& error() const {
        assert(!ok());
        return std::get<1>(m_v);
    }

private:
    std::variant<T, E> m_v;
};

/// Result without a value: success or a typed reason.
struct Unit {
    bool operator==(const Unit&) const = default;
};

}  // namespace l2lab
