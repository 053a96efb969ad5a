#pragma once
// A value or an error, for failures a user can cause (a manifest, a command, a scenario file).
// Internal invariants use assert instead.
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kns {

// An error with where it happened: "services.json:$.steps[3].expect", "rc.yaml:12:5", "kubectl scale".
struct Error {
    std::string message;
    std::string location;
    std::string full() const { return location.empty() ? message : location + ": " + message; }
};

template <class T, class E = Error>
class Expected {
public:
    Expected(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Expected(E error) : m_v(std::in_place_index<1>, std::move(error)) {}
    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { assert(ok()); return std::get<0>(m_v); }
    const T& value() const { assert(ok()); return std::get<0>(m_v); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const E& error() const { assert(!ok()); return std::get<1>(m_v); }

private:
    std::variant<T, E> m_v;
};

} // namespace kns
