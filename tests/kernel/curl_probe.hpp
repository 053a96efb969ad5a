#pragma once
// The same `curl -s -m 5 URL` run again and again, in a real namespace and in the simulation, and
// what came back summarised in terms both sides can be compared on: exit codes, which pods
// answered (by address), and the "host" and "from" of simpleservice's answers.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "kernel_network.hpp"
#include "kernel_scenario.hpp"

namespace kns::kerneltest {

struct CurlSummary {
    std::set<int> exits;
    std::map<std::string, std::set<std::string>> fromByServer;  // pod IP -> "from" values it reported
    std::set<std::string> hosts;                                // "host" values of the answers
    int runs = 0;
    long elapsedMs = 0;  // wall time of all runs (real), simulated time (simulated)
    std::set<std::string> servers() const;
    std::string describe() const;
};

// What a probe should see: each server that must answer with the "from" it must report, the
// exit code, and the Host header curl sends.
struct CurlExpectation {
    std::map<std::string, std::string> fromByServer;
    int exit = 0;
    std::string host;
    std::string describe() const;
};

// The command line both sides run.
std::string curlCommand(const std::string& url);

// Runs the curl in the real namespace of `clientKey` until every server of `wanted` answered or
// `maxRuns` runs were made.
CurlSummary realCurls(KernelNetwork& net, const std::string& clientKey, const std::string& url,
                      const std::set<std::string>& wanted, int maxRuns);

// The same through the simulation's shell: on the shell's node (`curl ...`) or in a pod
// (`kubectl exec POD -- curl ...`). Which pod answered is read from the new conntrack entries
// for the URL's address and port. Nothing (and `pending` says why) while the simulation cannot
// run that curl.
std::optional<CurlSummary> simulatedCurls(KernelScenario& scenario, const std::string& clientKey, const std::string& url,
                                          const std::set<std::string>& wanted, int maxRuns, std::string& pending);

// Packets counted by the REJECT rules for `address` in `iptables-save -c -t filter` output.
long rejectCount(const std::string& filterSaveWithCounters, const std::string& address);

// Does the summary show exactly what was expected (every expected server, no other)?
bool matches(const CurlSummary& s, const CurlExpectation& e);
// Do two summaries agree on exits, servers, "from" per server and hosts?
bool agree(const CurlSummary& a, const CurlSummary& b);

} // namespace kns::kerneltest
