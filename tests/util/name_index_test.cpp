#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <kubenetsim/util/name_index.hpp>

using namespace kns;

TEST_CASE("a name index finds every name it was given at its position, and no other name") {
    std::vector<std::string> names;
    for (int k = 0; k < 5000; ++k) names.push_back("ns-" + std::to_string(k % 7) + "/svc-" + std::to_string(k));
    NameIndex index;  // no reserve: it grows as names arrive
    for (std::size_t k = 0; k < names.size(); ++k) REQUIRE(index.insert(names[k], static_cast<std::uint32_t>(k)));
    CHECK(index.size() == names.size());
    for (std::size_t k = 0; k < names.size(); ++k) REQUIRE(index.find(names[k]) == k);
    CHECK(index.find("ns-0/svc-5000") == NameIndex::npos);
    CHECK(index.find("") == NameIndex::npos);
    CHECK(index.find(names[0] + "x") == NameIndex::npos);
    // A name looked up through another string with the same text is the same name.
    const std::string copy = names[1234];
    CHECK(index.find(copy) == 1234);
}

TEST_CASE("a name index keeps the first position of a name given twice") {
    NameIndex index;
    index.reserve(3);
    CHECK(index.insert("default/a", 0));
    CHECK(index.insert("default/b", 1));
    CHECK_FALSE(index.insert("default/a", 2));
    CHECK(index.size() == 2);
    CHECK(index.find("default/a") == 0);
    CHECK(index.find("default/b") == 1);
}

TEST_CASE("an empty name index finds nothing") {
    const NameIndex index;
    CHECK(index.find("default/a") == NameIndex::npos);
    CHECK(index.size() == 0);
}
