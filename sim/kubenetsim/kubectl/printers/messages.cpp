#include <kubenetsim/kubectl/printers/messages.hpp>

#include <kubenetsim/kubectl/printers/get_tables.hpp>

namespace kns::printers {

std::string actionMessage(Era era, Kind kind, const std::string& name, const std::string& verb) {
    const std::string resource = resourceName(era, kind);
    if (era == Era::Legacy) {
        const std::string shown = verb == "unchanged" ? "configured" : verb;
        return resource + " \"" + name + "\" " + shown + "\n";
    }
    if (verb == "deleted" || verb == "force deleted") return resource + " \"" + name + "\" " + verb + "\n";
    return resource + "/" + name + " " + verb + "\n";
}

} // namespace kns::printers
