#include <kubenetsim/kubectl/commands/output.hpp>

#include <algorithm>

#include <kubenetsim/kubectl/printers/age.hpp>
#include <kubenetsim/manifest/encode.hpp>
#include <kubenetsim/kubectl/printers/describe.hpp>
#include <kubenetsim/kubectl/printers/formatting.hpp>
#include <kubenetsim/kubectl/printers/get_tables.hpp>
#include <kubenetsim/kubectl/printers/messages.hpp>

namespace kns::kubectl {

// Tables, names, messages, ages and descriptions come from kubectl/printers; -o yaml|json from
// manifest/'s encoders.

namespace {

printers::TableOptions toPrinterOptions(const TableOptions& opt) {
    printers::TableOptions p;
    p.wide = opt.wide;
    p.showLabels = opt.showLabels;
    p.allNamespaces = opt.withNamespace;
    p.noHeaders = opt.noHeaders;
    p.withKind = opt.withKindPrefix;
    p.showAll = opt.showAll;
    return p;
}

const ObjectMeta& metaOf(Context& ctx, Kind kind, const std::string& key) {
    Api api = ctx.api();
    return visitKind(kind, [&](auto tag) -> const ObjectMeta& {
        using Obj = typename decltype(tag)::type;
        return api.getByKey<Obj>(key)->meta;
    });
}

} // namespace

std::string layoutColumns(const std::vector<std::vector<std::string>>& rows, Era era) {
    const std::size_t minWidth = era == Era::Legacy ? 10 : 6;
    std::vector<std::size_t> width;
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (width.size() <= i) width.push_back(0);
            width[i] = std::max(width[i], r[i].size());
        }
    std::string out;
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t i = 0; i < r.size(); ++i) {
            line += r[i];
            if (i + 1 < r.size()) line.append(std::max(width[i] + 3, minWidth) - r[i].size(), ' ');
        }
        out += line + "\n";
    }
    return out;
}

std::string renderTable(Context& ctx, Kind kind, const std::vector<std::string>& keys, const TableOptions& opt) {
    return printers::printTable(ctx.sim, kind, keys, toPrinterOptions(opt));
}

std::string renderGetAll(Context& ctx, const std::vector<std::pair<Kind, std::vector<std::string>>>& groups, const TableOptions& opt) {
    std::vector<printers::KindKeys> in;
    for (const auto& [kind, keys] : groups) in.push_back(printers::KindKeys{kind, keys});
    return printers::printGetAll(ctx.sim, in, toPrinterOptions(opt));
}

std::vector<Kind> getAllKinds(Era era) { return printers::getAllKinds(era); }

std::string noResourcesMessage(const Context& ctx, bool namespacedKind) {
    return printers::noResourcesMessage(ctx.era(), ctx.ns, ctx.allNamespaces, namespacedKind);
}

std::string renderNames(Context& ctx, Kind kind, const std::vector<std::string>& keys) { return printers::printNames(ctx.sim, kind, keys); }

std::string renderEncoded(Context& ctx, const std::vector<std::pair<Kind, std::string>>& objects, const std::string& format, bool asList) {
    Api api = ctx.api();
    std::vector<nlohmann::ordered_json> items;
    for (const auto& [kind, key] : objects) {
        visitKind(kind, [&](auto tag) {
            using Obj = typename decltype(tag)::type;
            if (const Obj* o = api.getByKey<Obj>(key)) items.push_back(toJson(ctx.sim, *o));
        });
    }
    nlohmann::ordered_json value = (!asList && items.size() == 1) ? items.front() : listJson(std::move(items));
    return format == "json" ? jsonText(value) : yamlText(value, ctx.era());
}

std::string renderDescribe(Context& ctx, Kind kind, const std::string& key) {
    if (auto text = printers::describe(ctx.sim, kind, key)) return *text;
    // Kinds the printers do not describe (namespaces, endpoint slices): identity only.
    const ObjectMeta& m = metaOf(ctx, kind, key);
    std::vector<std::vector<std::string>> rows{{"Name:", m.name}};
    if (isNamespaced(kind)) rows.push_back({"Namespace:", m.ns});
    rows.push_back({"Labels:", printers::formatLabels(m.labels)});
    return layoutColumns(rows, Era::Legacy);
}

std::string actionMessage(Era era, Kind kind, const std::string& name, const std::string& verb) {
    std::string line = printers::actionMessage(era, kind, name, verb);
    if (!line.empty() && line.back() == '\n') line.pop_back();
    return line;
}

std::string formatAge(SimTime age, Era era) { return printers::formatAge(era, age); }

} // namespace kns::kubectl
