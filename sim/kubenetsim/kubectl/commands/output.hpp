#pragma once
// The one place where kubectl's verbs turn objects into text. Layouts belong to
// kubectl/printers (tables, describe, messages, ages) and manifest/ (-o yaml|json); this file
// forwards to them. Where one of them is not available yet it falls back to a plain rendering
// in the era's conventions, named as such below.
#include <string>
#include <vector>

#include <kubenetsim/kubectl/commands/command_context.hpp>

namespace kns::kubectl {

struct TableOptions {
    bool wide = false;
    bool showLabels = false;
    bool withNamespace = false;  // -A: a NAMESPACE column first
    bool withKindPrefix = false; // `get all`: names as "po/NAME" (legacy) or "pod/NAME" (modern)
    bool noHeaders = false;
    bool showAll = false;        // legacy -a: also Succeeded/Failed pods
};

// The table of `kubectl get` for objects of one kind (keys as in ClusterState).
std::string renderTable(Context& ctx, Kind kind, const std::vector<std::string>& keys, const TableOptions& opt);
// `get all`: one table per non-empty group, names prefixed with the kind.
std::string renderGetAll(Context& ctx, const std::vector<std::pair<Kind, std::vector<std::string>>>& groups, const TableOptions& opt);
// The kinds `get all` lists, in the era's order.
std::vector<Kind> getAllKinds(Era era);
// What get says on stderr when nothing matched.
std::string noResourcesMessage(const Context& ctx, bool namespacedKind);
// `-o name`: "pod/rcsise-6nq3k" (modern) / "pods/rcsise-6nq3k" (legacy 1.5).
std::string renderNames(Context& ctx, Kind kind, const std::vector<std::string>& keys);
// `-o yaml` / `-o json`: the objects as a List, or one named object alone (asList false).
std::string renderEncoded(Context& ctx, const std::vector<std::pair<Kind, std::string>>& objects, const std::string& format, bool asList);
// `kubectl describe` of one object.
std::string renderDescribe(Context& ctx, Kind kind, const std::string& key);
// `replicationcontroller "rcsise" scaled` (legacy) / `replicationcontroller/rcsise scaled`.
std::string actionMessage(Era era, Kind kind, const std::string& name, const std::string& verb);
// kubectl's short age of a duration in the era's style (57s, 15m / 95s, 5m12s).
std::string formatAge(SimTime age, Era era);

// Lays out rows as kubectl's tabwriter does: each cell but the last padded to the column's widest
// cell plus 3 spaces, at least minWidth (10 in kubectl 1.5, 6 today).
std::string layoutColumns(const std::vector<std::vector<std::string>>& rows, Era era);

} // namespace kns::kubectl
