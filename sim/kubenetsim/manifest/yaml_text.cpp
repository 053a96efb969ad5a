// kubectl's -o yaml layout of a JSON value: block style, 2-space indent, sequences at the same
// indent as their key (as the Go YAML library writes them), strings plain unless YAML would read
// them as something else or could not read them at all.
#include <kubenetsim/manifest/encode.hpp>

#include <kubenetsim/manifest/yaml_fields.hpp>

#include <regex>

namespace kns {

namespace {

using Json = nlohmann::ordered_json;

// Could `s` be written without quotes and still read back as this same string?
bool plainIsSafe(const std::string& s) {
    if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
    const char first = s.front();
    if (std::string("#,[]{}&*!|>'\"%@`").find(first) != std::string::npos) return false;
    if ((first == '-' || first == '?' || first == ':') && (s.size() == 1 || s[1] == ' ')) return false;
    if (s.back() == ':') return false;
    if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos) return false;
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f) return false;
    return true;
}

bool hasControl(const std::string& s) {
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\n') || c == 0x7f) return true;
    return false;
}

std::string doubleQuoted(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02X", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

std::string singleQuoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

class YamlWriter {
public:
    explicit YamlWriter(Era era) : m_era(era) {}

    std::string take() { return std::move(m_out); }

    // A mapping whose first line continues the current one (after "- ") when `inlineFirst`.
    void mapping(const Json& obj, int indent, bool inlineFirst) {
        bool first = true;
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (!(first && inlineFirst)) m_out += std::string(static_cast<std::size_t>(indent), ' ');
            first = false;
            m_out += scalarText(it.key()) + ":";
            value(it.value(), indent, false);
        }
    }

    void sequence(const Json& arr, int indent, bool inlineFirst) {
        bool first = true;
        for (const auto& item : arr) {
            if (!(first && inlineFirst)) m_out += std::string(static_cast<std::size_t>(indent), ' ');
            first = false;
            m_out += "-";
            if (item.is_object() && !item.empty()) {
                m_out += " ";
                mapping(item, indent + 2, true);
            } else if (item.is_array() && !item.empty()) {
                m_out += " ";
                sequence(item, indent + 2, true);
            } else {
                value(item, indent, true);
            }
        }
    }

private:
    // Writes what follows "key:" or "-" (a space and a scalar, or a nested block).
    void value(const Json& v, int indent, bool inSequence) {
        if (v.is_object() && !v.empty()) {
            m_out += "\n";
            mapping(v, indent + 2, false);
        } else if (v.is_array() && !v.empty()) {
            m_out += "\n";
            sequence(v, inSequence ? indent + 2 : indent, false);
        } else if (v.is_string() && v.get<std::string>().find('\n') != std::string::npos && !hasControl(v.get<std::string>())) {
            literal(v.get<std::string>(), indent + 2);
        } else {
            m_out += " " + scalarText(v) + "\n";
        }
    }

    void literal(const std::string& s, int indent) {
        const bool trailingNewline = s.back() == '\n';
        m_out += trailingNewline ? " |\n" : " |-\n";
        std::size_t start = 0;
        const std::string body = trailingNewline ? s.substr(0, s.size() - 1) : s;
        while (start <= body.size()) {
            std::size_t end = body.find('\n', start);
            if (end == std::string::npos) end = body.size();
            const std::string line = body.substr(start, end - start);
            m_out += (line.empty() ? "" : std::string(static_cast<std::size_t>(indent), ' ') + line) + "\n";
            start = end + 1;
        }
    }

    std::string scalarText(const Json& v) const {
        if (v.is_null()) return "null";
        if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
        if (v.is_object()) return "{}";
        if (v.is_array()) return "[]";
        if (!v.is_string()) return v.dump();
        return stringText(v.get<std::string>());
    }

    std::string stringText(const std::string& s) const {
        using manifest_detail::ScalarType;
        // Today's YAML library also reads RFC 3339 timestamps as their own type and quotes them.
        static const std::regex kTimestamp(R"([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?)");
        if (manifest_detail::resolvePlain(s) != ScalarType::String) return doubleQuoted(s);
        if (m_era == Era::Modern && std::regex_match(s, kTimestamp)) return doubleQuoted(s);
        if (hasControl(s) || s.find('\n') != std::string::npos) return doubleQuoted(s);
        if (plainIsSafe(s)) return s;
        return singleQuoted(s);
    }

    Era m_era;
    std::string m_out;
};

} // namespace

std::string yamlText(const nlohmann::ordered_json& value, Era era) {
    YamlWriter w(era);
    if (value.is_object() && !value.empty()) w.mapping(value, 0, false);
    else if (value.is_array() && !value.empty()) w.sequence(value, 0, false);
    else return (value.is_object() ? "{}" : value.is_array() ? "[]" : value.dump()) + "\n";
    return w.take();
}

} // namespace kns
