#include <doctest/doctest.h>

#include <algorithm>

#include <kubenetsim/netfilter/evaluator.hpp>
#include <kubenetsim/netfilter/save.hpp>
#include <kubenetsim/proxy/parsed_parts.hpp>
#include <kubenetsim/proxy/proxy_rules.hpp>

#include <kubenetsim/util/parallel.hpp>

#include "../support/generated_rules.hpp"

using namespace kns;
using namespace kns::netfilter;

namespace {

std::string saved(const Ruleset& r) { return saveRuleset(r, {std::nullopt, true, "x"}); }

// One node's kube-proxy twice over: `parts` syncs through applySync with a cache (the rules
// written from the sync's parts), `text` restores every sync's whole text, as the real one does.
struct TwoNodes {
    Era era;
    Ruleset parts, text;
    proxy::SyncCache cache;
    Rng order{11};

    explicit TwoNodes(Era e) : era(e) {
        if (era == Era::Legacy) {
            proxy::addLegacyKubeletRules(parts);
            proxy::addLegacyKubeletRules(text);
        }
    }

    // Syncs both; true when the parts were written without the text.
    bool sync(const ClusterState& objects) {
        proxy::SyncInput in = testing::generatedSyncInput(era, objects, parts);
        in.existingNatChains.clear();
        in.natTable = parts.table(TableId::Nat);
        in.cache = &cache;
        // kube-proxy visits services in a fresh random order on every sync.
        for (std::size_t i = in.serviceOrder.size(); i > 1; --i) std::swap(in.serviceOrder[i - 1], in.serviceOrder[order.below(i)]);
        proxy::SyncInput plain = testing::generatedSyncInput(era, objects, text);
        plain.serviceOrder = in.serviceOrder;
        const proxy::SyncOutput a = era == Era::Legacy ? proxy::generateLegacyRules(in) : proxy::generateModernRules(in);
        const proxy::SyncOutput b = era == Era::Legacy ? proxy::generateLegacyRules(plain) : proxy::generateModernRules(plain);
        const std::string textA = a.restoreText();
        REQUIRE(textA == b.restoreText());
        CHECK(a.lines == static_cast<std::size_t>(std::count(textA.begin(), textA.end(), '\n')));
        const RestoreResult ra = proxy::applySync(parts, a, &cache);
        const RestoreResult rb = proxy::applySync(text, b);
        REQUIRE_MESSAGE(rb.ok, rb.errorText);
        CHECK(ra.ok);
        CHECK(ra.rulesWritten == rb.rulesWritten);
        CHECK(ra.tablesCommitted == rb.tablesCommitted);
        return cache.applied.natStamp != 0;
    }

    // Traffic between syncs: counters, nth counters and affinity lists the next sync must treat
    // as the restore does.
    void traffic(Rng& pick) {
        const std::uint64_t seed = pick.next();
        for (Ruleset* r : {&parts, &text}) {
            Rng draws(seed);
            RecentLists recent;
            EvalContext ctx{&draws, &recent, SimTime::s(1), [](Ipv4 ip) { return ip.str() == "10.0.2.15"; }, Walk::Indexed};
            Rng same(7);
            for (int i = 0; i < 60; ++i) {
                PacketFields f;
                const int svc = static_cast<int>(same.below(50));
                f.src = *Ipv4::parse(same.below(2) ? "192.168.1.1" : "10.244.0.2");
                f.dst = *Ipv4::parse(testing::generatedClusterIP(svc));
                f.dport = static_cast<std::uint16_t>(80 + svc % 3);
                f.proto = testing::generatedIsUdp(svc) ? "udp" : "tcp";
                evaluateHook(*r->table(TableId::Nat), Hook::Prerouting, f, ctx, nullptr);
                PacketFields g = f;
                evaluateHook(*r->table(TableId::Filter), Hook::Forward, g, ctx, nullptr);
            }
        }
    }
};

} // namespace

TEST_CASE("a sync written from its parts gives the tables the restore of its whole text gives, through random changes") {
    for (Era era : {Era::Legacy, Era::Modern}) {
        CAPTURE(era == Era::Legacy ? "legacy" : "modern");
        ClusterState objects = testing::generatedServices(50);
        TwoNodes nodes(era);
        Rng change(era == Era::Legacy ? 21 : 22);
        std::uint64_t version = 100000;
        int added = 0;
        int fromParts = 0;
        fromParts += nodes.sync(objects);
        CHECK(saved(nodes.parts) == saved(nodes.text));
        for (int round = 0; round < 30; ++round) {
            CAPTURE(round);
            const int kind = static_cast<int>(change.below(7));
            char name[32];
            std::snprintf(name, sizeof name, "gen/svc-%03d", static_cast<int>(change.below(50)));
            const std::string key = name;
            auto ep = objects.endpoints.find(key);
            auto slice = objects.endpointSlices.find(key + "-x");
            const bool present = objects.services.count(key) && ep != objects.endpoints.end() && slice != objects.endpointSlices.end();
            if (kind == 0 && present && !ep->second.subsets.empty() && !ep->second.subsets[0].addresses.empty()) {
                // An endpoint replaced by another.
                const std::string ip = "10.250.0." + std::to_string(round + 2);
                ep->second.subsets[0].addresses[0].ip = ip;
                ep->second.meta.resourceVersion = ++version;
                if (!slice->second.endpoints.empty()) slice->second.endpoints[0].addresses = {ip};
                slice->second.meta.resourceVersion = ++version;
            } else if (kind == 1 && present) {
                // Every endpoint gone.
                ep->second.subsets.clear();
                ep->second.meta.resourceVersion = ++version;
                slice->second.endpoints.clear();
                slice->second.meta.resourceVersion = ++version;
            } else if (kind == 2) {
                objects.services.erase(key);
            } else if (kind == 3) {
                // A new service, from a second generated set.
                ClusterState more = testing::generatedServices(1, ++version);
                Service svc = more.services.begin()->second;
                svc.meta.name = "new-" + std::to_string(++added);
                svc.clusterIP = "172.31.0." + std::to_string(added);
                version += 3;
                objects.services["gen/" + svc.meta.name] = svc;
            } else if (kind == 4 && objects.services.count(key)) {
                objects.services[key].sessionAffinity = "ClientIP";
                objects.services[key].meta.resourceVersion = ++version;
            } else if (kind == 5) {
                // Someone else writes into a chain kube-proxy owns; the next sync flushes it.
                for (Ruleset* r : {&nodes.parts, &nodes.text})
                    REQUIRE(restoreRuleset(*r, "*nat\n-A KUBE-MARK-MASQ -j RETURN\nCOMMIT\n", {true, false, false}).ok);
            } else {
                nodes.traffic(change);
            }
            fromParts += nodes.sync(objects);
            REQUIRE(saved(nodes.parts) == saved(nodes.text));
            if (change.below(3) == 0) {
                nodes.traffic(change);
                CHECK(saved(nodes.parts) == saved(nodes.text));
            }
        }
        // Most syncs were written from their parts (else this test would prove nothing).
        CHECK(fromParts > 25);
    }
}

TEST_CASE("a sync whose text the restore would refuse is restored from its text, errors included") {
    // Without the kubelet's KUBE-MARK-DROP, a legacy load balancer's firewall chain jumps to a
    // missing chain: the restore refuses the nat table.
    ClusterState objects = testing::generatedServices(12);
    objects.services["gen/svc-001"].status.loadBalancerIngress = {"203.0.113.9"};
    objects.services["gen/svc-001"].meta.resourceVersion = 999999;
    Ruleset parts, text;
    proxy::SyncCache cache;
    const proxy::SyncOutput a = testing::generatedSync(Era::Legacy, objects, parts, &cache);
    const proxy::SyncOutput b = testing::generatedSync(Era::Legacy, objects, text);
    const RestoreResult ra = proxy::applySync(parts, a, &cache);
    const RestoreResult rb = proxy::applySync(text, b);
    CHECK_FALSE(rb.ok);
    CHECK(ra.ok == rb.ok);
    CHECK(ra.errorText == rb.errorText);
    CHECK(ra.exitStatus == rb.exitStatus);
    CHECK(saved(parts) == saved(text));
    CHECK(cache.applied.natStamp == 0);
}

TEST_CASE("a sync of many services gives the same text and tables on one thread and on several") {
    for (Era era : {Era::Legacy, Era::Modern}) {
        CAPTURE(era == Era::Legacy ? "legacy" : "modern");
        ClusterState objects = testing::generatedServices(1500);
        TwoNodes one(era), four(era);
        {
            ScopedWorkerThreads threads(1);
            CHECK(one.sync(objects));  // written from its parts
        }
        {
            ScopedWorkerThreads threads(4);
            CHECK(four.sync(objects));
        }
        CHECK(four.cache.services.size() > 1000);  // several threads' shares of services to write
        CHECK(four.parts.ruleCount() > proxy::ParsedParts::kMinLines);  // and of lines to parse ahead
        CHECK(saved(one.parts) == saved(four.parts));
        CHECK(saved(four.parts) == saved(four.text));
        CHECK(saved(one.text) == saved(four.text));
        // Once more with every service changed (the cache no longer holds their rules).
        for (auto& [key, svc] : objects.services) svc.meta.resourceVersion += 1000000;
        {
            ScopedWorkerThreads threads(1);
            CHECK(one.sync(objects));
        }
        {
            ScopedWorkerThreads threads(4);
            CHECK(four.sync(objects));
        }
        CHECK(saved(four.parts) == saved(four.text));
        CHECK(saved(one.parts) == saved(four.parts));
    }
}
