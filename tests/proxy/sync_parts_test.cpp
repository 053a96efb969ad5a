#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include <kubenetsim/proxy/sync_parts.hpp>

using namespace kns;

TEST_CASE("a set of services' rules answers for exactly the rules it was built from") {
    std::vector<std::shared_ptr<const proxy::ServiceRules>> all, even;
    for (int k = 0; k < 3000; ++k) {
        all.push_back(std::make_shared<proxy::ServiceRules>());
        if (k % 2 == 0) even.push_back(all.back());
    }
    even.push_back(even.front());  // a service listed twice is in it once
    const proxy::RulesSet set(even);
    for (std::size_t k = 0; k < all.size(); ++k) {
        CAPTURE(k);
        REQUIRE(set.count(all[k].get()) == (k % 2 == 0));
    }
    CHECK_FALSE(set.count(nullptr));
    const proxy::RulesSet none;
    CHECK_FALSE(none.count(all[0].get()));
    const proxy::RulesSet empty(std::vector<std::shared_ptr<const proxy::ServiceRules>>{});
    CHECK_FALSE(empty.count(all[0].get()));
}
