#include <kubenetsim/scenario/selector_text.hpp>

#include <cctype>
#include <optional>
#include <vector>

namespace kns::scenario {
namespace {

std::string trim(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    std::size_t e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

// Label keys and values: alphanumerics with '-', '_', '.', and '/' in keys (prefix/name).
bool validToken(const std::string& s, bool key) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' && !(key && c == '/'))
            return false;
    return true;
}

// Splits on commas that are not inside parentheses.
std::vector<std::string> splitRequirements(const std::string& text) {
    std::vector<std::string> parts;
    std::string cur;
    int depth = 0;
    for (char c : text) {
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (c == ',' && depth == 0) {
            parts.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    parts.push_back(cur);
    return parts;
}

// Adds one requirement ("app=sise", "env in (a,b)", "!tier") to sel.
std::optional<Error> addRequirement(const std::string& req, ObjectSelector& sel) {
    auto bad = [&](const std::string& why) { return Error{why + " in selector requirement \"" + req + "\"", {}}; };
    auto checkKey = [&](const std::string& key) -> std::optional<Error> {
        if (!validToken(key, true)) return bad("invalid key \"" + key + "\"");
        return std::nullopt;
    };
    auto checkValue = [&](const std::string& value) -> std::optional<Error> {
        if (!validToken(value, false)) return bad("invalid value \"" + value + "\"");
        return std::nullopt;
    };
    for (const std::string opWord : {" notin ", " in "}) {
        std::size_t at = req.find(opWord);
        if (at == std::string::npos) continue;
        SelectorRequirement r;
        r.key = trim(req.substr(0, at));
        r.op = opWord == " in " ? SelectorRequirement::Op::In : SelectorRequirement::Op::NotIn;
        if (auto e = checkKey(r.key)) return e;
        std::string rest = trim(req.substr(at + opWord.size()));
        if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') return bad("expected a parenthesised value list");
        for (const std::string& v : splitRequirements(rest.substr(1, rest.size() - 2))) {
            r.values.push_back(trim(v));
            if (auto e = checkValue(r.values.back())) return e;
        }
        sel.labels.matchExpressions.push_back(std::move(r));
        return std::nullopt;
    }
    if (std::size_t ne = req.find("!="); ne != std::string::npos) {
        std::string key = trim(req.substr(0, ne)), value = trim(req.substr(ne + 2));
        if (auto e = checkKey(key)) return e;
        if (auto e = checkValue(value)) return e;
        sel.labels.matchExpressions.push_back({key, SelectorRequirement::Op::NotEquals, {value}});
    } else if (std::size_t eq = req.find('='); eq != std::string::npos) {
        std::string key = trim(req.substr(0, eq));
        std::size_t valueAt = eq + 1 < req.size() && req[eq + 1] == '=' ? eq + 2 : eq + 1;
        std::string value = trim(req.substr(valueAt));
        if (auto e = checkKey(key)) return e;
        if (auto e = checkValue(value)) return e;
        if (key == "metadata.name") sel.name = value;
        else sel.labels.matchLabels[key] = value;
    } else if (req[0] == '!') {
        std::string key = trim(req.substr(1));
        if (auto e = checkKey(key)) return e;
        sel.labels.matchExpressions.push_back({key, SelectorRequirement::Op::DoesNotExist, {}});
    } else {
        if (auto e = checkKey(req)) return e;
        sel.labels.matchExpressions.push_back({req, SelectorRequirement::Op::Exists, {}});
    }
    return std::nullopt;
}

} // namespace

Expected<ObjectSelector> parseObjectSelector(const std::string& text) {
    ObjectSelector sel;
    sel.text = text;
    if (trim(text).empty()) return sel;
    for (const std::string& raw : splitRequirements(text)) {
        const std::string req = trim(raw);
        if (req.empty()) return Error{"empty requirement in selector \"" + text + "\"", {}};
        if (auto e = addRequirement(req, sel)) return *e;
    }
    return sel;
}

} // namespace kns::scenario
