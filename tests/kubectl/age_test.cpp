#include <doctest/doctest.h>

#include <kubenetsim/kubectl/printers/age.hpp>

using namespace kns;
using namespace kns::printers;

TEST_CASE("legacy ages keep one truncated unit with kubectl 1.5's thresholds") {
    CHECK(shortHumanDuration(SimTime::ms(-1500)) == "0s");
    CHECK(shortHumanDuration(SimTime::s(-2)) == "<invalid>");
    CHECK(shortHumanDuration(SimTime::ms(999)) == "0s");
    CHECK(shortHumanDuration(SimTime::s(57)) == "57s");
    CHECK(shortHumanDuration(SimTime::s(59)) == "59s");
    CHECK(shortHumanDuration(SimTime::s(60)) == "1m");
    CHECK(shortHumanDuration(SimTime::s(15 * 60 + 59)) == "15m");
    CHECK(shortHumanDuration(SimTime::minutes(59) + SimTime::s(59)) == "59m");
    CHECK(shortHumanDuration(SimTime::hours(1)) == "1h");
    CHECK(shortHumanDuration(SimTime::hours(23) + SimTime::minutes(59)) == "23h");
    CHECK(shortHumanDuration(SimTime::hours(24)) == "1d");
    CHECK(shortHumanDuration(SimTime::hours(24 * 363 + 23)) == "363d");
    CHECK(shortHumanDuration(SimTime::hours(24 * 364)) == "0y");  // 1.5 divides by 365 from day 364
    CHECK(shortHumanDuration(SimTime::hours(24 * 365 * 2)) == "2y");
}

TEST_CASE("modern ages show two units where they matter, as HumanDuration does") {
    CHECK(humanDuration(SimTime::s(-2)) == "<invalid>");
    CHECK(humanDuration(SimTime::ms(-500)) == "0s");
    CHECK(humanDuration(SimTime::s(95)) == "95s");
    CHECK(humanDuration(SimTime::s(119)) == "119s");
    CHECK(humanDuration(SimTime::s(120)) == "2m");
    CHECK(humanDuration(SimTime::s(5 * 60 + 12)) == "5m12s");
    CHECK(humanDuration(SimTime::s(9 * 60 + 59)) == "9m59s");
    CHECK(humanDuration(SimTime::s(10 * 60 + 30)) == "10m");
    CHECK(humanDuration(SimTime::minutes(179)) == "179m");
    CHECK(humanDuration(SimTime::minutes(180)) == "3h");
    CHECK(humanDuration(SimTime::minutes(185)) == "3h5m");
    CHECK(humanDuration(SimTime::minutes(7 * 60 + 59)) == "7h59m");
    CHECK(humanDuration(SimTime::hours(8) + SimTime::minutes(30)) == "8h");
    CHECK(humanDuration(SimTime::hours(47)) == "47h");
    CHECK(humanDuration(SimTime::hours(48)) == "2d");
    CHECK(humanDuration(SimTime::hours(51)) == "2d3h");
    CHECK(humanDuration(SimTime::hours(24 * 8)) == "8d");
    CHECK(humanDuration(SimTime::hours(24 * 729)) == "729d");
    CHECK(humanDuration(SimTime::hours(24 * 730)) == "2y");
    CHECK(humanDuration(SimTime::hours(24 * (730 + 45))) == "2y45d");
    CHECK(humanDuration(SimTime::hours(24 * 365 * 8 + 24 * 10)) == "8y");
}

TEST_CASE("formatAge picks the era's style") {
    CHECK(formatAge(Era::Legacy, SimTime::s(312)) == "5m");
    CHECK(formatAge(Era::Modern, SimTime::s(312)) == "5m12s");
}

TEST_CASE("wall-clock instants print in Go's RFC1123Z layout in the scenario's time zone") {
    CHECK(formatRfc1123z(1493128065, 60) == "Tue, 25 Apr 2017 14:47:45 +0100");
    CHECK(formatRfc1123z(0, 0) == "Thu, 01 Jan 1970 00:00:00 +0000");
    CHECK(formatRfc1123z(1709164800, -330) == "Wed, 28 Feb 2024 18:30:00 -0530");  // 2024-02-29T00:00Z
    CHECK(formatRfc1123z(1709164800, 0) == "Thu, 29 Feb 2024 00:00:00 +0000");
}
