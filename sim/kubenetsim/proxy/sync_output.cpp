#include <algorithm>

#include <kubenetsim/proxy/proxy_rules.hpp>

namespace kns::proxy {

namespace {
std::size_t countLines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }
} // namespace

std::string SyncOutput::restoreText() const {
    std::size_t size = 32 + filterChains.size() + filterHead.size() + filterTail.size() + natChains.size() + natChainsTail.size() + natHead.size() +
                       natTail.size();
    for (const auto& s : services) size += s->filterRules.size() + s->natChains.size() + s->natRules.size();
    std::string text;
    text.reserve(size);
    text += "*filter\n";
    text += filterChains;
    text += filterHead;
    for (const auto& s : services) text += s->filterRules;
    text += filterTail;
    text += "COMMIT\n*nat\n";
    text += natChains;
    for (const auto& s : services) text += s->natChains;
    text += natChainsTail;
    text += natHead;
    for (const auto& s : services) text += s->natRules;
    text += natTail;
    text += "COMMIT\n";
    return text;
}

void finishSyncOutput(SyncOutput& out) {
    // "*filter", "COMMIT", "*nat", "COMMIT" and every part.
    out.lines = 4;
    for (const std::string* part : {&out.filterChains, &out.filterHead, &out.filterTail, &out.natChains, &out.natChainsTail, &out.natHead, &out.natTail})
        out.lines += countLines(*part);
    for (const auto& s : out.services) out.lines += s->lines;
}

} // namespace kns::proxy
