#include <kubenetsim/scenario/scenario_loader.hpp>

#include <algorithm>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>

#include <kubenetsim/scenario/cluster_definition.hpp>
#include <kubenetsim/scenario/json_checker.hpp>
#include <kubenetsim/scenario/question_answer.hpp>
#include <kubenetsim/scenario/state_predicate.hpp>
#include <kubenetsim/scenario/time_text.hpp>
#include <kubenetsim/scenario/variables.hpp>

namespace kns::scenario {
namespace {

const std::vector<std::string> kTopKeys{"$schema", "title", "description", "profile", "cluster", "seed",
                                        "start_time", "time_zone", "reservations", "steps"};
const std::vector<std::string> kStepKeys{"narration", "commands", "expect", "advance", "requires", "pause_at", "question"};
const std::vector<std::string> kExpectKeys{"exact", "contains", "lines", "regex", "status", "state"};
const std::vector<std::string> kHooks{"prerouting", "input", "forward", "output", "postrouting"};

// Checks that the variables in text are well formed; message names the column.
void checkVariables(JsonChecker& c, const std::string& text, const std::string& path) {
    auto refs = findVariables(text);
    if (!refs) c.fail(path, refs.error().message + " (at " + refs.error().location + ")");
}

Text readText(JsonChecker& c, const Json& v, const std::string& path) {
    Text t;
    if (!c.object(v, path, {"en", "ja"}, {"en", "ja"})) return t;
    if (auto en = c.string(v, "en", path)) t.en = *en;
    if (auto ja = c.string(v, "ja", path)) t.ja = *ja;
    return t;
}

void readExpectation(JsonChecker& c, const Json& v, const std::string& path, Step& step) {
    if (!v.is_object()) {
        c.fail(path, std::string("expected an object such as {\"contains\": \"...\"}, got ") + JsonChecker::typeName(v));
        return;
    }
    if (v.size() != 1) {
        c.fail(path, "an expectation has exactly one key (exact, contains, lines, regex, status or state), got " +
                         std::to_string(v.size()));
        if (v.empty()) return;
    }
    const std::string key = v.begin().key();
    const Json& value = v.begin().value();
    const std::string valuePath = childPath(path, key);
    Expectation e;
    e.path = path;
    if (key == "exact" || key == "contains" || key == "regex" || key == "state") {
        if (!value.is_string()) {
            c.fail(valuePath, std::string("expected a string, got ") + JsonChecker::typeName(value));
            return;
        }
        e.text = value.get<std::string>();
        checkVariables(c, e.text, valuePath);
    }
    if (key == "exact") e.kind = Expectation::Kind::Exact;
    else if (key == "contains") {
        e.kind = Expectation::Kind::Contains;
        if (e.text.empty()) c.fail(valuePath, "an empty \"contains\" always holds");
    } else if (key == "regex") {
        e.kind = Expectation::Kind::Regex;
        try {
            std::regex re(e.text, std::regex::ECMAScript);
        } catch (const std::regex_error& err) {
            c.fail(valuePath, "invalid regular expression: " + std::string(err.what()));
        }
    } else if (key == "state") {
        e.kind = Expectation::Kind::State;
        auto p = parseStatePredicate(e.text);
        if (!p) c.fail(valuePath, p.error().message + " (at " + p.error().location + " of \"" + e.text + "\")");
    } else if (key == "status") {
        e.kind = Expectation::Kind::Status;
        if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > 255) {
            c.fail(valuePath, std::string("expected an exit status 0-255, got ") + JsonChecker::typeName(value));
            return;
        }
        e.status = value.get<int>();
    } else if (key == "lines") {
        e.kind = Expectation::Kind::Lines;
        auto lines = c.strings(v, "lines", path);
        if (!lines) return;
        if (lines->empty()) c.fail(valuePath, "an empty \"lines\" always holds");
        for (std::size_t i = 0; i < lines->size(); ++i) {
            if ((*lines)[i].find('\n') != std::string::npos) c.fail(indexPath(valuePath, i), "a line cannot contain a newline");
            checkVariables(c, (*lines)[i], indexPath(valuePath, i));
        }
        e.lines = *lines;
    } else {
        std::string hint = closestMatch(key, kExpectKeys);
        c.fail(path, "unknown expectation \"" + key + "\"" + (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"));
        return;
    }
    step.expect.push_back(std::move(e));
}

void readPauseAt(JsonChecker& c, const Json& v, const std::string& path, Step& step) {
    if (!c.object(v, path, {"node", "hook", "chain", "table"}, {"node"})) return;
    PauseAt p;
    if (auto n = c.string(v, "node", path)) p.node = *n;
    if (auto h = c.string(v, "hook", path)) {
        p.hook = *h;
        if (std::find(kHooks.begin(), kHooks.end(), *h) == kHooks.end())
            c.fail(childPath(path, "hook"), "unknown hook \"" + *h + "\" (expected prerouting, input, forward, output or postrouting)");
    }
    if (auto ch = c.string(v, "chain", path)) p.chain = *ch;
    if (auto t = c.string(v, "table", path)) {
        p.table = *t;
        if (*t != "nat" && *t != "filter" && *t != "mangle" && *t != "raw")
            c.fail(childPath(path, "table"), "unknown table \"" + *t + "\" (expected nat, filter, mangle or raw)");
        if (!v.contains("chain")) c.fail(childPath(path, "table"), "\"table\" goes with \"chain\"");
    }
    if (v.contains("hook") == v.contains("chain")) c.fail(path, "give exactly one of \"hook\" and \"chain\"");
    step.pauseAt = p;
}

void readQuestion(JsonChecker& c, const Json& v, const std::string& path, Step& step) {
    if (!c.object(v, path, {"prompt", "choices", "answer_from"}, {"prompt", "answer_from"})) return;
    Question q;
    if (v.contains("prompt")) q.prompt = readText(c, v["prompt"], childPath(path, "prompt"));
    if (auto a = c.string(v, "answer_from", path)) q.answerFrom = *a;
    if (v.contains("choices")) {
        const std::string p = childPath(path, "choices");
        if (c.array(v["choices"], p)) {
            for (std::size_t i = 0; i < v["choices"].size(); ++i) {
                const Json& choice = v["choices"][i];
                if (choice.is_string()) q.choices.push_back({choice.get<std::string>(), choice.get<std::string>()});
                else q.choices.push_back(readText(c, choice, indexPath(p, i)));
            }
            if (q.choices.size() < 2) c.fail(p, "a question needs at least two choices");
        }
    }
    if (v.contains("answer_from") && !q.answerFrom.empty() && !isKnownAnswerName(q.answerFrom))
        c.fail(childPath(path, "answer_from"),
               "unknown answer \"" + q.answerFrom + "\" (expected endpoint-of-next-connection, next-chain or curl-from)");
    step.question = q;
}

Step readStep(JsonChecker& c, const Json& v, const std::string& path) {
    Step s;
    s.path = path;
    if (!c.object(v, path, kStepKeys, {"narration", "commands"})) return s;
    if (v.contains("narration")) s.narration = readText(c, v["narration"], childPath(path, "narration"));
    if (auto cmds = c.strings(v, "commands", path)) {
        s.commands = *cmds;
        for (std::size_t i = 0; i < s.commands.size(); ++i) {
            const std::string p = indexPath(childPath(path, "commands"), i);
            if (s.commands[i].find('\n') != std::string::npos) c.fail(p, "a command is one line");
            checkVariables(c, s.commands[i], p);
        }
    }
    if (v.contains("expect")) {
        const std::string p = childPath(path, "expect");
        if (c.array(v["expect"], p))
            for (std::size_t i = 0; i < v["expect"].size(); ++i) readExpectation(c, v["expect"][i], indexPath(p, i), s);
    }
    if (auto adv = c.string(v, "advance", path)) {
        s.advance = parseDuration(*adv);
        if (!s.advance) c.fail(childPath(path, "advance"), "\"" + *adv + "\" is not a duration (for example \"57s\", \"5m\", \"1m30s\")");
    }
    if (v.contains("requires")) {
        const std::string p = childPath(path, "requires");
        std::vector<std::string> features;
        if (v["requires"].is_string()) features.push_back(v["requires"].get<std::string>());
        else if (auto list = c.strings(v, "requires", path)) features = *list;
        for (const auto& f : features) {
            const auto& known = knownFeatures();
            if (std::find(known.begin(), known.end(), f) == known.end()) c.fail(p, "unknown feature \"" + f + "\" (expected data-plane)");
        }
        s.requirements = features;
    }
    if (v.contains("pause_at")) readPauseAt(c, v["pause_at"], childPath(path, "pause_at"), s);
    if (v.contains("question")) readQuestion(c, v["question"], childPath(path, "question"), s);
    return s;
}

void readReservations(JsonChecker& c, const Json& v, const std::string& path, Reservations& r) {
    if (!c.object(v, path, {"cluster_ips", "pod_names"})) return;
    if (v.contains("cluster_ips")) {
        const std::string p = childPath(path, "cluster_ips");
        const Json& ips = v["cluster_ips"];
        if (!ips.is_object()) c.fail(p, std::string("expected an object {\"namespace/name\": \"a.b.c.d\"}, got ") + JsonChecker::typeName(ips));
        else
            for (const auto& [key, ip] : ips.items()) {
                const std::size_t slash = key.find('/');
                if (slash == std::string::npos || slash == 0 || slash + 1 == key.size() || key.find('/', slash + 1) != std::string::npos)
                    c.fail(childPath(p, key), "expected a key \"namespace/name\"");
                if (!ip.is_string() || !validIPv4(ip.get<std::string>(), false))
                    c.fail(childPath(p, key), "expected an IPv4 address, got " + ip.dump());
                else r.clusterIPs[key] = ip.get<std::string>();
            }
    }
    if (auto names = c.strings(v, "pod_names", path)) {
        static const std::regex kDnsLabel("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        for (std::size_t i = 0; i < names->size(); ++i)
            if (!std::regex_match((*names)[i], kDnsLabel) || (*names)[i].size() > 63)
                c.fail(indexPath(childPath(path, "pod_names"), i), "\"" + (*names)[i] + "\" is not a valid pod name");
        r.podNames = *names;
    }
}

void readScenario(JsonChecker& c, const Json& doc, Scenario& s) {
    const std::string root = "$";
    if (!c.object(doc, root, kTopKeys, {"title", "description", "steps"})) return;
    if (doc.contains("title")) s.title = readText(c, doc["title"], "$.title");
    if (doc.contains("description")) s.description = readText(c, doc["description"], "$.description");
    if (auto p = c.string(doc, "profile", root)) {
        if (*p != "legacy" && *p != "modern") c.fail("$.profile", "unknown profile \"" + *p + "\" (expected legacy or modern)");
        s.profile = *p;
    }
    if (!doc.contains("profile") && !doc.contains("cluster")) c.fail(root, "give a \"profile\" (legacy or modern) or a \"cluster\" definition");
    if (doc.contains("cluster")) {
        ClusterConfig probe;
        readClusterDefinition(c, doc["cluster"], "$.cluster", !doc.contains("profile"), probe);
        s.clusterDefinition = doc["cluster"];
    }
    if (auto seed = c.integer(doc, "seed", root, 0, std::numeric_limits<long long>::max())) s.seed = static_cast<std::uint64_t>(*seed);
    if (auto start = c.string(doc, "start_time", root)) {
        auto t = parseRfc3339(*start);
        if (!t) c.fail("$.start_time", "\"" + *start + "\" is not an RFC 3339 time with an offset (for example \"2017-04-25T14:47:43+01:00\")");
        else {
            s.startEpochSeconds = t->epochSeconds;
            s.tzOffsetMinutes = t->offsetMinutes;  // the display zone defaults to the one the time is written in
        }
    }
    if (auto tz = c.string(doc, "time_zone", root)) {
        auto off = parseUtcOffset(*tz);
        if (!off) c.fail("$.time_zone", "\"" + *tz + "\" is not a UTC offset (for example \"+01:00\", \"-05:30\", \"Z\")");
        else s.tzOffsetMinutes = *off;
    }
    if (doc.contains("reservations")) readReservations(c, doc["reservations"], "$.reservations", s.reservations);
    if (doc.contains("steps") && c.array(doc["steps"], "$.steps")) {
        if (doc["steps"].empty()) c.fail("$.steps", "a scenario needs at least one step");
        for (std::size_t i = 0; i < doc["steps"].size(); ++i) s.steps.push_back(readStep(c, doc["steps"][i], indexPath("$.steps", i)));
    }
}

} // namespace

std::pair<std::size_t, std::size_t> lineColumnAt(const std::string& text, std::size_t byteOffset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byteOffset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

Expected<Scenario, LoadErrors> parseScenario(const std::string& jsonText, const std::string& name) {
    Json doc;
    try {
        doc = Json::parse(jsonText);
    } catch (const Json::parse_error& e) {
        // nlohmann's byte is one past the offending character (1-based); point at the character.
        auto [line, column] = lineColumnAt(jsonText, e.byte == 0 ? 0 : e.byte - 1);
        std::string what = e.what();
        const std::size_t detail = what.find(": ", what.find("parse error"));
        if (detail != std::string::npos) what = what.substr(detail + 2);
        return LoadErrors{Error{"JSON syntax error: " + what, name + ":" + std::to_string(line) + ":" + std::to_string(column)}};
    }
    JsonChecker checker(name);
    Scenario s;
    s.file = name;
    readScenario(checker, doc, s);
    if (!checker.errors().empty()) return checker.errors();
    return s;
}

Expected<Scenario, LoadErrors> loadScenarioFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return LoadErrors{Error{"cannot open the file", path}};
    std::ostringstream text;
    text << in.rdbuf();
    return parseScenario(text.str(), path);
}

} // namespace kns::scenario
