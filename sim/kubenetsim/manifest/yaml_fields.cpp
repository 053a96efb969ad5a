#include <kubenetsim/manifest/yaml_fields.hpp>

#include <algorithm>
#include <charconv>
#include <regex>

namespace kns::manifest_detail {

namespace {

bool isOneOf(const std::string& s, std::initializer_list<const char*> words) {
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return s == w; });
}

// YAML 1.1 integers as the Go YAML library accepts them: decimal with an optional sign, or hex.
bool parseYamlInteger(const std::string& s, std::int64_t& out) {
    std::string digits;
    for (char c : s)
        if (c != '_') digits += c;
    if (digits.empty()) return false;
    std::size_t i = 0;
    bool negative = false;
    if (digits[0] == '+' || digits[0] == '-') {
        negative = digits[0] == '-';
        i = 1;
    }
    int base = 10;
    if (digits.compare(i, 2, "0x") == 0) {
        base = 16;
        i += 2;
    }
    if (i >= digits.size()) return false;
    std::uint64_t magnitude = 0;
    auto [end, ec] = std::from_chars(digits.data() + i, digits.data() + digits.size(), magnitude, base);
    if (ec != std::errc{} || end != digits.data() + digits.size()) return false;
    if (magnitude > static_cast<std::uint64_t>(INT64_MAX)) return false;
    out = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
    return true;
}

bool looksLikeFloat(const std::string& s) {
    static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?)");
    return std::regex_match(s, kFloat) || isOneOf(s, {".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan", ".NaN", ".NAN"});
}

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

} // namespace

ScalarType resolveScalar(const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull()) return ScalarType::Null;
    if (n.Tag() == "!") return ScalarType::String;  // quoted or block scalar
    return resolvePlain(n.Scalar());
}

ScalarType resolvePlain(const std::string& s) {
    if (isOneOf(s, {"", "~", "null", "Null", "NULL"})) return ScalarType::Null;
    if (isOneOf(s, {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
                    "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"}))
        return ScalarType::Boolean;
    std::int64_t ignored = 0;
    if (parseYamlInteger(s, ignored)) return ScalarType::Integer;
    if (looksLikeFloat(s)) return ScalarType::Number;
    return ScalarType::String;
}

std::string typeName(const YAML::Node& n) {
    if (n.IsMap()) return "object";
    if (n.IsSequence()) return "array";
    switch (resolveScalar(n)) {
    case ScalarType::Null: return "null";
    case ScalarType::Boolean: return "boolean";
    case ScalarType::Integer: return "integer";
    case ScalarType::Number: return "number";
    case ScalarType::String: return "string";
    }
    return "?";
}

std::string DecodeContext::where(const YAML::Node& node) const {
    const YAML::Mark m = node.Mark();
    if (m.is_null()) return file;
    return file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

void DecodeContext::fail(const YAML::Node& at, const std::string& path, const std::string& message) const {
    throw DecodeFailure{Error{path.empty() ? message : path + ": " + message, where(at)}};
}

std::string joinPath(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}

std::string indexPath(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

namespace {

[[noreturn]] void typeError(const DecodeContext& ctx, const YAML::Node& n, const std::string& path, const char* expected) {
    std::string got = typeName(n);
    if (n.IsScalar()) got += " " + quoted(n.Scalar());
    ctx.fail(n, path, std::string("expected ") + expected + ", got " + got);
}

} // namespace

std::string readString(const DecodeContext& ctx, const YAML::Node& n, const std::string& path) {
    if (!n.IsScalar() || resolveScalar(n) != ScalarType::String) typeError(ctx, n, path, "string");
    return n.Scalar();
}

std::int64_t readInteger(const DecodeContext& ctx, const YAML::Node& n, const std::string& path) {
    std::int64_t v = 0;
    if (!n.IsScalar() || resolveScalar(n) != ScalarType::Integer || !parseYamlInteger(n.Scalar(), v))
        typeError(ctx, n, path, "integer");
    return v;
}

bool readBoolean(const DecodeContext& ctx, const YAML::Node& n, const std::string& path) {
    if (!n.IsScalar() || resolveScalar(n) != ScalarType::Boolean) typeError(ctx, n, path, "boolean");
    const std::string& s = n.Scalar();
    return isOneOf(s, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"});
}

IntOrString readIntOrString(const DecodeContext& ctx, const YAML::Node& n, const std::string& path) {
    if (n.IsScalar() && resolveScalar(n) == ScalarType::Integer) {
        const std::int64_t v = readInteger(ctx, n, path);
        if (v < INT32_MIN || v > INT32_MAX) ctx.fail(n, path, "Invalid value: " + n.Scalar() + ": out of range");
        return IntOrString::ofInt(static_cast<int>(v));
    }
    if (n.IsScalar() && resolveScalar(n) == ScalarType::String) return IntOrString::ofString(n.Scalar());
    typeError(ctx, n, path, "integer or string");
}

MapReader::MapReader(DecodeContext& ctx, YAML::Node node, std::string path)
    : m_ctx(ctx), m_node(std::move(node)), m_path(std::move(path)) {
    if (!m_node.IsDefined() || m_node.IsNull()) {
        m_node = YAML::Node(YAML::NodeType::Map);
        return;
    }
    if (!m_node.IsMap()) typeError(ctx, m_node, m_path, "object");
    // Kubernetes' YAML to JSON conversion rejects a key given twice in one mapping.
    std::vector<std::string> seen;
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        const std::string key = it->first.Scalar();
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            ctx.fail(it->first, "", "yaml: key " + quoted(key) + " already set in map");
        seen.push_back(key);
    }
}

bool MapReader::has(const std::string& key) const {
    const YAML::Node v = get(key);
    return v.IsDefined() && !v.IsNull();
}

YAML::Node MapReader::get(const std::string& key) const {
    const YAML::Node& n = m_node;  // const access: never inserts the key
    return n[key];
}

YAML::Node MapReader::take(const std::string& key) {
    m_known.push_back(key);
    return get(key);
}

bool MapReader::string(const std::string& key, std::string& out) {
    const YAML::Node v = take(key);
    if (!v.IsDefined() || v.IsNull()) return false;
    out = readString(m_ctx, v, fieldPath(key));
    return true;
}

bool MapReader::integer64(const std::string& key, std::int64_t& out) {
    const YAML::Node v = take(key);
    if (!v.IsDefined() || v.IsNull()) return false;
    out = readInteger(m_ctx, v, fieldPath(key));
    return true;
}

bool MapReader::integer(const std::string& key, int& out) {
    std::int64_t v = 0;
    if (!integer64(key, v)) return false;
    if (v < INT32_MIN || v > INT32_MAX) m_ctx.fail(get(key), fieldPath(key), "Invalid value: " + std::to_string(v) + ": out of range");
    out = static_cast<int>(v);
    return true;
}

bool MapReader::boolean(const std::string& key, bool& out) {
    const YAML::Node v = take(key);
    if (!v.IsDefined() || v.IsNull()) return false;
    out = readBoolean(m_ctx, v, fieldPath(key));
    return true;
}

bool MapReader::intOrString(const std::string& key, IntOrString& out) {
    const YAML::Node v = take(key);
    if (!v.IsDefined() || v.IsNull()) return false;
    out = readIntOrString(m_ctx, v, fieldPath(key));
    return true;
}

bool MapReader::stringMap(const std::string& key, std::map<std::string, std::string>& out) {
    const YAML::Node v = take(key);
    if (!v.IsDefined() || v.IsNull()) return false;
    const std::string path = fieldPath(key);
    if (!v.IsMap()) typeError(m_ctx, v, path, "object");
    MapReader dupCheck(m_ctx, v, path);
    out.clear();
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string k = it->first.Scalar();
        out[k] = readString(m_ctx, it->second, joinPath(path, k));
    }
    return true;
}

bool MapReader::stringList(const std::string& key, std::vector<std::string>& out) {
    const YAML::Node v = take(key);
    if (!v.IsDefined() || v.IsNull()) return false;
    const std::string path = fieldPath(key);
    if (!v.IsSequence()) typeError(m_ctx, v, path, "array");
    out.clear();
    std::size_t i = 0;
    for (const auto& item : v) out.push_back(readString(m_ctx, item, indexPath(path, i++)));
    return true;
}

bool MapReader::object(const std::string& key, const std::function<void(MapReader&)>& each) {
    const YAML::Node v = take(key);
    if (!v.IsDefined() || v.IsNull()) return false;
    MapReader nested(m_ctx, v, fieldPath(key));
    each(nested);
    nested.finish();
    return true;
}

bool MapReader::objectList(const std::string& key, const std::function<void(MapReader&, std::size_t)>& each) {
    const YAML::Node v = take(key);
    if (!v.IsDefined() || v.IsNull()) return false;
    const std::string path = fieldPath(key);
    if (!v.IsSequence()) typeError(m_ctx, v, path, "array");
    std::size_t i = 0;
    for (const auto& item : v) {
        MapReader nested(m_ctx, item, indexPath(path, i));
        each(nested, i);
        nested.finish();
        ++i;
    }
    return true;
}

void MapReader::require(const std::string& key) const {
    if (!has(key)) m_ctx.fail(m_node, fieldPath(key), "Required value");
}

void MapReader::fail(const std::string& key, const std::string& message) const {
    const YAML::Node v = get(key);
    m_ctx.fail(v.IsDefined() && !v.IsNull() ? v : m_node, fieldPath(key), message);
}

void MapReader::failHere(const std::string& message) const { m_ctx.fail(m_node, m_path, message); }

void MapReader::ignore(std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
        m_known.push_back(k);
        if (get(k).IsDefined()) m_ctx.ignoredFields.push_back(fieldPath(k));
    }
}

void MapReader::accept(std::initializer_list<const char*> keys) {
    for (const char* k : keys) m_known.push_back(k);
}

void MapReader::finish() {
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        const std::string key = it->first.Scalar();
        if (std::find(m_known.begin(), m_known.end(), key) != m_known.end()) continue;
        const YAML::Mark mark = it->first.Mark();
        m_ctx.warnings.push_back(ManifestWarning{"unknown field " + quoted(fieldPath(key)), m_ctx.where(it->first),
                                                 mark.line + 1, mark.column + 1});
    }
}

} // namespace kns::manifest_detail
