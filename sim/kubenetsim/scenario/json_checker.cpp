#include <kubenetsim/scenario/json_checker.hpp>

#include <algorithm>
#include <cctype>

namespace kns::scenario {
namespace {

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

} // namespace

std::string childPath(const std::string& path, const std::string& key) {
    const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
    });
    return plain ? path + "." + key : path + "[" + Json(key).dump() + "]";
}

std::string indexPath(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t bestDistance = 3;
    for (const auto& c : candidates) {
        const std::size_t d = editDistance(word, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

void JsonChecker::fail(const std::string& path, const std::string& message) {
    m_errors.push_back(Error{message, m_file.empty() ? path : m_file + ": " + path});
}

const char* JsonChecker::typeName(const Json& v) {
    switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "an integer";
    case Json::value_t::number_float: return "a number";
    default: return "a value";
    }
}

bool JsonChecker::object(const Json& v, const std::string& path, const std::vector<std::string>& allowed,
                         const std::vector<std::string>& required) {
    if (!v.is_object()) {
        fail(path, std::string("expected an object, got ") + typeName(v));
        return false;
    }
    for (const auto& [key, value] : v.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        std::string hint = closestMatch(key, allowed);
        fail(childPath(path, key), "unknown key \"" + key + "\"" + (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"));
    }
    for (const auto& key : required)
        if (!v.contains(key)) fail(path, "missing required key \"" + key + "\"");
    return true;
}

bool JsonChecker::array(const Json& v, const std::string& path) {
    if (v.is_array()) return true;
    fail(path, std::string("expected an array, got ") + typeName(v));
    return false;
}

std::optional<std::string> JsonChecker::string(const Json& obj, const std::string& key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (!it->is_string()) {
        fail(childPath(path, key), std::string("expected a string, got ") + typeName(*it));
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::optional<bool> JsonChecker::boolean(const Json& obj, const std::string& key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (!it->is_boolean()) {
        fail(childPath(path, key), std::string("expected a boolean, got ") + typeName(*it));
        return std::nullopt;
    }
    return it->get<bool>();
}

std::optional<long long> JsonChecker::integer(const Json& obj, const std::string& key, const std::string& path,
                                              long long min, long long max) {
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (!it->is_number_integer()) {
        fail(childPath(path, key), std::string("expected an integer, got ") + typeName(*it));
        return std::nullopt;
    }
    // Unsigned values above the signed range count as out of range.
    if (it->is_number_unsigned() && it->get<unsigned long long>() > static_cast<unsigned long long>(max)) {
        fail(childPath(path, key), "must be at most " + std::to_string(max));
        return std::nullopt;
    }
    const long long v = it->get<long long>();
    if (v < min || v > max) {
        fail(childPath(path, key), "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return v;
}

std::optional<std::vector<std::string>> JsonChecker::strings(const Json& obj, const std::string& key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    const std::string p = childPath(path, key);
    if (!array(*it, p)) return std::nullopt;
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_string()) {
            fail(indexPath(p, i), std::string("expected a string, got ") + typeName((*it)[i]));
            ok = false;
            continue;
        }
        out.push_back((*it)[i].get<std::string>());
    }
    if (!ok) return std::nullopt;
    return out;
}

} // namespace kns::scenario
