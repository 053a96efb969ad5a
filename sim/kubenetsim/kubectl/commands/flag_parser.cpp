#include <kubenetsim/kubectl/commands/flag_parser.hpp>

#include <cctype>

namespace kns::kubectl {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::string ParsedArgs::getOr(const std::string& name, const std::string& fallback) const {
    auto v = get(name);
    return v ? *v : fallback;
}

bool ParsedArgs::flag(const std::string& name) const {
    auto v = get(name);
    return v && *v == "true";
}

std::vector<std::string> ParsedArgs::all(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::vector<std::string>{} : it->second;
}

namespace {

const FlagSpec* findLong(const std::vector<FlagSpec>& specs, const std::string& name) {
    for (const auto& s : specs)
        if (s.name == name) return &s;
    return nullptr;
}

const FlagSpec* findShort(const std::vector<FlagSpec>& specs, char c) {
    for (const auto& s : specs)
        if (s.shorthand == c) return &s;
    return nullptr;
}

// pflag's strconv messages for the two value types it checks at parse time.
std::optional<std::string> checkValue(const FlagSpec& spec, const std::string& value, const std::string& shown) {
    if (spec.type == FlagSpec::Type::Int) {
        std::size_t i = (!value.empty() && (value[0] == '-' || value[0] == '+')) ? 1 : 0;
        bool ok = i < value.size();
        for (; i < value.size(); ++i)
            if (!std::isdigit(static_cast<unsigned char>(value[i]))) ok = false;
        if (!ok)
            return "invalid argument \"" + value + "\" for \"" + shown + "\" flag: strconv.ParseInt: parsing \"" + value + "\": invalid syntax";
    }
    if (spec.type == FlagSpec::Type::Bool) {
        static const char* accepted[] = {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"};
        bool ok = false;
        for (const char* a : accepted) ok = ok || value == a;
        if (!ok)
            return "invalid argument \"" + value + "\" for \"" + shown + "\" flag: strconv.ParseBool: parsing \"" + value + "\": invalid syntax";
    }
    return std::nullopt;
}

std::string normalizedBool(const std::string& v) {
    return (v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "true" || v == "True") ? "true" : "false";
}

} // namespace

Expected<ParsedArgs, std::string> parseFlags(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs) {
    ParsedArgs out;
    auto store = [&](const FlagSpec& spec, const std::string& value, const std::string& shown) -> std::optional<std::string> {
        if (auto e = checkValue(spec, value, shown)) return e;
        out.values[spec.name].push_back(spec.type == FlagSpec::Type::Bool ? normalizedBool(value) : value);
        return std::nullopt;
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            out.sawDashDash = true;
            out.afterDashDash.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
            break;
        }
        if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
            const auto eq = a.find('=');
            const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            const FlagSpec* spec = findLong(specs, name);
            if (!spec) return std::string("unknown flag: --" + name);
            const std::string shown = "--" + name;
            if (eq != std::string::npos) {
                if (auto e = store(*spec, a.substr(eq + 1), shown)) return *e;
            } else if (spec->type == FlagSpec::Type::Bool) {
                out.values[spec->name].push_back("true");
            } else {
                if (i + 1 >= args.size()) return std::string("flag needs an argument: " + shown);
                if (auto e = store(*spec, args[++i], shown)) return *e;
            }
            continue;
        }
        if (a.size() > 1 && a[0] == '-' && a != "-") {
            // A run of shorthands: booleans may be combined; the first one taking a value
            // consumes the rest of the word (or the next argument).
            for (std::size_t j = 1; j < a.size(); ++j) {
                const char c = a[j];
                const FlagSpec* spec = findShort(specs, c);
                if (!spec) return std::string("unknown shorthand flag: '") + c + "' in " + a;
                const std::string shown = std::string("-") + c + ", --" + spec->name;
                if (j + 1 < a.size() && a[j + 1] == '=') {
                    if (auto e = store(*spec, a.substr(j + 2), shown)) return *e;
                    break;
                }
                if (spec->type == FlagSpec::Type::Bool) {
                    out.values[spec->name].push_back("true");
                    continue;
                }
                if (j + 1 < a.size()) {
                    if (auto e = store(*spec, a.substr(j + 1), shown)) return *e;
                    break;
                }
                if (i + 1 >= args.size()) return std::string("flag needs an argument: '") + c + "' in " + a;
                if (auto e = store(*spec, args[++i], shown)) return *e;
                break;
            }
            continue;
        }
        out.positional.push_back(a);
    }
    return out;
}

} // namespace kns::kubectl
