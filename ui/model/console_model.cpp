#include <ui/model/console_model.hpp>

#include <algorithm>
#include <set>

#include <kubenetsim/kubectl/commands/resource_types.hpp>

namespace kns::ui {
namespace {

// kubectl's verbs, as kubectl/commands/kubectl.cpp's verb table lists them.
const std::vector<std::string> kKubectlVerbs{"apply", "create", "delete", "describe", "exec", "expose", "get", "label",
                                             "logs", "port-forward", "rollout", "run", "scale", "version"};
const std::vector<std::string> kResourceWords{"deployments", "endpoints", "namespaces", "nodes", "pods", "rc",
                                              "replicasets", "replicationcontrollers", "rs", "services", "svc"};
// Words after which a new command starts.
const std::set<std::string> kCommandSeparators{"|", ";", "&&", "||", "do", "then", "sudo"};

std::vector<std::string> splitWords(const std::string& line) {
    std::vector<std::string> words;
    std::string word;
    for (char c : line) {
        if (c == ' ' || c == '\t') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else if (c == '|' || c == ';') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
            words.emplace_back(1, c);
        } else {
            word += c;
        }
    }
    words.push_back(word);  // the word being typed (maybe empty)
    return words;
}

// Names (without namespace) of the objects of the kind a resource word names.
std::vector<std::string> objectNames(const Simulation& sim, const std::string& word) {
    std::vector<std::string> names;
    auto kind = kubectl::resolveResourceType(word, sim.config().era);
    if (!kind) return names;
    kubectl::visitKind(*kind, [&](auto tag) {
        using T = typename decltype(tag)::type;
        for (const auto& [key, object] : sim.objects().template of<T>()) names.push_back(object.meta.name);
    });
    return names;
}

std::vector<std::string> keysOf(const auto& map) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : map) keys.push_back(key);
    return keys;
}

// The `sim` subcommands, read from its usage line ("sim node down|up NODE | sim bridge-nf ...").
std::vector<std::string> simSubcommands(const shell::Shell& sh) {
    std::vector<std::string> subs;
    const shell::CommandInfo* info = sh.findCommand("sim");
    if (!info) return subs;
    const std::string& usage = info->usage;
    for (auto pos = usage.find("sim "); pos != std::string::npos; pos = usage.find("sim ", pos + 4)) {
        if (pos > 0 && usage[pos - 1] != ' ' && usage[pos - 1] != '|' && usage[pos - 1] != '(') continue;
        auto end = usage.find_first_of(" |)", pos + 4);
        std::string sub = usage.substr(pos + 4, end == std::string::npos ? std::string::npos : end - pos - 4);
        if (!sub.empty() && std::find(subs.begin(), subs.end(), sub) == subs.end()) subs.push_back(sub);
    }
    return subs;
}

std::vector<std::string> kubectlCandidates(const Simulation& sim, const std::vector<std::string>& args, const std::string& word) {
    const std::size_t index = args.size();  // position of `word` after "kubectl"
    if (index == 1) return kKubectlVerbs;
    const std::string& verb = args[1];
    // TYPE/NAME
    if (auto slash = word.find('/'); slash != std::string::npos) {
        std::vector<std::string> out;
        for (const auto& n : objectNames(sim, word.substr(0, slash))) out.push_back(word.substr(0, slash + 1) + n);
        return out;
    }
    if (verb == "exec" || verb == "logs" || verb == "port-forward") return objectNames(sim, "pods");
    if (verb == "apply" || verb == "create") return {"-f"};
    if (verb == "rollout") return index == 2 ? std::vector<std::string>{"status", "history", "undo"} : objectNames(sim, "deployments");
    if (verb == "scale" && (word.empty() || word[0] == '-')) return {"--replicas="};
    // The first non-flag argument is the resource type, the following ones are names.
    std::string type;
    for (std::size_t i = 2; i < args.size(); ++i)
        if (!args[i].empty() && args[i][0] != '-') {
            type = args[i];
            break;
        }
    if (type.empty() || type.find('/') != std::string::npos) return kResourceWords;
    return objectNames(sim, type);
}

std::vector<std::string> simCandidates(const shell::Shell& sh, const std::vector<std::string>& args) {
    const Simulation& sim = sh.sim();
    const std::size_t index = args.size();
    if (index == 1) return simSubcommands(sh);
    const std::string& sub = args[1];
    const auto nodes = keysOf(sim.objects().nodes);
    if (sub == "node") return index == 2 ? std::vector<std::string>{"down", "up"} : nodes;
    if (sub == "pod") return index == 2 ? std::vector<std::string>{"unready", "ready"} : objectNames(sim, "pods");
    if (sub == "bridge-nf" || sub == "hairpin") return index == 2 ? std::vector<std::string>{"on", "off"} : nodes;
    if (sub == "proxy-era") return {"legacy", "modern"};
    if (sub == "link") return index == 2 ? nodes : std::vector<std::string>{"loss", "latency", "bandwidth"};
    if (sub == "restore") return keysOf(const_cast<shell::Shell&>(sh).snapshots());
    return {};
}

std::string commonPrefix(const std::vector<std::string>& words) {
    if (words.empty()) return {};
    std::string prefix = words.front();
    for (const auto& w : words) {
        std::size_t n = 0;
        while (n < prefix.size() && n < w.size() && prefix[n] == w[n]) ++n;
        prefix.resize(n);
    }
    return prefix;
}

void appendLines(std::vector<ConsoleModel::Line>& lines, const std::string& text, ConsoleModel::Line::Kind kind, std::size_t entry) {
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back({kind, text.substr(start, end - start), entry});
        start = end + 1;
    }
}

} // namespace

const std::string& ConsoleModel::prompt() const { return m_session.shell().prompt(); }

std::vector<ConsoleModel::Line> ConsoleModel::lines() const {
    std::vector<Line> lines;
    const auto& entries = m_session.transcript();
    const SimTime view = m_session.viewTime();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ConsoleEntry& e = entries[i];
        if (e.startedAt > view) break;  // typed after the instant the view shows
        if (e.cleared && e.finishedAt <= view) {
            lines.clear();
            continue;
        }
        lines.push_back({Line::Kind::Command, prompt() + e.line, i});
        if (e.finishedAt > view) {
            lines.push_back({Line::Kind::Pending, "", i});
            break;
        }
        for (const auto& chunk : e.chunks) appendLines(lines, chunk.text, chunk.isError ? Line::Kind::Err : Line::Kind::Out, i);
    }
    return lines;
}

std::string ConsoleModel::text() const {
    std::string text;
    for (const Line& l : lines())
        if (l.kind != Line::Kind::Pending) text += l.text + "\n";
    return text;
}

std::string ConsoleModel::entryText(std::size_t entry) const {
    const auto& entries = m_session.transcript();
    if (entry >= entries.size()) return {};
    std::string text;
    for (const auto& chunk : entries[entry].chunks) text += chunk.text;
    return text;
}

bool ConsoleModel::submit() {
    const std::string line = input;
    input.clear();
    m_historyPos = SIZE_MAX;
    m_draft.clear();
    if (line.find_first_not_of(" \t") == std::string::npos) return false;
    m_session.run(line);
    return true;
}

void ConsoleModel::historyUp() {
    const auto& history = m_session.shell().history();
    if (history.empty()) return;
    if (m_historyPos > history.size()) {
        m_draft = input;
        m_historyPos = history.size();
    }
    if (m_historyPos == 0) return;
    --m_historyPos;
    input = history[m_historyPos];
}

void ConsoleModel::historyDown() {
    const auto& history = m_session.shell().history();
    if (m_historyPos >= history.size()) return;
    ++m_historyPos;
    if (m_historyPos == history.size()) {
        input = m_draft;
        m_historyPos = SIZE_MAX;
    } else {
        input = history[m_historyPos];
    }
}

ConsoleModel::Completion ConsoleModel::complete(const std::string& line) const {
    const std::vector<std::string> words = splitWords(line);
    const std::string& word = words.back();
    // The words of the command the cursor is in.
    std::vector<std::string> args;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (kCommandSeparators.count(words[i])) args.clear();
        else args.push_back(words[i]);
    }
    const shell::Shell& sh = m_session.shell();
    std::vector<std::string> all;
    if (args.empty()) {
        all = keysOf(sh.commands());
        all.push_back("sudo");
    } else if (args[0] == "kubectl") {
        all = kubectlCandidates(sh.sim(), args, word);
    } else if (args[0] == "sim") {
        all = simCandidates(sh, args);
    } else if ((args[0] == "node" || args[0] == "docker") && args.size() == (args[0] == "docker" ? 2u : 1u)) {
        all = keysOf(sh.sim().objects().nodes);
    }
    Completion c;
    for (const auto& w : all)
        if (w.rfind(word, 0) == 0 && std::find(c.candidates.begin(), c.candidates.end(), w) == c.candidates.end()) c.candidates.push_back(w);
    std::sort(c.candidates.begin(), c.candidates.end());
    c.line = line;
    if (c.candidates.empty()) return c;
    std::string completed = commonPrefix(c.candidates);
    if (c.candidates.size() == 1 && completed.back() != '=' && completed.back() != '/') completed += ' ';
    c.line = line.substr(0, line.size() - word.size()) + completed;
    return c;
}

ConsoleModel::Completion ConsoleModel::completeInput() {
    Completion c = complete(input);
    input = c.line;
    return c;
}

void ConsoleModel::paste(const std::string& text) {
    for (char ch : text) {
        if (ch == '\r') continue;
        if (ch == '\n') submit();
        else input += ch;
    }
}

} // namespace kns::ui
